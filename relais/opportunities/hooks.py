"""Extension points of the opportunities, filled by later apps from their providers.py (positionings builds on
opportunities); see relais/core/providers.py."""

from relais.core.providers import Action, ExtensionPoint

# (opportunity, scope) -> Action | None: buttons shown on the opportunity's page.
DETAIL_ACTIONS = ExtensionPoint("opportunities.detail_actions", returns=Action)
# (opportunity) -> None, run inside the transaction when an opportunity is filled, closed or cancelled: what
# later apps attached to it (positionings) is settled with it.
ON_ENDED = ExtensionPoint("opportunities.on_ended")


def detail_actions(opportunity, scope) -> list[Action]:
    return DETAIL_ACTIONS.collect(opportunity, scope)


def opportunity_ended(opportunity) -> None:
    ON_ENDED.run(opportunity)
