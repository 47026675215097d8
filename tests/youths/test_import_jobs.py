"""A confirmed import runs in the job queue; its follow-up page shows its progress, then its result."""

import html

import pytest
from django.urls import reverse

from relais.youths import imports
from relais.youths.enums import ImportStatus
from relais.youths.import_jobs import FILE_GONE, youth_import_run
from relais.youths.models import Youth, YouthImport
from tests.youths.factories import YouthFactory, birth_date_for_age
from tests.youths.test_imports import GOOD_ROWS, csv_bytes, row, upload


@pytest.fixture
def ml_a(personas, rome):
    return personas.network.ml_a


def text(response) -> str:
    """The page's text with its whitespace collapsed, as read."""
    return " ".join(html.unescape(response.content.decode()).split())


def preview_and_confirm(client, ml, content, capture):
    client.post(reverse("youths:import"), {"mission_locale": ml.pk, "file": upload(content)})
    with capture(execute=True):
        response = client.post(reverse("youths:import_commit"))
    assert response.status_code == 302
    return response.url


def test_the_confirmed_import_runs_as_a_job_and_its_page_shows_the_result(
    client, personas, ml_a, django_capture_on_commit_callbacks
):
    client.force_login(personas.counsellor_a)
    url = preview_and_confirm(client, ml_a, csv_bytes(GOOD_ROWS), django_capture_on_commit_callbacks)
    job = YouthImport.objects.get()
    assert url == reverse("youths:import_status", args=[job.pk])
    assert (job.status, job.created_count, job.rows_total, job.upload_token) == (ImportStatus.DONE, 3, 3, "")
    page = text(client.get(url))
    assert "Import terminé" in page
    assert "3 fiches créées, 0 mises à jour, 0 inchangées." in page
    assert 'data-fr-current-step="3"' in page
    assert "hx-trigger" not in page  # a finished import is not polled
    # The fragment htmx polls: no layout, and 286 tells htmx to stop polling.
    fragment = client.get(url, headers={"HX-Request": "true"})
    assert fragment.status_code == 286
    assert "<html" not in text(fragment) and "Import terminé" in text(fragment)


def test_a_running_import_shows_its_progress_polled_by_htmx_and_a_link_without_javascript(
    client, personas, ml_a
):
    client.force_login(personas.counsellor_a)
    job = YouthImport.objects.create(
        mission_locale=ml_a,
        requested_by=personas.counsellor_a,
        filename="export.csv",
        status=ImportStatus.CHECKING,
        rows_total=50_000,
        rows_checked=12_500,
    )
    url = reverse("youths:import_status", args=[job.pk])
    page = text(client.get(url))
    assert "Vérification des lignes" in page and "Étape 1 sur 3" in page
    assert "12500 lignes vérifiées sur 50000" in page
    assert '<progress id="import-progress" max="50000" value="12500">' in page
    assert f'hx-get="{url}" hx-trigger="every 2s"' in page
    assert f"href=\"{url}\">Actualiser l'état de l'import</a>" in page
    fragment = client.get(url, headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    YouthImport.objects.filter(pk=job.pk).update(status=ImportStatus.SAVING)
    saving = text(client.get(url, headers={"HX-Request": "true"}))
    assert "Enregistrement des fiches" in saving and "Étape 2 sur 3" in saving


def test_a_queued_import_is_only_shown_to_the_person_who_confirmed_it(client, personas, ml_a):
    job = YouthImport.objects.create(
        mission_locale=ml_a, requested_by=personas.counsellor_a, filename="x.csv"
    )
    url = reverse("youths:import_status", args=[job.pk])
    client.force_login(personas.counsellor_a)
    assert "En attente de traitement" in text(client.get(url))
    client.force_login(personas.counsellor_b)
    assert client.get(url).status_code == 404


def test_an_import_refused_at_the_save_shows_the_row_by_row_report_and_saves_nothing(
    client, personas, ml_a, django_capture_on_commit_callbacks
):
    client.force_login(personas.counsellor_a)
    born = birth_date_for_age(19)
    values = row(
        **{
            "Identifiant I-Milo": "2001",
            "Nom": "Rivière",
            "Prénom": "Inès",
            "Date de naissance": born.isoformat(),
        }
    )
    client.post(
        reverse("youths:import"),
        {"mission_locale": ml_a.pk, "file": upload(csv_bytes([GOOD_ROWS[0], values]))},
    )
    # Between the preview and the confirmation, the same person was recorded with another I-Milo id.
    YouthFactory(
        mission_locale=ml_a, imilo_id="9999", last_name="Rivière", first_name="Inès", birth_date=born
    )
    with django_capture_on_commit_callbacks(execute=True):
        url = client.post(reverse("youths:import_commit")).url
    job = YouthImport.objects.get()
    assert job.status == ImportStatus.FAILED
    page = text(client.get(url))
    assert "L'import a été refusé : rien n'a été enregistré" in page
    assert "Un jeune de même nom et date de naissance a déjà l'identifiant I-Milo « 9999 »." in page
    assert 'data-testid="import-errors"' in page
    assert Youth.objects.count() == 1


def test_a_job_delivered_twice_runs_once_and_a_lost_file_is_reported(personas, ml_a):
    token = imports.store_upload(csv_bytes(GOOD_ROWS))
    job = YouthImport.objects.create(
        mission_locale=ml_a, requested_by=personas.counsellor_a, filename="x.csv", upload_token=token
    )
    assert youth_import_run(import_id=job.pk) == ImportStatus.DONE
    assert youth_import_run(import_id=job.pk) is None
    assert Youth.objects.count() == 3
    lost = YouthImport.objects.create(
        mission_locale=ml_a, requested_by=personas.counsellor_a, filename="x.csv", upload_token="A" * 32
    )
    assert youth_import_run(import_id=lost.pk) == ImportStatus.FAILED
    lost.refresh_from_db()
    assert lost.errors == [[0, "Fichier", FILE_GONE]]


def test_a_person_who_no_longer_follows_the_ml_gets_a_refusal_not_an_import(personas, ml_a):
    token = imports.store_upload(csv_bytes(GOOD_ROWS))
    job = YouthImport.objects.create(
        mission_locale=ml_a, requested_by=personas.counsellor_b, filename="x.csv", upload_token=token
    )
    assert youth_import_run(import_id=job.pk) == ImportStatus.FAILED
    job.refresh_from_db()
    assert job.errors == [[0, "Fichier", "Vous ne suivez pas les jeunes de cette Mission Locale."]]
    assert not Youth.objects.exists()
