"""Every move of the event's table: success, forbidden role, wrong state."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from relais.core.notifications import OutboxEmail
from relais.core.scope import Scope
from relais.events.enums import EventStatus as E
from relais.events.models import EventError
from relais.events.services import event_move, event_reschedule
from tests.events.factories import in_days, make_event

pytestmark = pytest.mark.django_db


def scope(user):
    return Scope.for_user(user)


@pytest.fixture
def event(personas):
    return make_event(personas.network.geiq, status=E.DRAFT, invite=[personas.network.ml_a])


def test_the_organiser_publishes_a_draft_and_the_invited_cre_is_told_once(personas, event):
    event = event_move(event=event, name="publish", scope=scope(personas.geiq_recruiter))
    assert event.status == E.PLANNED and event.published_at is not None and event.sequence == 1
    assert event.transitions.last().name == "publish"
    told = OutboxEmail.objects.filter(code="events.announced")
    assert [row.recipient for row in told] == [personas.cre_a]


def test_a_member_of_another_organisation_cannot_publish(personas, event):
    with pytest.raises(PermissionDenied):
        event_move(event=event, name="publish", scope=scope(personas.cre_a))


def test_a_published_event_cannot_be_published_again(personas, event):
    event_move(event=event, name="publish", scope=scope(personas.geiq_recruiter))
    with pytest.raises(EventError):
        event_move(event=event, name="publish", scope=scope(personas.geiq_recruiter))


def test_an_event_whose_slot_is_past_cannot_be_published(personas):
    event = make_event(personas.network.geiq, status=E.DRAFT, days=-1)
    with pytest.raises(ValidationError):
        event_move(event=event, name="publish", scope=scope(personas.geiq_recruiter))


def test_rescheduling_moves_the_slots_and_raises_the_sequence(personas):
    event = make_event(personas.network.geiq)
    before = event.sequence
    start = in_days(20)
    event = event_reschedule(
        event=event,
        scope=scope(personas.geiq_recruiter),
        slots=[(start, start + datetime.timedelta(hours=2))],
    )
    assert event.status == E.RESCHEDULED and event.starts_at == start and event.sequence == before + 1
    assert event.slots.count() == 1


def test_rescheduling_is_refused_to_others_and_to_a_draft(personas):
    start = in_days(20)
    slots = [(start, start + datetime.timedelta(hours=2))]
    with pytest.raises(PermissionDenied):
        event_reschedule(event=make_event(personas.network.geiq), scope=scope(personas.cre_a), slots=slots)
    draft = make_event(personas.network.geiq, status=E.DRAFT)
    with pytest.raises(EventError):
        event_reschedule(event=draft, scope=scope(personas.geiq_recruiter), slots=slots)


def test_marking_full_then_reopening(personas):
    event = make_event(personas.network.geiq)
    event = event_move(event=event, name="mark_full", scope=scope(personas.geiq_recruiter))
    assert event.status == E.FULL
    event = event_move(event=event, name="reopen", scope=scope(personas.geiq_recruiter))
    assert event.status == E.PLANNED


def test_mark_full_is_refused_to_others_and_reopen_needs_a_full_event(personas):
    event = make_event(personas.network.geiq)
    with pytest.raises(PermissionDenied):
        event_move(event=event, name="mark_full", scope=scope(personas.counsellor_a))
    with pytest.raises(EventError):
        event_move(event=event, name="reopen", scope=scope(personas.geiq_recruiter))


def test_cancelling_needs_a_reason_and_tells_the_invited_cres(personas):
    event = make_event(personas.network.geiq, invite=[personas.network.ml_a])
    with pytest.raises(ValidationError):
        event_move(event=event, name="cancel", scope=scope(personas.geiq_recruiter))
    event = event_move(
        event=event, name="cancel", scope=scope(personas.geiq_recruiter), cancel_reason="Intervenant absent"
    )
    assert event.status == E.CANCELLED and event.cancel_reason == "Intervenant absent"
    assert OutboxEmail.objects.filter(code="events.announced", recipient=personas.cre_a).count() == 1


def test_cancelling_is_refused_to_others_and_to_a_cancelled_event(personas):
    event = make_event(personas.network.geiq)
    with pytest.raises(PermissionDenied):
        event_move(event=event, name="cancel", scope=scope(personas.cre_a), cancel_reason="x")
    event_move(event=event, name="cancel", scope=scope(personas.geiq_recruiter), cancel_reason="x")
    with pytest.raises(EventError):
        event_move(event=event, name="cancel", scope=scope(personas.geiq_recruiter), cancel_reason="x")


def test_an_event_is_held_once_its_first_slot_started(personas):
    future = make_event(personas.network.geiq)
    with pytest.raises(EventError, match="commencé"):
        event_move(event=future, name="hold", scope=scope(personas.geiq_recruiter))
    past = make_event(personas.network.geiq, days=-1)
    past = event_move(event=past, name="hold", scope=scope(personas.geiq_recruiter))
    assert past.status == E.HELD and past.held_at is not None


def test_holding_is_refused_to_others_and_to_a_draft(personas):
    past = make_event(personas.network.geiq, days=-1)
    with pytest.raises(PermissionDenied):
        event_move(event=past, name="hold", scope=scope(personas.counsellor_b))
    draft = make_event(personas.network.geiq, days=-1, status=E.DRAFT)
    with pytest.raises(EventError):
        event_move(event=draft, name="hold", scope=scope(personas.geiq_recruiter))


def test_a_co_organiser_runs_the_event_but_a_speaker_does_not(personas):
    from relais.events.enums import OrganizerRole

    event = make_event(
        personas.network.geiq,
        partners=[
            (personas.network.ml_a, OrganizerRole.CO_ORGANISER),
            (personas.network.ml_b, OrganizerRole.SPEAKER),
        ],
    )
    event_move(event=event, name="mark_full", scope=scope(personas.cre_a))
    with pytest.raises(PermissionDenied):
        event_move(event=event, name="reopen", scope=scope(personas.counsellor_b))


def test_cancelling_an_event_cancels_its_registrations_without_promoting_anyone(personas):
    """A cancelled event's registrations stayed « inscrit » and its list showed "2 / 10"."""
    from relais.events.enums import RegistrationStatus as R
    from relais.events.models import Registration, RegistrationTransition

    event = make_event(personas.network.geiq, invite=[personas.network.ml_a])
    kept = Registration.objects.create(
        event=event, kind="staff", person=personas.cre_a.person, status=R.ATTENDED
    )
    seated = Registration.objects.create(
        event=event, kind="staff", person=personas.counsellor_a.person, status=R.REGISTERED
    )
    waiting = Registration.objects.create(
        event=event, kind="staff", person=personas.counsellor_b.person, status=R.WAITLISTED
    )
    event_move(
        event=event, name="cancel", scope=scope(personas.geiq_recruiter), cancel_reason="Salle indisponible"
    )
    statuses = dict(Registration.objects.filter(event=event).values_list("pk", "status"))
    assert statuses == {kept.pk: R.ATTENDED, seated.pk: R.CANCELLED, waiting.pk: R.CANCELLED}
    assert RegistrationTransition.objects.filter(registration=seated, to_status=R.CANCELLED).get().note == (
        "Événement annulé"
    )
