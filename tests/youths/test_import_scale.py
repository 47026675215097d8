"""The import's save at scale: statements that do not grow with the rows, 50,000 rows, clashes, all or nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from relais.core.models import AccessLog, AccessLogSubject, AuditEvent
from relais.core.scope import Scope
from relais.youths import imports
from relais.youths.import_saving import CHANGED_MEANWHILE, save_report
from relais.youths.models import Youth
from tests.youths.factories import YouthFactory, birth_date_for_age
from tests.youths.test_imports import csv_bytes, errors_of, row


@pytest.fixture
def ml_a(personas, rome):
    return personas.network.ml_a


def many_rows(count: int, *, start: int = 0, first_name: str = "Hélène") -> list[dict]:
    """`count` distinct young people (I-Milo id, name and birth date), aged 18 to 23."""
    today = timezone.localdate()
    eighteen = today.replace(year=today.year - 18, day=1) - datetime.timedelta(days=40)
    return [
        row(
            **{
                "Identifiant I-Milo": f"IM{number:06d}",
                "Nom": f"Martin-{number:06d}",
                "Prénom": first_name,
                "Date de naissance": (eighteen - datetime.timedelta(days=number % 1800)).strftime("%d/%m/%Y"),
                "Code INSEE commune": "69123" if number % 3 else "38185",
                "Codes ROME/OGR recherchés": "15830, 38795" if number % 2 else "15830",
            }
        )
        for number in range(start, start + count)
    ]


def run_import(personas, ml, content):
    return imports.youths_import(
        mission_locale=ml, scope=Scope.for_user(personas.counsellor_a), content=content, filename="export.csv"
    )


def queries_of_import(personas, ml, content) -> int:
    with CaptureQueriesContext(connection) as captured:
        report = run_import(personas, ml, content)
    assert report.committed, errors_of(report)[:3]
    return len(captured.captured_queries)


def test_the_statements_of_an_import_do_not_grow_with_its_rows(personas, ml_a):
    ml_b = personas.network.ml_b
    personas.counsellor_a.person.memberships.create(organization=ml_b, role="counsellor")
    small, large = many_rows(50), many_rows(500)
    # Creations.
    assert queries_of_import(personas, ml_a, csv_bytes(small)) == queries_of_import(
        personas, ml_b, csv_bytes(large)
    )
    # The same files again, every record changed (first name and titles): updates.
    for rows in (small, large):
        for values in rows:
            values["Prénom"], values["Codes ROME/OGR recherchés"] = "Loïc", "11111"
    assert queries_of_import(personas, ml_a, csv_bytes(small)) == queries_of_import(
        personas, ml_b, csv_bytes(large)
    )
    assert Youth.objects.filter(mission_locale=ml_b, first_name="Loïc").count() == 500
    assert set(
        Youth.objects.get(imilo_id="IM000499", mission_locale=ml_b).sought_titles.values_list(
            "ogr_code", flat=True
        )
    ) == {"11111"}


def test_a_50000_row_export_is_accepted_and_saved(personas, ml_a):
    # A large Mission Locale's whole export; a few existing records among them are updated, not duplicated.
    rows = many_rows(50_000)
    existing = YouthFactory(
        mission_locale=ml_a,
        imilo_id="IM000007",
        last_name="Martin-000007",
        first_name="Hélène",
        birth_date=datetime.datetime.strptime(rows[7]["Date de naissance"], "%d/%m/%Y").date(),
        commune=personas.network.grenoble,
    )
    report = run_import(personas, ml_a, csv_bytes(rows))
    assert report.committed, errors_of(report)[:3]
    assert (report.to_create, report.to_update) == (49_999, 1)
    assert Youth.objects.filter(mission_locale=ml_a).count() == 50_000
    assert Youth.sought_titles.through.objects.filter(youth__mission_locale=ml_a).count() == 75_000
    existing.refresh_from_db()
    assert existing.commune == personas.network.lyon  # row 7: 7 % 3 != 0
    # Every record created or changed is traceable: one audit row, one access-log subject per record.
    event = AuditEvent.objects.get(action="youth.import")
    assert (event.details["created"], event.details["updated"]) == (49_999, 1)
    assert not AuditEvent.objects.filter(action__in=["youth.create", "youth.update"]).exists()
    subjects = AccessLogSubject.objects.filter(access_log__kind=AccessLog.Kind.IMPORT)
    assert subjects.count() == 50_000
    assert subjects.filter(subject_type="youths.youth", subject_id=existing.pk).count() == 1


def test_over_the_row_bound_the_file_is_refused(personas, ml_a, settings):
    settings.RELAIS_IMPORT_MAX_ROWS = 100
    report = run_import(personas, ml_a, csv_bytes(many_rows(101)))
    assert errors_of(report) == [
        (0, "Fichier", "Le fichier contient 101 lignes : 100 au maximum par import.")
    ]
    assert not Youth.objects.exists()


def test_a_duplicate_imilo_id_within_the_file_is_refused(personas, ml_a):
    rows = many_rows(3)
    rows[2]["Identifiant I-Milo"] = rows[0]["Identifiant I-Milo"]
    report = run_import(personas, ml_a, csv_bytes(rows))
    assert not report.committed
    assert errors_of(report) == [
        (4, "Identifiant I-Milo", "Ligne en double : même identifiant I-Milo qu'à la ligne 2.")
    ]
    assert not Youth.objects.exists()


def test_an_imilo_id_held_by_another_young_person_of_the_ml_is_refused(personas, ml_a):
    # The identity of the row belongs to a record with another I-Milo id: the file cannot give it a second one.
    born = birth_date_for_age(20)
    YouthFactory(
        mission_locale=ml_a, imilo_id="IM-A", last_name="Rivière", first_name="Inès", birth_date=born
    )
    rows = [
        row(
            **{
                "Identifiant I-Milo": "IM-B",
                "Nom": "Riviere",
                "Prénom": "Ines",
                "Date de naissance": born.isoformat(),
            }
        ),
        *many_rows(2),
    ]
    report = run_import(personas, ml_a, csv_bytes(rows))
    assert errors_of(report) == [
        (
            2,
            "Identifiant I-Milo",
            "Un jeune de même nom et date de naissance a déjà l'identifiant I-Milo « IM-A ».",
        )
    ]
    assert Youth.objects.count() == 1


def test_renaming_a_record_into_another_young_persons_identity_is_refused(personas, ml_a):
    born = birth_date_for_age(20)
    YouthFactory(
        mission_locale=ml_a, imilo_id="IM-A", last_name="Rivière", first_name="Inès", birth_date=born
    )
    YouthFactory(
        mission_locale=ml_a, imilo_id="IM-B", last_name="Bernard", first_name="Paul", birth_date=born
    )
    rows = [
        row(
            **{
                "Identifiant I-Milo": "IM-B",
                "Nom": "Rivière",
                "Prénom": "Inès",
                "Date de naissance": born.isoformat(),
            }
        )
    ]
    report = run_import(personas, ml_a, csv_bytes(rows))
    assert errors_of(report) == [
        (2, "Nom", "Un autre jeune de la Mission Locale a déjà ces nom, prénom et date de naissance.")
    ]


def test_one_failing_row_saves_nothing(personas, ml_a):
    rows = many_rows(200)
    rows[150]["Code INSEE commune"] = "00000"
    report = run_import(personas, ml_a, csv_bytes(rows))
    assert errors_of(report) == [(152, "Code INSEE commune", "Code commune INSEE inconnu : « 00000 ».")]
    assert not Youth.objects.exists()
    assert not AuditEvent.objects.filter(action="youth.import").exists()


def analysed(personas, ml, rows):
    report = imports.analyse(mission_locale=ml, content=csv_bytes(rows), filename="export.csv")
    assert report.ok, errors_of(report)[:3]
    return report


def save(personas, ml, report):
    save_report(
        report=report,
        mission_locale=ml,
        scope=Scope.for_user(personas.counsellor_a),
        filename="x",
        counsellor=None,
    )


def test_a_record_created_after_the_analysis_with_the_same_imilo_id_makes_the_save_fail(personas, ml_a):
    report = analysed(personas, ml_a, many_rows(100))
    YouthFactory(mission_locale=ml_a, imilo_id="IM000042", last_name="Autre", first_name="Personne")
    with pytest.raises(ValidationError) as raised:
        save(personas, ml_a, report)
    assert raised.value.messages == [CHANGED_MEANWHILE]
    assert Youth.objects.count() == 1  # the 99 other rows were not kept
    assert not AccessLog.objects.filter(kind=AccessLog.Kind.IMPORT).exists()


def test_a_record_edited_after_the_analysis_makes_the_whole_save_fail(personas, ml_a):
    run_import(personas, ml_a, csv_bytes(many_rows(10)))
    rows = many_rows(10) + many_rows(5, start=10)
    for values in rows[:10]:
        values["Distance max (km)"] = "35"
    report = analysed(personas, ml_a, rows)
    assert (report.to_create, report.to_update) == (5, 10)
    edited = Youth.objects.get(imilo_id="IM000003")
    edited.phone = "06 00 00 00 00"
    edited.save()  # updated_at moves: the analysis's version is stale
    with pytest.raises(ValidationError):
        save(personas, ml_a, report)
    assert Youth.objects.count() == 10
    assert not Youth.objects.filter(max_distance_km=35).exists()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's partial-index rule; PostgreSQL infers it")
def test_the_forms_imilo_clash_check_reads_the_partial_unique_index(db):
    # The services' check states the index's condition: one index probe, not a scan of the Mission Locale.
    from relais.youths.services import IMILO_INDEXED

    sql, params = Youth.objects.filter(
        IMILO_INDEXED, mission_locale_id=1, imilo_id="X"
    ).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(str(step) for step in cursor.fetchall())
    assert "USING INDEX youth_imilo_id_unique_per_ml" in plan
