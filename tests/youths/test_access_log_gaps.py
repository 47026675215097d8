"""Pages that name young people write their access-log row: archive confirmation, import preview."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from relais.core.models import AccessLog
from relais.core.selectors import accesses_to
from tests.youths.factories import YouthFactory, birth_date_for_age
from tests.youths.test_imports import csv_bytes, row

pytestmark = pytest.mark.django_db


def test_the_archive_confirmation_page_logs_the_read(client, personas, youth_a):
    client.force_login(personas.counsellor_a)
    response = client.get(reverse("youths:archive", args=[youth_a.pk]))
    assert response.status_code == 200 and "Canari" in response.content.decode()
    [log] = accesses_to(youth_a)
    assert log.kind == AccessLog.Kind.READ and log.user == personas.counsellor_a
    assert log.path == reverse("youths:archive", args=[youth_a.pk])


def test_the_import_preview_logs_the_records_it_names(client, personas, rome):
    ml = personas.network.ml_a
    stored = YouthFactory(
        mission_locale=ml,
        imilo_id="1001",
        last_name="Martin",
        first_name="Hélène",
        birth_date=birth_date_for_age(20),
    )
    untouched = YouthFactory(mission_locale=ml, imilo_id="9999")
    content = csv_bytes(
        [
            row(**{"Identifiant I-Milo": "1001", "Nom": "Martin", "Prénom": "Hélène"}),
            row(**{"Identifiant I-Milo": "1002", "Nom": "Durand", "Prénom": "Inès"}),
        ]
    )
    client.force_login(personas.counsellor_a)
    response = client.post(
        reverse("youths:import"),
        {"mission_locale": ml.pk, "file": SimpleUploadedFile("export.csv", content, content_type="text/csv")},
    )
    assert response.status_code == 200
    assert 'data-testid="import-preview"' in response.content.decode()
    [log] = accesses_to(stored)
    assert log.kind == AccessLog.Kind.LIST and log.user == personas.counsellor_a
    assert not accesses_to(untouched).exists()


def test_an_import_preview_listing_only_errors_logs_nothing(client, personas, rome):
    ml = personas.network.ml_a
    YouthFactory(mission_locale=ml, imilo_id="1001")
    content = csv_bytes([row(**{"Identifiant I-Milo": "1001", "Date de naissance": "pas une date"})])
    client.force_login(personas.counsellor_a)
    response = client.post(
        reverse("youths:import"),
        {"mission_locale": ml.pk, "file": SimpleUploadedFile("export.csv", content, content_type="text/csv")},
    )
    assert 'data-testid="import-errors"' in response.content.decode()
    assert not AccessLog.objects.exists()
