"""Exports of the frozen review: XLSX typed with a sheet per breakdown and filters, CSV, and the PDF built by the
background job (pypdf is not in the lock: the text is WeasyPrint's, laid out from the same snapshot)."""

import csv
import io

import pytest
from openpyxl import load_workbook

from relais.conventions.enums import IndicatorCode
from relais.core.workflows import apply
from relais.reviews.enums import ExportStatus
from relais.reviews.models import ReviewExport
from relais.reviews.pdf import review_document
from relais.reviews.workflow import REVIEW_WORKFLOW
from relais.sheets.pdf import document_text
from tests.reviews.conftest import hire_youths

pytestmark = pytest.mark.django_db
HIRED = IndicatorCode.YOUTHS_HIRED_BY_CONTRACT.value


@pytest.fixture
def frozen(personas, review, coordinator_scope):
    hire_youths(personas, review.convention, 3)
    apply(REVIEW_WORKFLOW, review, "compute", scope=coordinator_scope)
    review.refresh_from_db()
    return review


def test_the_xlsx_has_typed_numbers_and_dates_a_sheet_per_breakdown_and_filters(client, personas, frozen):
    client.force_login(personas.arml_coordinator)
    response = client.get(f"/bilans/{frozen.convention.pk}/bilan.xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[0] == "Indicateurs"
    sheet = workbook["Indicateurs"]
    assert sheet.auto_filter.ref.startswith("A1:H")
    rows = {row[1]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows[HIRED][3] == 3 and isinstance(rows[HIRED][3], int)
    assert rows[HIRED][7].date() == frozen.computed_at.date()
    # The hires by contract type are a breakdown: a sheet of their own, numbers typed; so are the Missions Locales.
    assert "Par Mission Locale" in workbook.sheetnames
    detail = workbook["Par type de contrat"]
    lines = [row for row in detail.iter_rows(min_row=2, values_only=True) if row[0] == HIRED]
    assert lines and lines[0][3] == "Contrat d'apprentissage" and lines[0][4] == 3
    assert detail.auto_filter.ref.startswith("A1:F")


def test_the_csv_lists_each_total_and_each_breakdown_line(client, personas, frozen):
    client.force_login(personas.geiq_coordinator)
    response = client.get(f"/bilans/{frozen.convention.pk}/bilan.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Code", "Indicateur", "Découpage"]
    hired = [row for row in rows if row[0] == HIRED]
    assert hired[0][2] == "Total" and hired[0][5] == "3"
    assert any(row[4] == "Contrat d'apprentissage" and row[5] == "3" for row in hired[1:])


def test_a_draft_has_no_export(client, personas, review):
    client.force_login(personas.arml_coordinator)
    assert client.get(f"/bilans/{review.convention.pk}/bilan.csv").status_code == 404


def test_the_pdf_is_built_in_the_background_and_holds_the_frozen_figures(
    client, personas, frozen, django_capture_on_commit_callbacks
):
    client.force_login(personas.arml_coordinator)
    # Queued once the request commits; the test settings run the job at once.
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.post(f"/bilans/{frozen.convention.pk}/pdf/")
    assert response.status_code == 302
    export = ReviewExport.objects.get(review=frozen)
    assert export.status == ExportStatus.PENDING
    assert "Préparation du PDF : 0" in client.get(f"/bilans/{frozen.convention.pk}/").content.decode()
    for callback in queued:
        callback()
    export.refresh_from_db()
    assert (export.status, export.progress) == (ExportStatus.DONE, 100)
    status = client.get(f"/bilans/{frozen.convention.pk}/pdf/{export.pk}/etat/").content.decode()
    assert "Télécharger le PDF" in status
    download = client.get(f"/bilans/{frozen.convention.pk}/pdf/{export.pk}/telecharger/")
    content = b"".join(download.streaming_content)
    assert content.startswith(b"%PDF") and download["Content-Type"] == "application/pdf"
    text = document_text(review_document(frozen))
    assert "Bilan annuel" in text and "Charte CR GEIQ" in text
    assert "Jeunes recrutés" in text and "Contrat d'apprentissage" in text
    # Asked again for the same freeze, the file is reused.
    client.post(f"/bilans/{frozen.convention.pk}/pdf/")
    assert ReviewExport.objects.filter(review=frozen).count() == 1


def test_another_organisations_member_gets_404_on_the_exports(client, personas, frozen, django_user_model):
    from relais.organizations.enums import Role
    from tests.organizations.factories import user_with_role

    outsider = user_with_role(personas.network.arml_ge, Role.COORDINATOR, "coordination@arml-ge.test")
    client.force_login(outsider)
    assert client.get(f"/bilans/{frozen.convention.pk}/bilan.xlsx").status_code == 404
    assert client.post(f"/bilans/{frozen.convention.pk}/pdf/").status_code == 404


def test_an_observer_has_the_tables_but_not_the_parties_pdf(client, personas, frozen, coordinator_scope):
    from relais.reviews.services import export_request

    export = export_request(review=frozen, scope=coordinator_scope)
    client.force_login(personas.state_observer)
    # The observer's tables are the roll-up's, masked (tests/reviews/test_rollup.py).
    assert client.get(f"/bilans/{frozen.convention.pk}/bilan.csv")["Location"] == "/bilans/consolidation/"
    refused = client.post(f"/bilans/{frozen.convention.pk}/pdf/", follow=True).content.decode()
    assert "Le PDF du bilan est réservé aux parties de la convention." in refused
    assert client.get(f"/bilans/{frozen.convention.pk}/pdf/{export.pk}/telecharger/").status_code == 404
    assert ReviewExport.objects.filter(review=frozen).count() == 1
