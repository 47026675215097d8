"""Pages of the mentoring: lists (filters, pagination, empty states, flat queries), forms and what each reader sees."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from relais.core.models import AccessLog
from relais.core.scope import Scope
from relais.core.selectors import accesses_to
from relais.mentoring.enums import MentorshipStatus
from relais.mentoring.models import Mentor, Mentorship
from relais.mentoring.services import meeting_add
from tests.conventions.factories import ConventionFactory
from tests.mentoring.factories import MentorFactory, mentorship_for, months_ago
from tests.positionings.factories import consenting_youth

pytestmark = pytest.mark.django_db


def queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context)


def many_mentorships(personas, charter, rome, count):
    for _ in range(count):
        mentor = MentorFactory(
            supervisor=personas.network.geiq,
            rome_families=[rome.masonry],
            departments=[personas.network.rhone],
        )
        youth = consenting_youth(personas.network.ml_a, commune=personas.network.lyon)
        mentorship_for(personas.counsellor_a, mentor=mentor, convention=charter, youth=youth)


# ---- mentors ------------------------------------------------------------------------------------------------


def test_the_mentors_list_filters_by_structure_trade_and_department(client, personas, rome, mentor):
    MentorFactory(
        supervisor=personas.network.geiq_2,
        person__last_name="Propret",
        rome_families=[rome.cleaning],
        departments=[personas.network.isere],
    )
    client.force_login(personas.counsellor_a)
    page = client.get("/parrainage/parrains/").content.decode()
    assert "MAÇONNIER" in page and "PROPRET" in page
    by_trade = client.get("/parrainage/parrains/?rome_family=k2204").content.decode()
    assert "PROPRET" in by_trade and "MAÇONNIER" not in by_trade
    by_department = client.get(
        f"/parrainage/parrains/?department={personas.network.rhone.pk}"
    ).content.decode()
    assert "MAÇONNIER" in by_department and "PROPRET" not in by_department
    by_structure = client.get(
        f"/parrainage/parrains/?structure={personas.network.geiq_2.pk}"
    ).content.decode()
    assert "PROPRET" in by_structure and "MAÇONNIER" not in by_structure


def test_a_structure_lists_only_the_mentors_it_supervises(client, personas, mentor):
    MentorFactory(supervisor=personas.network.geiq_2, person__last_name="Ailleurs")
    client.force_login(personas.geiq_recruiter)
    page = client.get("/parrainage/parrains/").content.decode()
    assert "MAÇONNIER" in page and "AILLEURS" not in page


def test_the_mentors_list_has_an_empty_state_and_pages(client, personas):
    client.force_login(personas.geiq_recruiter)
    assert "Aucun parrain ne correspond" in client.get("/parrainage/parrains/").content.decode()
    MentorFactory.create_batch(27, supervisor=personas.network.geiq)
    assert "27 parrains" in client.get("/parrainage/parrains/").content.decode()
    assert client.get("/parrainage/parrains/?page=2").context["page_obj"].object_list.__len__() == 2


def test_the_mentors_list_does_not_grow_queries_with_rows(client, personas, rome):
    def add(count):
        for _ in range(count):
            MentorFactory(
                supervisor=personas.network.geiq,
                rome_families=[rome.masonry],
                departments=[personas.network.rhone],
            )

    add(2)
    client.force_login(personas.geiq_recruiter)
    few = queries(client, "/parrainage/parrains/")
    add(8)
    assert queries(client, "/parrainage/parrains/") == few


def test_observers_do_not_read_the_mentors(client, personas, mentor):
    client.force_login(personas.state_observer)
    assert client.get("/parrainage/parrains/").status_code == 403
    assert client.get(f"/parrainage/parrains/{mentor.pk}/").status_code == 404


def test_a_structure_records_a_mentor_with_a_checked_siret(client, personas, rome):
    client.force_login(personas.geiq_recruiter)
    data = {
        "supervisor": personas.network.geiq.pk,
        "first_name": "Nadia",
        "last_name": "Ferrand",
        "working_status": "retired",
        "employer_name": "Ancienne entreprise",
        "employer_siret": "12345678901234",
        "rome_families": "F1703, K2204",
        "departments": [personas.network.rhone.pk],
        "charter_accepted_on": "2026-01-15",
    }
    response = client.post("/parrainage/parrains/nouveau/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "SIRET n&#x27;est pas valide" in page or "SIRET n'est pas valide" in page
    assert 'value="Ferrand"' in page  # what was typed is kept
    assert not Mentor.objects.exists()
    data["employer_siret"] = "732 829 320 00074"
    response = client.post("/parrainage/parrains/nouveau/", data)
    mentor = Mentor.objects.get()
    assert response.status_code == 302 and response.url == f"/parrainage/parrains/{mentor.pk}/"
    assert mentor.employer_siret == "73282932000074"
    assert {f.code for f in mentor.rome_families.all()} == {"F1703", "K2204"}
    assert mentor.supervisor == personas.network.geiq and mentor.person.last_name == "Ferrand"


def test_unknown_rome_codes_are_refused(client, personas, rome):
    client.force_login(personas.geiq_recruiter)
    response = client.post(
        "/parrainage/parrains/nouveau/",
        {
            "supervisor": personas.network.geiq.pk,
            "first_name": "A",
            "last_name": "B",
            "working_status": "active",
            "rome_families": "Z9999",
        },
    )
    assert "Fiche(s) ROME inconnue(s) : Z9999" in response.content.decode()


def test_only_the_supervising_structure_edits_a_mentor(client, personas, mentor):
    client.force_login(personas.counsellor_b)
    assert client.get(f"/parrainage/parrains/{mentor.pk}/").status_code == 200  # MLs read mentors
    assert client.get(f"/parrainage/parrains/{mentor.pk}/modifier/").status_code == 403
    client.force_login(personas.geiq_recruiter)
    page = client.get(f"/parrainage/parrains/{mentor.pk}/modifier/").content.decode()
    assert 'value="Maçonnier"' in page and 'value="F1703"' in page


# ---- mentorships --------------------------------------------------------------------------------------------


def test_the_mentorships_list_does_not_grow_queries_with_rows(client, personas, charter, rome):
    many_mentorships(personas, charter, rome, 2)
    for persona in ("counsellor_a", "geiq_recruiter"):
        client.force_login(getattr(personas, persona))
        few = queries(client, "/parrainage/")
        many_mentorships(personas, charter, rome, 3)
        assert queries(client, "/parrainage/") == few


def test_the_mentorships_list_filters_by_status_and_convention_and_has_an_empty_state(
    client, personas, mentor, youth, charter
):
    client.force_login(personas.counsellor_a)
    assert "Aucun parrainage ne correspond" in client.get("/parrainage/").content.decode()
    mentorship = mentorship_for(personas.counsellor_a, mentor=mentor, convention=charter, youth=youth)
    assert "Léa DUPONT" in client.get(f"/parrainage/?status=ongoing&convention={charter.pk}").content.decode()
    assert "Léa DUPONT" not in client.get("/parrainage/?status=ended").content.decode()
    assert "Léa DUPONT" in client.get(f"/parrainage/?parrain={mentorship.mentor_id}").content.decode()


def test_the_structure_sees_the_name_only_when_consent_covers_it(
    client, personas, mentor, youth, secret_youth, charter
):
    mentorship_for(personas.counsellor_a, mentor=mentor, convention=charter, youth=youth)
    hidden = mentorship_for(personas.counsellor_a, mentor=mentor, convention=charter, youth=secret_youth)
    client.force_login(personas.geiq_recruiter)
    page = client.get("/parrainage/").content.decode()
    assert "Léa DUPONT" in page
    assert "SECRET" not in page and "Jeune suivi par Mission Locale de Lyon" in page
    meeting_add(
        scope=Scope.for_user(personas.counsellor_a),
        mentorship=hidden,
        held_on=timezone.localdate(),
        duration_minutes=30,
        note="Inès a visité le chantier",
    )
    detail = client.get(f"/parrainage/{hidden.pk}/").content.decode()
    assert "SECRET" not in detail and "Inès" not in detail and "30 min" in detail
    shown = mentorship_for(personas.counsellor_a, mentor=mentor, convention=charter, youth=youth)
    assert "Léa DUPONT" in client.get(f"/parrainage/{shown.pk}/").content.decode()
    assert accesses_to(youth).filter(user=personas.geiq_recruiter, kind=AccessLog.Kind.READ).exists()
    # The list showed one name to the structure: that read is logged for that young person only.
    assert accesses_to(youth).filter(user=personas.geiq_recruiter, kind=AccessLog.Kind.LIST).exists()
    assert not accesses_to(secret_youth).filter(user=personas.geiq_recruiter).exists()


def test_another_mission_locale_gets_404_on_a_mentorship_and_its_youth(
    client, personas, mentor, youth, charter
):
    mentorship = mentorship_for(personas.counsellor_a, mentor=mentor, convention=charter, youth=youth)
    client.force_login(personas.counsellor_b)
    assert client.get(f"/parrainage/{mentorship.pk}/").status_code == 404
    assert client.get(f"/parrainage/nouveau/?jeune={youth.pk}").status_code == 404
    assert client.get(f"/parrainage/{mentorship.pk}/end/").status_code == 404
    assert "Léa" not in client.get("/parrainage/").content.decode()


def test_a_counsellor_creates_a_mentorship_from_the_youth_page(
    client, personas, mentor, youth, charter, axis
):
    client.force_login(personas.counsellor_a)
    youth_page = client.get(f"/jeunes/{youth.pk}/").content.decode()
    assert "Parrainages" in youth_page and "Aucun parrainage." in youth_page
    assert f"/parrainage/nouveau/?jeune={youth.pk}" in youth_page
    form = client.get(f"/parrainage/nouveau/?jeune={youth.pk}")
    assert form.status_code == 200 and "Léa DUPONT" in form.content.decode()
    assert accesses_to(youth).filter(user=personas.counsellor_a, path="/parrainage/nouveau/").exists()
    data = {
        "youth": youth.pk,
        "mentor": mentor.pk,
        "convention": charter.pk,
        "axis": axis.pk,
        "goals": "Découvrir la maçonnerie",
        "started_on": timezone.localdate().isoformat(),
    }
    response = client.post("/parrainage/nouveau/", data)
    mentorship = Mentorship.objects.get()
    assert response.status_code == 302 and response.url == f"/parrainage/{mentorship.pk}/"
    assert mentorship.youth == youth and mentorship.axis == axis
    youth_page = client.get(f"/jeunes/{youth.pk}/").content.decode()
    assert f"/parrainage/{mentorship.pk}/" in youth_page and "Parrainage par Gérard Maçonnier" in youth_page


def test_a_failed_creation_keeps_what_was_typed(client, personas, mentor, youth, charter):
    client.force_login(personas.counsellor_a)
    response = client.post(
        "/parrainage/nouveau/",
        {
            "youth": youth.pk,
            "mentor": mentor.pk,
            "convention": charter.pk,
            "goals": "Mon objectif",
            "started_on": "2026-03-02",
            "planned_end_on": "2026-03-01",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200 and "La fin prévue doit suivre le début" in page
    assert "Mon objectif" in page
    assert not Mentorship.objects.exists()


def test_a_counsellor_creates_a_group_mentorship(client, personas, mentor, charter):
    client.force_login(personas.counsellor_a)
    response = client.post(
        "/parrainage/nouveau/",
        {
            "mission_locale": personas.network.ml_a.pk,
            "group_label": "Cohorte CEJ d'avril",
            "group_size": 10,
            "mentor": mentor.pk,
            "convention": charter.pk,
            "started_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    assert "Cohorte CEJ d&#x27;avril (10 jeunes)" in client.get(response.url).content.decode()


def test_a_structure_cannot_open_the_creation_page(client, personas):
    client.force_login(personas.geiq_recruiter)
    assert client.get("/parrainage/nouveau/").status_code == 403


def test_the_mentorship_page_records_a_meeting_and_a_follow_up(client, personas, mentor, youth, charter):
    mentorship = mentorship_for(
        personas.counsellor_a, mentor=mentor, convention=charter, youth=youth, started_on=months_ago(2)
    )
    client.force_login(personas.counsellor_a)
    page = client.get(f"/parrainage/{mentorship.pk}/").content.decode()
    assert "Aucune rencontre enregistrée." in page and "<strong>à réaliser</strong>" in page
    assert accesses_to(youth).filter(user=personas.counsellor_a, kind=AccessLog.Kind.READ).exists()
    bad = client.post(
        f"/parrainage/{mentorship.pk}/rencontre/", {"held_on": "2020-01-01", "duration_minutes": 45}
    )
    assert bad.status_code == 400 and "ne peut pas précéder le début" in bad.content.decode()
    today = timezone.localdate().isoformat()
    response = client.post(
        f"/parrainage/{mentorship.pk}/rencontre/", {"held_on": today, "duration_minutes": 45}
    )
    assert response.status_code == 302 and mentorship.meetings.count() == 1
    follow_up = mentorship.follow_ups.get(kind="one_month")
    response = client.post(
        f"/parrainage/{mentorship.pk}/suivi/{follow_up.pk}/", {"done_on": today, "note": "RAS"}
    )
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.done_on is not None
    client.force_login(personas.geiq_recruiter)
    assert client.get(f"/parrainage/{mentorship.pk}/suivi/{follow_up.pk}/").status_code == 403


def test_the_end_asks_for_confirmation_then_ends(client, personas, mentor, youth, charter):
    mentorship = mentorship_for(personas.counsellor_a, mentor=mentor, convention=charter, youth=youth)
    client.force_login(personas.geiq_recruiter)
    confirm = client.get(f"/parrainage/{mentorship.pk}/end/").content.decode()
    assert "Confirmez" in confirm and "rupture" in confirm
    mentorship.refresh_from_db()
    assert mentorship.status == MentorshipStatus.ONGOING
    response = client.post(
        f"/parrainage/{mentorship.pk}/end/",
        {"ended_on": timezone.localdate().isoformat(), "end_reason": "mentor_left", "outcome": "none"},
    )
    assert response.status_code == 302
    mentorship.refresh_from_db()
    assert mentorship.status == MentorshipStatus.ENDED and mentorship.broken_early
    # A stale page: the move is refused with a message, nothing changes.
    again = client.get(f"/parrainage/{mentorship.pk}/end/", follow=True)
    assert "Action impossible : le parrainage est « terminé »." in again.content.decode()
    assert (
        client.get(f"/parrainage/{mentorship.pk}/cancel/").status_code == 403
    )  # the structure never cancels
    assert client.get(f"/parrainage/{mentorship.pk}/bogus/").status_code == 404


def test_the_menu_offers_the_mentorships(client, personas):
    client.force_login(personas.counsellor_a)
    assert 'href="/parrainage/"' in client.get("/").content.decode()
    client.force_login(personas.state_observer)
    assert 'href="/parrainage/"' not in client.get("/").content.decode()


def test_a_draft_convention_is_not_offered(personas, mentor, youth):
    from django.core.exceptions import ValidationError

    draft = ConventionFactory(draft=True, parties=[personas.network.ml_a])
    with pytest.raises(ValidationError):
        mentorship_for(personas.counsellor_a, mentor=mentor, convention=draft, youth=youth)


def test_the_follow_up_reminder_is_listed_on_the_preferences_page(client, personas):
    client.force_login(personas.counsellor_a)
    page = client.get(reverse("core:notifications")).content.decode()
    assert (
        "Entretien de suivi d&#x27;un parrainage à réaliser" in page
        or "Entretien de suivi d'un parrainage" in page
    )


def test_the_home_page_lists_the_follow_ups_due_and_the_ongoing_mentorships(
    client, personas, mentor, charter, youth
):
    from tests.mentoring.factories import mentorship_for, months_ago

    mentorship_for(
        personas.counsellor_a, mentor=mentor, convention=charter, youth=youth, started_on=months_ago(2)
    )
    client.force_login(personas.counsellor_a)
    body = client.get("/").content.decode()
    assert "1 entretien de suivi de parrainage à faire" in body and "1 parrainage en cours" in body
