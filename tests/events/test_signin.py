"""Sign-in sheet import: preview with a row-by-row report, then every row through the attendance service or none."""

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from relais.core.models import AccessLogSubject, AuditEvent
from relais.core.scope import Scope
from relais.events import signin
from relais.events.enums import RegistrationStatus as R
from relais.events.models import Registration
from relais.events.registrations import registration_add_staff, registration_add_youth
from tests.events.factories import make_event
from tests.youths.factories import YouthFactory

pytestmark = pytest.mark.django_db

HEADER = "E-mail;Nom;Prénom;Identifiant I-Milo;Présent"


@pytest.fixture
def sheet(personas):
    """A forum of ML A held yesterday: a GEIQ recruiter and ML B's counsellor registered, a young person of
    each Mission Locale registered by their own counsellor."""
    network = personas.network
    event = make_event(network.ml_a, days=-1, invite=[network.ml_b])
    for user in (personas.geiq_recruiter, personas.counsellor_b):
        Registration.objects.create(event=event, kind="staff", person=user.person, status=R.REGISTERED)
    own = YouthFactory(mission_locale=network.ml_a, imilo_id="LY001", last_name="Durandal", first_name="Léa")
    other = YouthFactory(mission_locale=network.ml_b, imilo_id="GR001", last_name="Morel", first_name="Hugo")
    for youth in (own, other):
        Registration.objects.create(
            event=event,
            kind="youth",
            youth=youth,
            organization_id=youth.mission_locale_id,
            status=R.REGISTERED,
            consent_recorded=True,
        )
    return event


def csv_bytes(*lines, bom=True) -> bytes:
    text = "\n".join([HEADER, *lines]) + "\n"
    return ("\ufeff" if bom else "").encode() + text.encode("utf-8")


def statuses(event):
    return dict(event.registrations.values_list("pk", "status"))


def upload(client, event, content, name="emargement.csv"):
    file = io.BytesIO(content)
    file.name = name
    return client.post(reverse("events:signin", args=[event.pk]), {"file": file})


def test_the_organiser_previews_then_confirms_a_sheet_in_one_go(client, personas, sheet):
    content = csv_bytes(
        "recrutement@geiq-btp.test;;;;oui",
        "CONSEIL@ml-grenoble.test;;;;non",
        ";Durandal;Léa;LY001;Oui",
        "coordination@amilaura.test;Violet;Alexia;;oui",
    )
    client.force_login(personas.cre_a)
    preview = upload(client, sheet, content)
    page = preview.content.decode()
    assert 'data-testid="signin-preview"' in page
    assert "Inscription et présence" in page and "Léa Durandal (jeune)" in page
    assert set(statuses(sheet).values()) == {R.REGISTERED}  # nothing before the confirmation
    response = client.post(reverse("events:signin_commit", args=[sheet.pk]))
    assert response.status_code == 302
    by_person = {r.person_id or r.youth.imilo_id: r.status for r in sheet.registrations.all()}
    assert by_person[personas.geiq_recruiter.person.pk] == R.ATTENDED
    assert by_person[personas.counsellor_b.person.pk] == R.NO_SHOW
    assert by_person["LY001"] == R.ATTENDED
    assert by_person["GR001"] == R.REGISTERED  # not in the sheet, and not ML A's to mark
    assert by_person[personas.arml_coordinator.person.pk] == R.ATTENDED  # came without registering
    audit = AuditEvent.objects.get(action="event.attendance_import")
    assert audit.details["attended"] == 3 and audit.details["no_show"] == 1


def test_an_xlsx_sheet_is_read_on_its_active_sheet(personas, sheet):
    workbook = Workbook()
    rows = workbook.active
    rows.append(["Nom", "Prénom", "Présent"])
    rows.append(["Girard", "Paul", "oui"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = signin.attendance_import(
        event=sheet, scope=Scope.for_user(personas.cre_a), content=buffer.getvalue(), filename="f.xlsx"
    )
    assert report.committed, report.errors
    assert sheet.registrations.get(person=personas.geiq_recruiter.person).status == R.ATTENDED


def test_a_file_that_cannot_be_read_is_refused_whole(client, personas, sheet):
    client.force_login(personas.cre_a)
    page = upload(client, sheet, "E-mail;Nom\n".encode("utf-16")).content.decode()
    assert "UTF-16 non pris en charge" in page
    page = upload(client, sheet, b"E-mail;Nom\nx@y.test;Girard\n").content.decode()
    assert "Colonne obligatoire manquante" in page
    assert "events_signin_import" not in client.session
    assert client.post(reverse("events:signin_commit", args=[sheet.pk])).status_code == 302
    assert set(statuses(sheet).values()) == {R.REGISTERED}


def test_each_faulty_row_is_reported_and_nothing_is_saved(client, personas, sheet):
    content = csv_bytes(
        "recrutement@geiq-btp.test;;;;oui",
        "inconnu@nulle-part.test;;;;oui",
        ";;;GR001;oui",
        ";;;LY001;peut-être",
        "Recrutement@GEIQ-btp.test;;;;non",
        ";Dupont;Jean;;oui",
    )
    report = signin.analyse(event=sheet, scope=Scope.for_user(personas.cre_a), content=content)
    messages = {error.row: error.message for error in report.errors}
    assert "Personne inconnue" in messages[3]
    assert "autre Mission Locale ou non inscrit" in messages[4]
    assert "oui ou non" in messages[5]
    assert messages[6] == "Doublon de la ligne 2."
    assert "Personne inconnue parmi les inscrits" in messages[7]
    assert 2 not in messages
    before = statuses(sheet)
    committed = signin.attendance_import(event=sheet, scope=Scope.for_user(personas.cre_a), content=content)
    assert not committed.committed
    assert statuses(sheet) == before
    client.force_login(personas.cre_a)
    page = upload(client, sheet, content).content.decode()
    assert 'data-testid="signin-errors"' in page and "rien n'a été enregistré" in page


def test_a_change_between_preview_and_confirmation_saves_nothing(client, personas, sheet):
    content = csv_bytes("coordination@amilaura.test;;;;oui", "recrutement@geiq-btp.test;;;;oui")
    client.force_login(personas.cre_a)
    upload(client, sheet, content)
    # The recruiter's registration is cancelled meanwhile: the walk-in is not kept either.
    sheet.registrations.filter(person=personas.geiq_recruiter.person).update(status=R.CANCELLED)
    page = client.post(reverse("events:signin_commit", args=[sheet.pk])).content.decode()
    assert "Annulé" in page and 'data-testid="signin-errors"' in page
    assert not sheet.registrations.filter(person=personas.arml_coordinator.person).exists()


def test_a_walk_in_needs_an_event_open_to_professionals(personas):
    event = make_event(personas.network.ml_a, days=-1, audience="youths")
    content = csv_bytes("coordination@amilaura.test;;;;oui")
    report = signin.analyse(event=event, scope=Scope.for_user(personas.cre_a), content=content)
    assert "n'accueille pas de professionnels" in report.errors[0].message


def test_the_import_opens_once_the_event_started_and_to_its_organisers_only(client, personas):
    future = make_event(personas.network.ml_a, days=3)
    client.force_login(personas.cre_a)
    response = client.get(reverse("events:signin", args=[future.pk]))
    assert response.status_code == 302
    past = make_event(personas.network.ml_a, days=-1)
    assert client.get(reverse("events:signin", args=[past.pk])).status_code == 200
    assert "Importer une feuille" in client.get(reverse("events:detail", args=[past.pk])).content.decode()
    past.invited_mission_locales.add(personas.network.ml_b)
    client.force_login(personas.counsellor_b)
    assert client.get(reverse("events:signin", args=[past.pk])).status_code == 403


def test_the_template_lists_the_registrations_the_organiser_may_mark_and_is_logged(client, personas, sheet):
    client.force_login(personas.cre_a)
    response = client.get(reverse("events:signin_template", args=[sheet.pk]))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0] == ("E-mail", "Nom", "Prénom", "Identifiant I-Milo", "Présent")
    cells = {cell for row in rows for cell in row if cell}
    assert {"recrutement@geiq-btp.test", "LY001"} <= cells
    assert "GR001" not in cells and "Morel" not in cells
    own = sheet.registrations.get(youth__imilo_id="LY001").youth_id
    assert AccessLogSubject.objects.filter(subject_id=own).exists()


def test_a_template_filled_in_imports_back(client, personas):
    network = personas.network
    event = make_event(network.ml_a, days=2, invite=[network.ml_a])
    youth = YouthFactory(mission_locale=network.ml_a, imilo_id="LY002")
    registration_add_youth(
        event=event, youth=youth, scope=Scope.for_user(personas.counsellor_a), consent_recorded=True
    )
    registration_add_staff(event=event, scope=Scope.for_user(personas.geiq_recruiter))
    event.starts_at = event.starts_at.replace(year=event.starts_at.year - 1)
    event.save(update_fields=["starts_at"])
    client.force_login(personas.counsellor_a)
    workbook = load_workbook(
        io.BytesIO(client.get(reverse("events:signin_template", args=[event.pk])).content)
    )
    for row in workbook.active.iter_rows(min_row=2):
        row[4].value = "oui"
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload(client, event, buffer.getvalue(), name="rempli.xlsx")
    client.post(reverse("events:signin_commit", args=[event.pk]))
    assert set(event.registrations.values_list("status", flat=True)) == {R.ATTENDED}


def test_the_analysis_takes_the_same_number_of_queries_whatever_the_number_of_rows(personas, sheet):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.organizations.factories import PersonFactory

    def count(lines):
        with CaptureQueriesContext(connection) as queries:
            report = signin.analyse(
                event=sheet, scope=Scope.for_user(personas.cre_a), content=csv_bytes(*lines)
            )
        assert report.ok, report.errors
        return len(queries)

    few = count(["recrutement@geiq-btp.test;;;;oui"])
    people = PersonFactory.create_batch(6)
    for person in people:
        Registration.objects.create(event=sheet, kind="staff", person=person, status=R.REGISTERED)
    many = [f"{p.email};;;;oui" for p in people] + ["recrutement@geiq-btp.test;;;;non", ";;;LY001;oui"]
    assert count(many) == few
