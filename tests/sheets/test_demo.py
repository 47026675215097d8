"""The demo sheets are created for the demo's CR GEIQ and GEIQ (slugs of relais/demo/network.py), once."""

from relais.organizations.enums import OrganizationKind
from relais.sheets.demo import DEMO_SHEETS, create_demo_sheets
from relais.sheets.models import PartnerSheet
from tests.organizations.factories import OrganizationFactory


def test_the_demo_sheets_are_created_for_the_cr_geiq_and_some_geiq_once(network):
    # The personas' CR GEIQ carries the demo's slug "cr-geiq-84"; the GEIQ get the demo's slugs here.
    for slug, *_ in DEMO_SHEETS[1:]:
        OrganizationFactory(
            kind=OrganizationKind.GEIQ, slug=slug, name=f"GEIQ {slug}", parent=network.cr_geiq
        )
    assert create_demo_sheets() == len(DEMO_SHEETS)
    sheet = PartnerSheet.objects.get(organization=network.cr_geiq)
    assert sheet.offer and sheet.logo_content_type == "image/svg+xml" and sheet.contacts.count() == 1
    assert create_demo_sheets() == 0
