"""A counsellor imports an I-Milo export: preview, confirmation, then the follow-up page until the job ends."""

import pytest
from playwright.sync_api import expect

from relais.youths.enums import ImportStatus
from relais.youths.models import Youth, YouthImport
from tests.youths.test_imports import GOOD_ROWS, csv_bytes


@pytest.mark.django_db(transaction=True)
def test_counsellor_imports_a_file_and_follows_the_job_to_its_end(page, login, screenshot, personas, rome):
    login(personas.counsellor_a)
    page.goto("/jeunes/import/")
    page.get_by_label("Fichier export I-Milo").set_input_files(
        files=[{"name": "export.csv", "mimeType": "text/csv", "buffer": csv_bytes(GOOD_ROWS)}]
    )
    page.get_by_role("button", name="Analyser le fichier").click()
    expect(page.get_by_text("3 fiches à créer")).to_be_visible()
    page.get_by_role("button", name="Confirmer l'import").click()
    # The job ran (in-process in the tests): the follow-up page shows the result.
    page.wait_for_url("**/jeunes/import/suivi/*/")
    expect(page.get_by_test_id("import-done")).to_contain_text("3 fiches créées")
    screenshot(page, "youth-import-done")
    assert Youth.objects.count() == 3


@pytest.mark.django_db(transaction=True)
def test_the_follow_up_page_updates_itself_while_the_job_runs(page, login, screenshot, personas):
    job = YouthImport.objects.create(
        mission_locale=personas.network.ml_a,
        requested_by=personas.counsellor_a,
        filename="export.csv",
        status=ImportStatus.CHECKING,
        rows_total=50_000,
        rows_checked=10_000,
    )
    login(personas.counsellor_a)
    page.goto(f"/jeunes/import/suivi/{job.pk}/")
    expect(page.get_by_text("10000 lignes vérifiées sur 50000")).to_be_visible()
    screenshot(page, "youth-import-checking")
    YouthImport.objects.filter(pk=job.pk).update(status=ImportStatus.SAVING, rows_checked=50_000)
    expect(page.get_by_text("Étape 2 sur 3")).to_be_visible(timeout=10_000)
    YouthImport.objects.filter(pk=job.pk).update(status=ImportStatus.DONE, created_count=50_000)
    expect(page.get_by_test_id("import-done")).to_contain_text("50000 fiches créées", timeout=10_000)
