"""Extension points of the directory, filled by later apps from their providers.py (sheets builds on
organizations); see relais/core/providers.py."""

from relais.core.providers import Action, ExtensionPoint

# (organization, scope) -> Action | None: links shown on the organisation's page and on its directory row.
# Called once per row of a directory page: a provider must answer without a query.
ORGANIZATION_LINKS = ExtensionPoint("organizations.links", returns=Action)


def organization_links(organization, scope) -> list[Action]:
    return ORGANIZATION_LINKS.collect(organization, scope)
