"""What the sheets app adds to other apps' pages: the link from the directory to each partner's sheet."""

from django.urls import reverse

from relais.core.providers import Action
from relais.organizations.hooks import ORGANIZATION_LINKS
from relais.sheets.perms import has_sheet


@ORGANIZATION_LINKS.register
def sheet_link(organization, scope) -> Action | None:
    """Every partner structure and network head has a sheet page (filled or not): no query needed."""
    if not has_sheet(organization):
        return None
    return Action(label="Fiche partenaire", url=reverse("sheets:detail", args=[organization.pk]))
