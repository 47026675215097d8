"""The demo's year of joint activity: events of every kind, held and planned, mentorships, partner sheets.

The demo runs on the real referentials (communes, Missions Locales, ROME): the loading test is slow (about a
minute) and marked realdata like the referential loaders' own test.
"""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from relais.accounts.models import User
from relais.conventions.models import Convention
from relais.demo.people import PERSONAS
from relais.demo.year import EVENTS
from relais.events.demo import create_demo_events, replayed_at
from relais.events.enums import EventStatus, ParticipantKind, RegistrationStatus
from relais.events.models import Event, EventTransition, Registration
from relais.mentoring.models import Mentor, Mentorship
from relais.organizations.enums import Role
from relais.sheets.models import PartnerSheet
from tests.demo.test_demo_titles import check_demo_offers_and_youths_titles


def test_the_replayed_clock_shows_the_moment_asked_and_comes_back_even_after_an_error():
    moment = timezone.now() - datetime.timedelta(days=200)
    with pytest.raises(RuntimeError), replayed_at(moment):
        assert abs(timezone.now() - moment) < datetime.timedelta(seconds=5)
        assert timezone.localdate() == timezone.localdate(moment)
        raise RuntimeError
    assert abs(timezone.now() - datetime.datetime.now(datetime.UTC)) < datetime.timedelta(seconds=5)


def _covers(convention: Convention, day: datetime.date) -> bool:
    return convention.start_date is None or convention.start_date <= day <= convention.end_date


def _check_events(now):
    events = list(Event.objects.select_related("convention", "axis", "action").prefetch_related("organizers"))
    kinds = {e.kind for e in events}
    assert {"trades_youths", "trades_staff", "webinar", "visit_staff", "visit_youths", "forum"} <= kinds
    for event in events:
        assert event.axis.convention_id == event.convention_id
        assert event.action is None or event.action.convention_id == event.convention_id
        day = timezone.localdate(event.starts_at)
        if event.starts_at < now:  # a past event sits in the period that covered it
            assert _covers(event.convention, day), event.title
        published = EventTransition.objects.get(event=event, name="publish")
        assert published.at < event.starts_at, "published before it took place"
    held = [e for e in events if e.status == EventStatus.HELD]
    assert len(held) >= 6
    for event in held:
        assert event.starts_at < now and event.attendance_recorded_at and event.outcome
        assert event.attendance_recorded_at > event.ends_at
        assert event.registrations.filter(status=RegistrationStatus.ATTENDED).exists()
        assert not event.registrations.filter(status=RegistrationStatus.REGISTERED).exists()
    planned = [e for e in events if e.status == EventStatus.PLANNED]
    assert len(planned) >= 4 and all(e.starts_at > now for e in planned)
    cancelled = [e for e in events if e.status == EventStatus.CANCELLED]
    assert len(cancelled) == 1 and cancelled[0].cancel_reason
    # Held over the past months and planned over the coming ones, not all in one week.
    assert min(e.starts_at for e in held) < now - datetime.timedelta(days=180)
    assert max(e.starts_at for e in planned) > now + datetime.timedelta(days=90)
    organisers = {o.organization.slug for e in events for o in e.organizers.all() if o.role == "organiser"}
    assert {"arml-84", "arml-44", "cr-geiq-84", "geiq-84-btp", "medef-31"} <= organisers
    assert any(e.convention.slug == "seed-002-medef-midi-pyrenees" for e in events)
    forum = next(e for e in held if e.kind == "forum")
    assert forum.headcount and forum.headcount > 100


def _check_registrations():
    webinar = Event.objects.get(kind="webinar", status=EventStatus.HELD)
    present = webinar.registrations.filter(status=RegistrationStatus.ATTENDED)
    roles = set(present.values_list("person__memberships__role", flat=True))
    assert {Role.CRE, Role.DISABILITY_REFERENT, Role.COUNSELLOR} <= roles
    assert webinar.registrations.filter(status=RegistrationStatus.NO_SHOW).exists()
    youths = Registration.objects.filter(kind=ParticipantKind.YOUTH).select_related("youth", "event")
    assert youths.filter(event__status=EventStatus.HELD, status=RegistrationStatus.ATTENDED).count() >= 10
    for registration in youths:
        assert registration.consent_recorded
        assert registration.organization_id == registration.youth.mission_locale_id
        assert registration.event.invited_mission_locales.filter(pk=registration.organization_id).exists()
        assert registration.event.takes_youths


@pytest.mark.realdata
@pytest.mark.django_db
def test_the_demo_carries_a_year_of_events_mentorships_and_sheets_and_loads_once():
    call_command("load_referentials", stdout=StringIO())
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "événements" in out.getvalue()
    now = timezone.now()
    _check_events(now)
    _check_registrations()
    check_demo_offers_and_youths_titles()
    supervisor_mentors = Mentor.objects.filter(supervisor__slug="cr-geiq-84")
    assert supervisor_mentors.count() == 3
    assert Mentorship.objects.filter(mentor__in=supervisor_mentors).count() == 3
    sheets = set(PartnerSheet.objects.values_list("organization__slug", flat=True))
    assert {"cr-geiq-84", "geiq-84-btp"} <= sheets and len(sheets) >= 3

    counts = [m.objects.count() for m in (Event, Registration, EventTransition, Mentorship, PartnerSheet)]
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "déjà chargées" in out.getvalue()
    users = {key: User.objects.get(email=email) for key, email, *_ in PERSONAS}
    assert create_demo_events(users, EVENTS) == {"events": 0}
    assert [
        m.objects.count() for m in (Event, Registration, EventTransition, Mentorship, PartnerSheet)
    ] == counts

    out = StringIO()
    call_command("print_demo_accounts", stdout=out)
    assert "handicap@ml-lyon.demo" in out.getvalue() and "emploi@medef31.demo" in out.getvalue()
