"""The mentorship's lifecycle: every transition's success, forbidden role and wrong state; the derived break."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from relais.core.models import AuditEvent
from relais.core.scope import Scope
from relais.core.workflows import apply
from relais.mentoring.enums import NO_OUTCOME, EndReason, MentorshipStatus
from relais.mentoring.lifecycle import MENTORSHIP_LIFECYCLE, ended_early
from relais.mentoring.models import MentoringError
from relais.positionings.enums import PositioningStatus
from tests.mentoring.factories import mentorship_for, months_ago
from tests.positionings.factories import contract_type

pytestmark = pytest.mark.django_db


@pytest.fixture
def ongoing(personas, mentor, youth, charter):
    return mentorship_for(
        personas.counsellor_a, mentor=mentor, convention=charter, youth=youth, started_on=months_ago(2)
    )


def end(user, mentorship, **fields):
    values = {
        "ended_on": timezone.localdate(),
        "end_reason": EndReason.YOUTH_LEFT,
        "outcome": NO_OUTCOME,
        **fields,
    }
    return apply(MENTORSHIP_LIFECYCLE, mentorship, "end", scope=Scope.for_user(user), **values)


def test_the_mission_locale_ends_a_mentorship_broken_before_six_months(personas, ongoing):
    end(personas.counsellor_a, ongoing, note="Déménagement")
    ongoing.refresh_from_db()
    assert ongoing.status == MentorshipStatus.ENDED
    assert ongoing.ended_on == timezone.localdate()
    assert ongoing.end_reason == EndReason.YOUTH_LEFT and ongoing.outcome == NO_OUTCOME
    assert ongoing.broken_early
    row = ongoing.transitions.get(name="end")
    assert row.note == "Déménagement" and row.by == personas.counsellor_a
    assert AuditEvent.objects.filter(action="mentorship.end", object_id=str(ongoing.pk)).exists()


def test_the_supervising_structure_may_end_it_too_with_a_hire(personas, ongoing):
    cdi = contract_type("cdi", "CDI")
    end(
        personas.geiq_recruiter,
        ongoing,
        end_reason=EndReason.OBJECTIVE_REACHED,
        outcome=PositioningStatus.HIRED,
        contract_type=cdi,
    )
    ongoing.refresh_from_db()
    assert ongoing.status == MentorshipStatus.ENDED
    assert ongoing.contract_type == cdi and ongoing.outcome == PositioningStatus.HIRED
    assert not ongoing.broken_early  # the objective was reached


def test_a_hire_needs_its_contract_type_and_other_outcomes_drop_it(personas, ongoing):
    with pytest.raises(ValidationError) as error:
        end(personas.counsellor_a, ongoing, outcome=PositioningStatus.HIRED)
    assert "contract_type" in error.value.message_dict
    end(
        personas.counsellor_a,
        ongoing,
        outcome=PositioningStatus.ENTERED_TRAINING,
        contract_type=contract_type(),
    )
    ongoing.refresh_from_db()
    assert ongoing.contract_type is None


def test_the_end_needs_a_reason_an_outcome_and_a_date_that_makes_sense(personas, ongoing):
    scope = Scope.for_user(personas.counsellor_a)
    with pytest.raises(ValidationError) as error:
        apply(MENTORSHIP_LIFECYCLE, ongoing, "end", scope=scope, end_reason="", outcome="bogus")
    assert set(error.value.message_dict) == {"ended_on", "end_reason", "outcome"}
    with pytest.raises(ValidationError) as error:
        end(personas.counsellor_a, ongoing, ended_on=ongoing.started_on - datetime.timedelta(days=1))
    assert "ended_on" in error.value.message_dict
    with pytest.raises(ValidationError):
        end(personas.counsellor_a, ongoing, ended_on=timezone.localdate() + datetime.timedelta(days=1))
    ongoing.refresh_from_db()
    assert ongoing.status == MentorshipStatus.ONGOING


@pytest.mark.parametrize("persona", ["counsellor_b", "state_observer", "geiq_coordinator"])
def test_people_outside_the_mentorship_cannot_end_it(personas, ongoing, persona):
    with pytest.raises(PermissionDenied):
        end(getattr(personas, persona), ongoing)


def test_an_ended_mentorship_cannot_be_ended_again(personas, ongoing):
    end(personas.counsellor_a, ongoing)
    with pytest.raises(MentoringError, match="terminé"):
        end(personas.counsellor_a, ongoing)


def test_the_mission_locale_cancels_a_mistaken_mentorship(personas, ongoing):
    apply(
        MENTORSHIP_LIFECYCLE, ongoing, "cancel", scope=Scope.for_user(personas.counsellor_a), note="Doublon"
    )
    ongoing.refresh_from_db()
    assert ongoing.status == MentorshipStatus.CANCELLED
    assert AuditEvent.objects.filter(action="mentorship.cancel", object_id=str(ongoing.pk)).exists()


def test_a_cancellation_says_why(personas, ongoing):
    with pytest.raises(ValidationError):
        apply(MENTORSHIP_LIFECYCLE, ongoing, "cancel", scope=Scope.for_user(personas.counsellor_a))


def test_the_supervising_structure_cannot_cancel(personas, ongoing):
    with pytest.raises(PermissionDenied):
        apply(
            MENTORSHIP_LIFECYCLE, ongoing, "cancel", scope=Scope.for_user(personas.geiq_recruiter), note="x"
        )


def test_an_ended_mentorship_cannot_be_cancelled(personas, ongoing):
    end(personas.counsellor_a, ongoing)
    with pytest.raises(MentoringError):
        apply(MENTORSHIP_LIFECYCLE, ongoing, "cancel", scope=Scope.for_user(personas.counsellor_a), note="x")


def test_a_break_is_derived_from_the_dates_and_the_reason():
    start = datetime.date(2026, 1, 31)
    assert ended_early(start, datetime.date(2026, 7, 30), EndReason.EARLY_BREAK)
    assert not ended_early(start, datetime.date(2026, 7, 31), EndReason.EARLY_BREAK)
    assert ended_early(start, datetime.date(2026, 2, 15), EndReason.MENTOR_LEFT)
    assert not ended_early(start, datetime.date(2026, 2, 15), EndReason.OBJECTIVE_REACHED)


def test_a_mentorship_ended_after_six_months_is_not_a_break(personas, mentor, youth, charter):
    old = mentorship_for(
        personas.counsellor_a, mentor=mentor, convention=charter, youth=youth, started_on=months_ago(7)
    )
    end(personas.counsellor_a, old, end_reason=EndReason.OTHER)
    old.refresh_from_db()
    assert not old.broken_early
