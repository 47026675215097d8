import datetime
import html
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from relais.core.models import AuditEvent
from relais.core.scope import Scope
from relais.youths import imports
from relais.youths.enums import ConsentScope, QualificationLevel
from relais.youths.import_parsing import REQUIRED_COLUMNS
from relais.youths.models import Youth
from tests.territories.factories import CommuneFactory, DepartmentFactory
from tests.youths.factories import YouthFactory, birth_date_for_age

HEADER = [header for _, header in REQUIRED_COLUMNS]


def row(**values):
    base = {
        "Identifiant I-Milo": "",
        "Nom": "Martin",
        "Prénom": "Hélène",
        "Date de naissance": birth_date_for_age(20).strftime("%d/%m/%Y"),
        "Code INSEE commune": "69123",
        "Niveau de qualification": "niveau 3",
        "QPV": "non",
        "RQTH": "non",
        "CEJ": "oui",
        "Décrocheur": "non",
        "Sans diplôme": "non",
        "Permis": "oui",
        "Véhicule": "non",
        "Distance max (km)": "20",
        "Codes ROME/OGR recherchés": "15830",
        "Consentement (date)": "2026-01-05",
    }
    base.update(values)
    return base


def csv_bytes(rows, header=HEADER, encoding="utf-8", bom=False):
    lines = [";".join(header)] + [";".join(r.get(h, "") for h in header) for r in rows]
    data = ("\r\n".join(lines) + "\r\n").encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


GOOD_ROWS = [
    row(
        **{
            "Identifiant I-Milo": "1001",
            "Nom": "Martin",
            "Prénom": "Hélène",
            "RQTH": "oui",
            "Codes ROME/OGR recherchés": "15830, 38795",
        }
    ),
    row(
        **{
            "Identifiant I-Milo": "",
            "Nom": "Nguyễn",
            "Prénom": "Anaïs",
            "Date de naissance": birth_date_for_age(17).isoformat(),
            "Code INSEE commune": "38185",
            "Consentement (date)": "",
        }
    ),
    row(
        **{
            "Identifiant I-Milo": "1003",
            "Nom": "Dupré",
            "Prénom": "Loïc",
            "Niveau de qualification": "bac",
            "Distance max (km)": "",
        }
    ),
]


@pytest.fixture
def ml_a(personas, rome):
    return personas.network.ml_a


def run_import(user, ml, content, filename="export.csv"):
    return imports.youths_import(
        mission_locale=ml, scope=Scope.for_user(user), content=content, filename=filename
    )


def errors_of(report):
    return [(error.row, error.column, error.message) for error in report.errors]


def test_good_utf8_csv_with_bom_creates_every_youth(personas, ml_a):
    report = run_import(personas.counsellor_a, ml_a, csv_bytes(GOOD_ROWS, bom=True))
    assert report.committed, errors_of(report)
    assert report.to_create == 3
    helene = Youth.objects.get(imilo_id="1001")
    assert (helene.first_name, helene.rqth, helene.cej_beneficiary, helene.driving_licence) == (
        "Hélène",
        True,
        True,
        True,
    )
    assert helene.qualification_level == QualificationLevel.LEVEL_3
    assert helene.consent_given_at == datetime.date(2026, 1, 5)
    assert helene.consent_scope == ConsentScope.IDENTITY_ONLY
    assert helene.counsellor == personas.counsellor_a.person
    assert {t.ogr_code for t in helene.sought_titles.all()} == {"15830", "38795"}
    anais = Youth.objects.get(last_name="Nguyễn")
    assert anais.imilo_id is None
    assert anais.commune == personas.network.grenoble
    assert anais.consent_given_at is None and anais.consent_scope == ""
    assert Youth.objects.get(imilo_id="1003").max_distance_km is None
    assert AuditEvent.objects.get(action="youth.import").details["created"] == 3


def test_good_windows_1252_csv_is_read(personas, ml_a):
    rows = [r for r in GOOD_ROWS if r["Nom"] != "Nguyễn"]  # not representable in Windows-1252
    content = csv_bytes(rows, encoding="cp1252")
    with pytest.raises(UnicodeDecodeError):
        content.decode("utf-8")
    report = run_import(personas.counsellor_a, ml_a, content)
    assert report.committed, errors_of(report)
    assert set(Youth.objects.values_list("first_name", flat=True)) == {"Hélène", "Loïc"}
    assert Youth.objects.get(imilo_id="1003").last_name == "Dupré"


def test_xlsx_with_real_date_cells_and_a_numeric_insee_code_is_read(personas, ml_a):
    ain = DepartmentFactory(code="01", name="Ain", region=personas.network.aura)
    bourg = CommuneFactory(code="01053", name="Bourg-en-Bresse", department=ain)
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    born = birth_date_for_age(22)
    values = row(**{"Identifiant I-Milo": "X-77", "Nom": "Léger", "Prénom": "Inès"})
    values.update(
        {
            "Date de naissance": datetime.datetime.combine(born, datetime.time()),
            "Code INSEE commune": 1053,
            "Distance max (km)": 15,
            "Codes ROME/OGR recherchés": 15831,
            "Consentement (date)": datetime.datetime(2026, 1, 7),
        }
    )
    sheet.append([values[h] for h in HEADER])
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = run_import(personas.counsellor_a, ml_a, buffer.getvalue(), "export.xlsx")
    assert report.committed, errors_of(report)
    youth = Youth.objects.get()
    assert (youth.birth_date, youth.commune, youth.max_distance_km) == (born, bourg, 15)
    assert youth.consent_given_at == datetime.date(2026, 1, 7)
    assert [t.ogr_code for t in youth.sought_titles.all()] == ["15831"]


def test_missing_columns_are_reported_and_nothing_is_saved(personas, ml_a):
    header = [h for h in HEADER if h not in {"RQTH", "Date de naissance"}]
    report = run_import(personas.counsellor_a, ml_a, csv_bytes(GOOD_ROWS, header=header))
    assert not report.committed
    assert errors_of(report) == [
        (1, "Date de naissance", "Colonne obligatoire manquante."),
        (1, "RQTH", "Colonne obligatoire manquante."),
    ]
    assert not Youth.objects.exists()


def test_a_comma_separated_file_is_explained(personas, ml_a):
    content = (",".join(HEADER) + "\n").encode()
    report = imports.analyse(mission_locale=ml_a, content=content)
    assert "point-virgule" in report.errors[-1].message


def test_invalid_dates_and_ages_are_reported_row_by_row_and_nothing_is_saved(personas, ml_a):
    today = timezone.localdate()
    rows = [
        GOOD_ROWS[0],
        row(**{"Nom": "Date", "Date de naissance": "31/02/2005"}),
        row(**{"Nom": "Vieux", "Date de naissance": birth_date_for_age(30).strftime("%d/%m/%Y")}),
        row(**{"Nom": "Jeune", "Date de naissance": birth_date_for_age(15).isoformat()}),
        row(**{"Nom": "Futur", "Consentement (date)": (today + datetime.timedelta(days=3)).isoformat()}),
        row(**{"Nom": "Oui", "QPV": "peut-être", "Niveau de qualification": "master"}),
    ]
    report = run_import(personas.counsellor_a, ml_a, csv_bytes(rows))
    errors = errors_of(report)
    assert (
        3,
        "Date de naissance",
        "Date invalide « 31/02/2005 » : formats acceptés jj/mm/aaaa ou aaaa-mm-jj.",
    ) in errors
    assert [e[:2] for e in errors if "entre 16 et 25 ans" in e[2]] == [
        (4, "Date de naissance"),
        (5, "Date de naissance"),
    ]
    assert (6, "Consentement (date)", "La date du consentement ne peut pas être dans le futur.") in errors
    assert (7, "QPV", "Valeur « peut-être » non reconnue : indiquez oui ou non.") in errors
    assert any(e[:2] == (7, "Niveau de qualification") for e in errors)
    assert not any(e[0] == 2 for e in errors)
    assert not Youth.objects.exists()


def test_unknown_commune_and_rome_codes_are_reported(personas, ml_a):
    rows = [
        row(**{"Nom": "A", "Code INSEE commune": "75056"}),
        row(**{"Nom": "B", "Codes ROME/OGR recherchés": "15830, 99999"}),
        row(**{"Nom": "C", "Codes ROME/OGR recherchés": "F1703"}),
    ]
    report = run_import(personas.counsellor_a, ml_a, csv_bytes(rows))
    assert errors_of(report) == [
        (2, "Code INSEE commune", "Code commune INSEE inconnu : « 75056 »."),
        (3, "Codes ROME/OGR recherchés", "Code ROME/OGR inconnu : « 99999 »."),
        (
            4,
            "Codes ROME/OGR recherchés",
            "« F1703 » est une fiche ROME : indiquez les codes OGR des appellations.",
        ),
    ]
    assert not Youth.objects.exists()


def test_a_commune_retired_from_the_cog_is_refused(personas, ml_a):
    CommuneFactory(code="69999", name="Ancienne commune", department=personas.network.rhone, retired=True)
    report = run_import(personas.counsellor_a, ml_a, csv_bytes([row(**{"Code INSEE commune": "69999"})]))
    assert errors_of(report) == [(2, "Code INSEE commune", "Code commune INSEE inconnu : « 69999 ».")]
    assert not Youth.objects.exists()


def test_duplicate_rows_in_the_file_are_reported_and_nothing_is_saved(personas, ml_a):
    rows = [
        GOOD_ROWS[0],
        GOOD_ROWS[1],
        row(**{"Identifiant I-Milo": "1001", "Nom": "Autre"}),
        dict(GOOD_ROWS[1], **{"Nom": "NGUYỄN", "Prénom": "anaïs"}),
    ]
    report = run_import(personas.counsellor_a, ml_a, csv_bytes(rows))
    assert errors_of(report) == [
        (4, "Identifiant I-Milo", "Ligne en double : même identifiant I-Milo qu'à la ligne 2."),
        (5, "Nom", "Ligne en double : même nom, prénom et date de naissance qu'à la ligne 3."),
    ]
    assert not Youth.objects.exists()


def test_reimporting_the_same_file_creates_no_duplicates(personas, ml_a):
    content = csv_bytes(GOOD_ROWS)
    assert run_import(personas.counsellor_a, ml_a, content).committed
    again = run_import(personas.cre_a, ml_a, content)
    assert again.committed
    assert (again.to_create, again.to_update, again.unchanged) == (0, 0, 3)
    assert Youth.objects.count() == 3


def test_reimport_updates_by_imilo_id_or_by_name_and_birth_date(personas, ml_a):
    assert run_import(personas.counsellor_a, ml_a, csv_bytes(GOOD_ROWS)).committed
    changed = [
        dict(GOOD_ROWS[0], **{"Nom": "Martin-Roche", "QPV": "oui"}),  # same I-Milo id, new name
        dict(GOOD_ROWS[1], **{"Identifiant I-Milo": "1002"}),  # matched by identity, gets its id
    ]
    report = run_import(personas.counsellor_a, ml_a, csv_bytes(changed))
    assert report.committed, errors_of(report)
    assert report.to_update == 2
    assert Youth.objects.count() == 3
    assert Youth.objects.get(imilo_id="1001").last_name == "Martin-Roche"
    assert Youth.objects.get(imilo_id="1001").qpv_resident
    assert Youth.objects.get(imilo_id="1002").first_name == "Anaïs"


def test_reimport_after_a_young_person_turned_26_still_succeeds(personas, ml_a, time_machine):
    assert run_import(personas.counsellor_a, ml_a, csv_bytes(GOOD_ROWS)).committed
    time_machine.move_to(timezone.now() + datetime.timedelta(days=366 * 6))  # Hélène and Loïc are 26 now
    again = run_import(personas.counsellor_a, ml_a, csv_bytes(GOOD_ROWS))
    assert again.committed, errors_of(again)
    assert (again.to_create, again.unchanged) == (0, 3)
    # A new young person of that age is still refused.
    newcomer = row(**{"Nom": "Nouveau", "Date de naissance": birth_date_for_age(26).isoformat()})
    report = run_import(personas.counsellor_a, ml_a, csv_bytes([*GOOD_ROWS, newcomer]))
    assert [e[:2] for e in errors_of(report)] == [(5, "Date de naissance")]


def test_reimport_keeps_what_the_file_leaves_empty_or_does_not_have(personas, ml_a):
    header_with_scope = [*HEADER, "Périmètre du consentement"]
    first = dict(GOOD_ROWS[0], **{"Périmètre du consentement": "identité et coordonnées"})
    assert run_import(personas.counsellor_a, ml_a, csv_bytes([first], header=header_with_scope)).committed
    helene = Youth.objects.get(imilo_id="1001")
    assert helene.consent_scope == ConsentScope.IDENTITY_AND_CONTACT
    # The next export has no scope column, no I-Milo id and no consent date for her (matched by identity).
    later = dict(GOOD_ROWS[0], **{"Identifiant I-Milo": "", "Consentement (date)": ""})
    report = run_import(personas.counsellor_a, ml_a, csv_bytes([later]))
    assert report.committed, errors_of(report)
    assert report.unchanged == 1
    helene.refresh_from_db()
    assert (helene.imilo_id, helene.consent_given_at, helene.consent_scope) == (
        "1001",
        datetime.date(2026, 1, 5),
        ConsentScope.IDENTITY_AND_CONTACT,
    )


def test_the_same_person_in_another_mission_locale_is_a_different_record(personas, ml_a):
    YouthFactory(mission_locale=personas.network.ml_b, commune=personas.network.grenoble, imilo_id="1001")
    report = run_import(personas.counsellor_a, ml_a, csv_bytes(GOOD_ROWS[:1]))
    assert report.to_create == 1
    assert Youth.objects.filter(imilo_id="1001").count() == 2


def test_an_archived_youth_is_skipped_not_duplicated(personas, ml_a):
    assert run_import(personas.counsellor_a, ml_a, csv_bytes(GOOD_ROWS[:1])).committed
    Youth.objects.update(archived_at=timezone.now())
    report = run_import(personas.counsellor_a, ml_a, csv_bytes([dict(GOOD_ROWS[0], Nom="Changé")]))
    assert report.committed
    assert [r.action for r in report.rows] == ["skipped"]
    assert Youth.objects.get().last_name == "Martin"


def test_an_undecodable_file_is_refused(personas, ml_a):
    report = imports.analyse(mission_locale=ml_a, content=b"\xff\xfeN\x00o\x00m\x00")
    assert "UTF-16" in report.errors[0].message


def test_a_counsellor_of_another_mission_locale_cannot_import_into_it(personas, ml_a):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        run_import(personas.counsellor_b, ml_a, csv_bytes(GOOD_ROWS))
    assert not Youth.objects.exists()


# --- Through the pages ------------------------------------------------------------------------


def text(response) -> str:
    return html.unescape(response.content.decode())


def upload(content, name="export.csv"):
    return SimpleUploadedFile(name, content, content_type="text/csv")


def test_preview_saves_nothing_keeps_the_file_private_and_commit_saves(
    client, personas, ml_a, private_storage, django_capture_on_commit_callbacks
):
    client.force_login(personas.counsellor_a)
    preview = client.post(
        reverse("youths:import"), {"mission_locale": ml_a.pk, "file": upload(csv_bytes(GOOD_ROWS))}
    )
    page = text(preview)
    assert preview.status_code == 200
    assert "3 fiches à créer" in page
    assert "Confirmer l'import" in page
    assert not Youth.objects.exists()
    stored = list((private_storage / "youth-imports").iterdir())
    assert len(stored) == 1
    with django_capture_on_commit_callbacks(execute=True):  # the job is queued once the request commits
        response = client.post(reverse("youths:import_commit"))
    assert response.status_code == 302
    assert "/jeunes/import/suivi/" in response.url
    assert Youth.objects.count() == 3
    assert "Import terminé" in text(client.get(response.url))
    assert not list((private_storage / "youth-imports").iterdir())
    # The pending import is consumed: confirming twice does nothing more.
    again = client.post(reverse("youths:import_commit"), follow=True)
    assert "n'est plus disponible" in text(again)
    assert Youth.objects.count() == 3


def test_preview_of_a_bad_file_shows_the_error_report_without_commit_button(client, personas, ml_a):
    client.force_login(personas.counsellor_a)
    content = csv_bytes([GOOD_ROWS[0], row(**{"Nom": "X", "Code INSEE commune": "00000"})])
    page = text(client.post(reverse("youths:import"), {"mission_locale": ml_a.pk, "file": upload(content)}))
    assert "rien n'a été enregistré" in page
    assert "Code commune INSEE inconnu : « 00000 »" in page
    assert "Confirmer l'import" not in page
    assert client.post(reverse("youths:import_commit")).status_code == 302
    assert not Youth.objects.exists()


def test_a_file_over_the_size_limit_is_refused_with_a_clear_message(client, personas, ml_a, settings):
    settings.RELAIS_IMPORT_MAX_BYTES = 1024 * 1024
    client.force_login(personas.counsellor_a)
    big = csv_bytes(GOOD_ROWS) + b" " * (1024 * 1024)
    response = client.post(reverse("youths:import"), {"mission_locale": ml_a.pk, "file": upload(big)})
    assert "la taille maximale autorisée est de 1 Mo" in response.content.decode()
    assert not Youth.objects.exists()


def test_import_into_another_mission_locale_is_refused_by_the_form(client, personas, ml_a):
    client.force_login(personas.counsellor_b)
    response = client.post(
        reverse("youths:import"), {"mission_locale": ml_a.pk, "file": upload(csv_bytes(GOOD_ROWS))}
    )
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in text(response)
    assert client.post(reverse("youths:import_commit")).status_code == 302
    assert not Youth.objects.exists()


def test_a_new_upload_replaces_the_pending_one(client, personas, ml_a, private_storage):
    client.force_login(personas.counsellor_a)
    client.post(reverse("youths:import"), {"mission_locale": ml_a.pk, "file": upload(csv_bytes(GOOD_ROWS))})
    bad = csv_bytes([row(**{"Code INSEE commune": "00000"})])
    client.post(reverse("youths:import"), {"mission_locale": ml_a.pk, "file": upload(bad)})
    assert not list((private_storage / "youth-imports").iterdir())
    client.post(reverse("youths:import_commit"))
    assert not Youth.objects.exists()


def test_an_import_naming_a_record_counts_as_its_activity_even_unchanged(personas, ml_a, time_machine):
    start = timezone.now()
    time_machine.move_to(start, tick=False)
    assert run_import(personas.counsellor_a, ml_a, csv_bytes(GOOD_ROWS)).committed
    assert set(Youth.objects.values_list("last_imported_at", flat=True)) == {start}
    later = start + datetime.timedelta(days=200)
    time_machine.move_to(later, tick=False)
    again = run_import(personas.counsellor_a, ml_a, csv_bytes(GOOD_ROWS[:1]))
    assert again.unchanged == 1
    named = Youth.objects.get(imilo_id="1001")
    # The record was not edited (updated_at stays), but the import reached it: the retention clock restarts.
    assert (named.updated_at, named.last_imported_at) == (start, later)
    assert Youth.objects.exclude(pk=named.pk).filter(last_imported_at=start).count() == 2
