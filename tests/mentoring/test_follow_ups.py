"""Follow-up interviews: recorded by the Mission Locale, reminded once to their creator by the periodic job."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from relais.core.models import AuditEvent
from relais.core.notifications import OutboxEmail
from relais.core.scope import Scope
from relais.core.workflows import apply
from relais.mentoring.enums import FollowUpKind
from relais.mentoring.lifecycle import MENTORSHIP_LIFECYCLE
from relais.mentoring.models import MentoringError
from relais.mentoring.services import follow_up_record, follow_ups_remind_due, meeting_add
from tests.mentoring.factories import mentorship_for

pytestmark = pytest.mark.django_db
START = datetime.date(2026, 3, 2)
T0 = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def mentorship(personas, mentor, youth, charter, time_machine):
    time_machine.move_to(T0, tick=False)
    return mentorship_for(
        personas.counsellor_a, mentor=mentor, convention=charter, youth=youth, started_on=START
    )


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


def reminders(email):
    return [m for m in mail.outbox if email in m.to and "à réaliser" in m.subject]


def test_nothing_is_reminded_before_a_follow_up_is_due(personas, mentorship, time_machine, committed):
    time_machine.move_to(datetime.datetime(2026, 4, 1, 9, tzinfo=datetime.UTC), tick=False)
    assert committed(follow_ups_remind_due) == 0
    assert mail.outbox == []


def test_the_creator_is_reminded_once_of_the_one_month_interview(
    personas, mentorship, time_machine, committed
):
    time_machine.move_to(datetime.datetime(2026, 4, 2, 8, tzinfo=datetime.UTC), tick=False)
    assert committed(follow_ups_remind_due) == 1
    sent = reminders(personas.counsellor_a.email)
    assert len(sent) == 1
    assert "Entretien à un mois" in sent[0].subject
    assert f"/parrainage/{mentorship.pk}/" in sent[0].body
    assert "Dupont" not in sent[0].body  # the young person's name stays out of the e-mail
    # The job runs every hour: the same follow-up is never reminded twice.
    time_machine.move_to(datetime.datetime(2026, 4, 3, 8, tzinfo=datetime.UTC), tick=False)
    assert committed(follow_ups_remind_due) == 0
    assert len(reminders(personas.counsellor_a.email)) == 1


def test_lost_runs_are_caught_up_one_reminder_per_due_follow_up(
    personas, mentorship, time_machine, committed
):
    time_machine.move_to(datetime.datetime(2026, 7, 1, 8, tzinfo=datetime.UTC), tick=False)
    assert committed(follow_ups_remind_due) == 2  # one month and mid-way, both past
    assert len(reminders(personas.counsellor_a.email)) == 2
    assert OutboxEmail.objects.filter(code="mentoring.follow_up_due").count() == 2
    assert committed(follow_ups_remind_due) == 0


def test_a_follow_up_done_or_a_mentorship_ended_is_not_reminded(
    personas, mentorship, time_machine, committed
):
    one_month = mentorship.follow_ups.get(kind=FollowUpKind.ONE_MONTH)
    time_machine.move_to(datetime.datetime(2026, 4, 2, 8, tzinfo=datetime.UTC), tick=False)
    follow_up_record(scope=Scope.for_user(personas.counsellor_a), follow_up=one_month, done_on=START)
    assert committed(follow_ups_remind_due) == 0
    apply(
        MENTORSHIP_LIFECYCLE,
        mentorship,
        "end",
        scope=Scope.for_user(personas.counsellor_a),
        ended_on=datetime.date(2026, 4, 2),
        end_reason="youth_left",
        outcome="none",
    )
    time_machine.move_to(datetime.datetime(2026, 10, 1, 8, tzinfo=datetime.UTC), tick=False)
    assert committed(follow_ups_remind_due) == 0
    assert mail.outbox == []


def test_the_counsellor_records_a_follow_up_once(personas, mentorship, time_machine):
    time_machine.move_to(datetime.datetime(2026, 4, 3, 8, tzinfo=datetime.UTC), tick=False)
    one_month = mentorship.follow_ups.get(kind=FollowUpKind.ONE_MONTH)
    scope = Scope.for_user(personas.counsellor_a)
    follow_up_record(scope=scope, follow_up=one_month, done_on=datetime.date(2026, 4, 3), note="Bon départ")
    one_month.refresh_from_db()
    assert one_month.done_on == datetime.date(2026, 4, 3) and one_month.done_by == personas.counsellor_a
    assert AuditEvent.objects.filter(action="mentorship.follow_up").count() == 1
    with pytest.raises(MentoringError, match="déjà été enregistré"):
        follow_up_record(scope=scope, follow_up=one_month, done_on=datetime.date(2026, 4, 3))


def test_a_follow_up_cannot_be_dated_in_the_future_or_before_the_start(personas, mentorship):
    one_month = mentorship.follow_ups.get(kind=FollowUpKind.ONE_MONTH)
    scope = Scope.for_user(personas.counsellor_a)
    for day in (START - datetime.timedelta(days=1), START + datetime.timedelta(days=1)):
        with pytest.raises(ValidationError):
            follow_up_record(scope=scope, follow_up=one_month, done_on=day)


@pytest.mark.parametrize("persona", ["geiq_recruiter", "counsellor_b"])
def test_only_the_mission_locale_records_follow_ups(personas, mentorship, persona):
    one_month = mentorship.follow_ups.get(kind=FollowUpKind.ONE_MONTH)
    with pytest.raises(PermissionDenied):
        follow_up_record(scope=Scope.for_user(getattr(personas, persona)), follow_up=one_month, done_on=START)


def test_the_mentor_s_structure_and_the_mission_locale_record_meetings(personas, mentorship):
    for user in (personas.geiq_recruiter, personas.counsellor_a):
        meeting_add(scope=Scope.for_user(user), mentorship=mentorship, held_on=START, duration_minutes=60)
    assert mentorship.meetings.count() == 2
    with pytest.raises(PermissionDenied):
        meeting_add(
            scope=Scope.for_user(personas.counsellor_b),
            mentorship=mentorship,
            held_on=START,
            duration_minutes=60,
        )
    with pytest.raises(ValidationError):
        meeting_add(
            scope=Scope.for_user(personas.counsellor_a),
            mentorship=mentorship,
            held_on=START,
            duration_minutes=0,
        )


def test_no_meeting_is_added_once_the_mentorship_is_cancelled(personas, mentorship):
    scope = Scope.for_user(personas.counsellor_a)
    apply(MENTORSHIP_LIFECYCLE, mentorship, "cancel", scope=scope, note="Erreur de jeune")
    with pytest.raises(MentoringError):
        meeting_add(scope=scope, mentorship=mentorship, held_on=START, duration_minutes=30)
