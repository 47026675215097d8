"""Registrations: every move (success, forbidden role, wrong state), capacity and the waiting list."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from relais.core.scope import Scope
from relais.events.enums import EventStatus as E
from relais.events.enums import RegistrationRole
from relais.events.enums import RegistrationStatus as R
from relais.events.models import EventError
from relais.events.registrations import (
    registration_accept,
    registration_add_staff,
    registration_add_youth,
    registration_invite,
    registration_move,
)
from tests.events.factories import make_event
from tests.youths.factories import YouthFactory

pytestmark = pytest.mark.django_db


def scope(user):
    return Scope.for_user(user)


@pytest.fixture
def event(personas):
    return make_event(personas.network.geiq, invite=[personas.network.ml_a], capacity=2)


def youth_of(ml):
    return YouthFactory(mission_locale=ml)


def test_a_counsellor_registers_a_young_person_of_their_mission_locale_with_consent(personas, event):
    youth = youth_of(personas.network.ml_a)
    registration = registration_add_youth(
        event=event, youth=youth, scope=scope(personas.counsellor_a), consent_recorded=True
    )
    assert registration.status == R.REGISTERED and registration.registered_by == personas.counsellor_a
    assert registration.organization == personas.network.ml_a and registration.consent_recorded


def test_no_young_person_is_registered_without_their_consent(personas, event):
    with pytest.raises(ValidationError):
        registration_add_youth(
            event=event,
            youth=youth_of(personas.network.ml_a),
            scope=scope(personas.counsellor_a),
            consent_recorded=False,
        )


def test_another_mission_locale_cannot_register_a_young_person(personas, event):
    with pytest.raises(PermissionDenied):
        registration_add_youth(
            event=event,
            youth=youth_of(personas.network.ml_a),
            scope=scope(personas.counsellor_b),
            consent_recorded=True,
        )
    # ML B is not invited either, even for its own young people.
    with pytest.raises(PermissionDenied):
        registration_add_youth(
            event=event,
            youth=youth_of(personas.network.ml_b),
            scope=scope(personas.counsellor_b),
            consent_recorded=True,
        )


def test_the_partner_organiser_cannot_register_a_mission_locales_young_person(personas, event):
    with pytest.raises(PermissionDenied):
        registration_add_youth(
            event=event,
            youth=youth_of(personas.network.ml_a),
            scope=scope(personas.geiq_recruiter),
            consent_recorded=True,
        )


def test_past_capacity_registrations_go_to_the_waiting_list_and_a_cancellation_promotes_the_first(
    personas, event
):
    regs = [
        registration_add_youth(
            event=event,
            youth=youth_of(personas.network.ml_a),
            scope=scope(personas.counsellor_a),
            consent_recorded=True,
        )
        for _ in range(4)
    ]
    assert [r.status for r in regs] == [R.REGISTERED, R.REGISTERED, R.WAITLISTED, R.WAITLISTED]
    registration_move(registration=regs[0], name="cancel", scope=scope(personas.counsellor_a))
    for r in regs:
        r.refresh_from_db()
    assert [r.status for r in regs] == [R.CANCELLED, R.REGISTERED, R.REGISTERED, R.WAITLISTED]
    assert regs[2].transitions.last().name == "promote"


def test_cancelling_a_waitlisted_registration_promotes_nobody(personas, event):
    regs = [
        registration_add_youth(
            event=event,
            youth=youth_of(personas.network.ml_a),
            scope=scope(personas.counsellor_a),
            consent_recorded=True,
        )
        for _ in range(4)
    ]
    registration_move(registration=regs[2], name="cancel", scope=scope(personas.counsellor_a))
    regs[3].refresh_from_db()
    assert regs[3].status == R.WAITLISTED


def test_an_excused_absence_frees_the_seat(personas, event):
    regs = [
        registration_add_youth(
            event=event,
            youth=youth_of(personas.network.ml_a),
            scope=scope(personas.counsellor_a),
            consent_recorded=True,
        )
        for _ in range(3)
    ]
    registration_move(registration=regs[1], name="excuse", scope=scope(personas.counsellor_a))
    regs[2].refresh_from_db()
    assert regs[2].status == R.REGISTERED


def test_reopening_a_full_event_promotes_the_waiting_list(personas, event):
    from relais.events.services import event_move

    event_move(event=event, name="mark_full", scope=scope(personas.geiq_recruiter))
    waiting = registration_add_staff(event=event, scope=scope(personas.cre_a))
    assert waiting.status == R.WAITLISTED
    event_move(event=event, name="reopen", scope=scope(personas.geiq_recruiter))
    waiting.refresh_from_db()
    assert waiting.status == R.REGISTERED


def test_a_member_of_the_network_registers_themself_and_cancels(personas, event):
    registration = registration_add_staff(event=event, scope=scope(personas.counsellor_b))
    assert registration.status == R.REGISTERED and registration.person == personas.counsellor_b.person
    registration_move(registration=registration, name="cancel", scope=scope(personas.counsellor_b))
    registration.refresh_from_db()
    assert registration.status == R.CANCELLED


def test_nobody_cancels_someone_elses_registration_but_the_organisers(personas, event):
    registration = registration_add_staff(event=event, scope=scope(personas.counsellor_b))
    with pytest.raises(PermissionDenied):
        registration_move(registration=registration, name="cancel", scope=scope(personas.cre_a))
    registration_move(registration=registration, name="cancel", scope=scope(personas.geiq_recruiter))
    with pytest.raises(EventError):
        registration_move(registration=registration, name="cancel", scope=scope(personas.geiq_recruiter))


def test_staff_cannot_register_to_an_event_for_young_people_only(personas):
    event = make_event(personas.network.geiq, audience="youths")
    with pytest.raises(PermissionDenied):
        registration_add_staff(event=event, scope=scope(personas.counsellor_b))


def test_an_invited_professional_confirms_or_waits(personas):
    event = make_event(personas.network.geiq, capacity=1)
    first = registration_invite(
        event=event, scope=scope(personas.geiq_recruiter), person=personas.cre_a.person
    )
    second = registration_invite(
        event=event, scope=scope(personas.geiq_recruiter), person=personas.counsellor_b.person
    )
    assert first.status == R.INVITED
    assert registration_accept(registration=first, scope=scope(personas.cre_a)).status == R.REGISTERED
    assert registration_accept(registration=second, scope=scope(personas.counsellor_b)).status == R.WAITLISTED


def test_an_invitation_is_accepted_only_by_the_invited_person_or_an_organiser(personas):
    event = make_event(personas.network.geiq)
    invitation = registration_invite(
        event=event, scope=scope(personas.geiq_recruiter), person=personas.cre_a.person
    )
    with pytest.raises(PermissionDenied):
        registration_move(registration=invitation, name="register", scope=scope(personas.counsellor_b))
    with pytest.raises(PermissionDenied):
        registration_invite(event=event, scope=scope(personas.cre_a), person=personas.counsellor_b.person)


def test_waitlisting_an_invitation_and_wrong_states(personas):
    event = make_event(personas.network.geiq)
    invitation = registration_invite(
        event=event, scope=scope(personas.geiq_recruiter), person=personas.cre_a.person
    )
    registration_move(registration=invitation, name="waitlist", scope=scope(personas.cre_a))
    with pytest.raises(EventError):
        registration_move(registration=invitation, name="waitlist", scope=scope(personas.cre_a))
    with pytest.raises(EventError):
        registration_move(registration=invitation, name="excuse", scope=scope(personas.cre_a))


def test_promotion_is_for_organisers_only_and_needs_a_seat(personas):
    event = make_event(personas.network.geiq, capacity=1)
    registration_add_staff(event=event, scope=scope(personas.cre_a))
    waiting = registration_add_staff(event=event, scope=scope(personas.counsellor_b))
    with pytest.raises(PermissionDenied):
        registration_move(registration=waiting, name="promote", scope=scope(personas.counsellor_b))
    with pytest.raises(EventError, match="plus de place"):
        registration_move(registration=waiting, name="promote", scope=scope(personas.geiq_recruiter))


def test_attendance_is_recorded_by_organisers_once_the_event_started(personas):
    future = make_event(personas.network.geiq)
    registration = registration_add_staff(event=future, scope=scope(personas.cre_a))
    with pytest.raises(EventError, match="commencé"):
        registration_move(registration=registration, name="attend", scope=scope(personas.geiq_recruiter))
    past = make_event(personas.network.geiq, days=-1)
    from relais.events.models import Registration

    done = Registration.objects.create(
        event=past, kind="staff", person=personas.counsellor_b.person, status=R.REGISTERED
    )
    with pytest.raises(PermissionDenied):
        registration_move(registration=done, name="attend", scope=scope(personas.counsellor_b))
    registration_move(registration=done, name="attend", scope=scope(personas.geiq_recruiter))
    registration_move(registration=done, name="no_show", scope=scope(personas.geiq_recruiter))
    done.refresh_from_db()
    assert done.status == R.NO_SHOW
    with pytest.raises(EventError):
        registration_move(registration=done, name="no_show", scope=scope(personas.geiq_recruiter))


def test_a_mentor_speaks_as_a_speaker_registration(personas):
    from relais.mentoring.models import Mentor

    mentor = Mentor.objects.create(person=personas.counsellor_b.person, supervisor=personas.network.ml_b)
    event = make_event(personas.network.geiq, capacity=1)
    registration = registration_add_staff(event=event, scope=scope(personas.geiq_recruiter), mentor=mentor)
    assert registration.role == RegistrationRole.SPEAKER and registration.status == R.REGISTERED
    # A speaker takes no participant's seat.
    assert registration_add_staff(event=event, scope=scope(personas.cre_a)).status == R.REGISTERED
    with pytest.raises(PermissionDenied):
        registration_add_staff(event=event, scope=scope(personas.cre_a), role=RegistrationRole.SPEAKER)


def test_no_registration_to_a_cancelled_event(personas):
    event = make_event(personas.network.geiq, status=E.CANCELLED)
    with pytest.raises(PermissionDenied):
        registration_add_staff(event=event, scope=scope(personas.cre_a))


def test_nobody_registers_to_an_event_that_has_ended(personas):
    ended = make_event(personas.network.geiq, days=-1, invite=[personas.network.ml_a])
    with pytest.raises(PermissionDenied):
        registration_add_staff(event=ended, scope=scope(personas.cre_a))
    youth = YouthFactory(mission_locale=personas.network.ml_a)
    with pytest.raises(PermissionDenied):
        registration_add_youth(
            event=ended, youth=youth, scope=scope(personas.counsellor_a), consent_recorded=True
        )
