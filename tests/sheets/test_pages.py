"""The partner sheet's page, its PDF, its editing pages and the directory's links to it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from relais.core.models import AuditEvent
from relais.core.scope import Scope
from relais.jobs.models import NafSector
from relais.sheets import services
from relais.sheets.models import PartnerSheet
from relais.sheets.pdf import document_text, sheet_document
from relais.sheets.selectors import organization_with_sheet
from tests.organizations.factories import OrganizationFactory
from tests.sheets.factories import PartnerSheetFactory, SheetContactFactory, png_bytes


@pytest.fixture
def sheet(personas):
    sheet = PartnerSheetFactory(organization=personas.network.geiq, territory_note="Métropole de Lyon")
    SheetContactFactory(sheet=sheet)
    return sheet


def test_the_sheet_pdf_renders_with_the_partner_name_and_its_sections(personas, sheet):
    organization = organization_with_sheet(Scope.for_user(personas.counsellor_b), sheet.organization_id)
    document = sheet_document(organization)
    text = document_text(document)
    assert "GEIQ BTP Rhône" in text
    assert "Offre de service" in text and "Nadia Ferrand" in text and "Chloé Martin" in text
    assert len(document.pages) == 1
    assert document.write_pdf()[:5] == b"%PDF-"


def test_the_pdf_holds_an_svg_or_png_logo_without_fetching_anything(personas, sheet):
    coordinator = Scope.for_user(personas.geiq_coordinator)
    services.logo_set(
        organization=sheet.organization,
        scope=coordinator,
        uploaded_file=SimpleUploadedFile("logo.png", png_bytes()),
    )
    organization = organization_with_sheet(coordinator, sheet.organization_id)
    assert sheet_document(organization).write_pdf()[:5] == b"%PDF-"


def test_the_pdf_view_answers_a_pdf_to_every_member(client, personas, sheet):
    client.force_login(personas.counsellor_b)
    response = client.get(f"/fiches/{sheet.organization_id}/fiche.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content[:5] == b"%PDF-"


def test_the_sheet_page_shows_the_sheet_and_the_referents_to_a_reader(client, personas, sheet):
    client.force_login(personas.counsellor_b)
    page = client.get(f"/fiches/{sheet.organization_id}/").content.decode()
    assert "GEIQ BTP Rhône" in page and "Nadia Ferrand" in page and "Mission Locale de Lyon" in page
    assert "Modifier la fiche" not in page


def test_a_partner_without_a_sheet_shows_the_directory_information(client, personas):
    client.force_login(personas.counsellor_a)
    page = client.get(f"/fiches/{personas.network.geiq_2.pk}/").content.decode()
    assert 'data-testid="empty-sheet"' in page and "Propreté Isère" in page


def test_a_mission_locale_has_no_sheet_page(client, personas):
    client.force_login(personas.counsellor_a)
    assert client.get(f"/fiches/{personas.network.ml_a.pk}/").status_code == 404
    assert client.get(f"/fiches/{personas.network.ml_a.pk}/fiche.pdf").status_code == 404


def test_the_coordinator_completes_the_sheet_and_it_is_audited(client, personas, db):
    n = personas.network
    naf = NafSector.objects.create(code="43", label="Travaux de construction spécialisés", level=1)
    client.force_login(personas.geiq_coordinator)
    assert client.get(f"/fiches/{n.geiq_2.pk}/modifier/").status_code == 200
    response = client.post(
        f"/fiches/{n.geiq_2.pk}/modifier/",
        {
            "presentation": "Nous qualifions.",
            "offer": "Alternance.",
            "naf_sectors": [naf.pk],
            "territory_note": "",
        },
    )
    assert response.status_code == 302
    sheet = PartnerSheet.objects.get(organization=n.geiq_2)
    assert (sheet.presentation, list(sheet.naf_sectors.all())) == ("Nous qualifions.", [naf])
    assert AuditEvent.objects.filter(action="partner_sheet.update").exists()


def test_a_reader_cannot_open_the_editing_pages(client, personas, sheet):
    client.force_login(personas.geiq_recruiter)
    pk = sheet.organization_id
    for url in (f"/fiches/{pk}/modifier/", f"/fiches/{pk}/logo/changer/", f"/fiches/{pk}/documents/deposer/"):
        assert client.get(url).status_code == 403
    assert client.post(f"/fiches/{pk}/modifier/", {"presentation": "Piraté"}).status_code == 403
    sheet.refresh_from_db()
    assert sheet.presentation != "Piraté"


def test_a_too_long_text_is_refused_and_what_was_typed_is_kept(client, personas, sheet):
    client.force_login(personas.geiq_coordinator)
    response = client.post(
        f"/fiches/{sheet.organization_id}/modifier/", {"presentation": "x" * 3001, "offer": "Mon offre"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Mon offre" in page and "3000" in page


def test_removing_a_contact_asks_for_confirmation_first(client, personas, sheet):
    contact = sheet.contacts.get()
    client.force_login(personas.geiq_coordinator)
    url = f"/fiches/{sheet.organization_id}/contacts/{contact.pk}/retirer/"
    assert 'data-testid="remove-confirm"' in client.get(url).content.decode()
    assert sheet.contacts.count() == 1
    assert client.post(url).status_code == 302
    assert sheet.contacts.count() == 0


def test_the_directory_links_each_partner_and_network_head_to_its_sheet(client, personas):
    n = personas.network
    client.force_login(personas.counsellor_a)
    listing = client.get("/reseau/partenaires/").content.decode()
    for organization in (n.cr_geiq, n.geiq, n.geiq_2):
        assert f'href="/fiches/{organization.pk}/"' in listing
    detail = client.get(f"/reseau/organisations/{n.cr_geiq.pk}/").content.decode()
    assert f'href="/fiches/{n.cr_geiq.pk}/"' in detail
    assert "/fiches/" not in client.get(f"/reseau/organisations/{n.ml_a.pk}/").content.decode()


def test_the_directory_list_queries_do_not_grow_with_its_rows(client, personas):
    client.force_login(personas.counsellor_a)
    with CaptureQueriesContext(connection) as few:
        client.get("/reseau/partenaires/")
    for i in range(5):
        OrganizationFactory(kind="geiq", name=f"GEIQ n°{i}", parent=personas.network.cr_geiq)
    with CaptureQueriesContext(connection) as more:
        client.get("/reseau/partenaires/")
    assert len(more) == len(few)
