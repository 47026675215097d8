"""Creating a mentorship: who may, under which convention, what it keeps of the young person, its follow-ups."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from relais.conventions.scheduling import add_months
from relais.core.models import AuditEvent
from relais.core.scope import Scope
from relais.mentoring.enums import FollowUpKind, MentorshipKind, MentorshipStatus
from relais.mentoring.models import MentoringError, MentorshipTransition
from relais.mentoring.services import mentorship_create
from tests.conventions.factories import AxisFactory, ConventionFactory
from tests.mentoring.factories import mentorship_for

pytestmark = pytest.mark.django_db


def test_a_counsellor_pairs_a_mentor_with_a_young_person_of_their_mission_locale(
    personas, mentor, youth, charter, axis
):
    start = datetime.date(2026, 3, 2)
    mentorship = mentorship_for(
        personas.counsellor_a, mentor=mentor, convention=charter, axis=axis, youth=youth, started_on=start
    )
    assert mentorship.status == MentorshipStatus.ONGOING
    assert mentorship.kind == MentorshipKind.INDIVIDUAL
    assert mentorship.planned_end_on == datetime.date(2026, 9, 2)  # six months by default
    assert mentorship.created_by == personas.counsellor_a
    # The countable facts the annual review reads, copied from the record.
    assert mentorship.mission_locale == personas.network.ml_a
    assert mentorship.department == personas.network.rhone
    assert mentorship.youth_ref == youth.pk
    assert mentorship.youth_qpv_resident and mentorship.youth_cej_beneficiary
    assert not mentorship.youth_rqth
    due = {f.kind: f.due_on for f in mentorship.follow_ups.all()}
    assert due == {
        FollowUpKind.ONE_MONTH: datetime.date(2026, 4, 2),
        FollowUpKind.MIDWAY: datetime.date(2026, 6, 2),  # 184 days / 2
        FollowUpKind.END: datetime.date(2026, 9, 2),
    }
    log = MentorshipTransition.objects.get(mentorship=mentorship)
    assert (log.name, log.from_status, log.to_status) == ("create", "", MentorshipStatus.ONGOING)
    event = AuditEvent.objects.get(action="mentorship.create")
    assert event.details["youth"] == youth.pk and event.details["mentor"] == mentor.pk


def test_a_planned_end_can_be_given_and_must_follow_the_start(personas, mentor, youth, charter):
    start = timezone.localdate()
    mentorship = mentorship_for(
        personas.counsellor_a,
        mentor=mentor,
        convention=charter,
        youth=youth,
        planned_end_on=add_months(start, 3),
    )
    assert mentorship.planned_end_on == add_months(start, 3)
    with pytest.raises(ValidationError) as error:
        mentorship_for(
            personas.counsellor_a, mentor=mentor, convention=charter, youth=youth, planned_end_on=start
        )
    assert "planned_end_on" in error.value.message_dict


def test_a_counsellor_of_another_mission_locale_cannot_pair_the_young_person(
    personas, mentor, youth, charter
):
    with pytest.raises(PermissionDenied):
        mentorship_for(personas.counsellor_b, mentor=mentor, convention=charter, youth=youth)


def test_the_supervising_structure_does_not_create_mentorships(personas, mentor, youth, charter):
    with pytest.raises(PermissionDenied):
        mentorship_for(personas.geiq_recruiter, mentor=mentor, convention=charter, youth=youth)


def test_the_convention_must_be_one_the_mission_locale_is_party_to(personas, mentor, youth):
    elsewhere = ConventionFactory(parties=[personas.network.arml_ge])
    with pytest.raises(ValidationError) as error:
        mentorship_for(personas.counsellor_a, mentor=mentor, convention=elsewhere, youth=youth)
    assert "convention" in error.value.message_dict


def test_a_local_convention_declining_the_charter_is_offered_too(personas, mentor, youth, charter):
    local = ConventionFactory(local=True, parent=charter, parties=[personas.network.geiq])
    mentorship = mentorship_for(personas.counsellor_a, mentor=mentor, convention=local, youth=youth)
    assert mentorship.convention == local


def test_the_axis_must_belong_to_the_convention(personas, mentor, youth, charter):
    other_axis = AxisFactory()
    with pytest.raises(ValidationError) as error:
        mentorship_for(personas.counsellor_a, mentor=mentor, convention=charter, youth=youth, axis=other_axis)
    assert "axis" in error.value.message_dict


def test_an_archived_young_person_cannot_be_paired(personas, mentor, youth, charter):
    youth.archived_at = timezone.now()
    youth.save(update_fields=["archived_at"])
    with pytest.raises(MentoringError):
        mentorship_for(personas.counsellor_a, mentor=mentor, convention=charter, youth=youth)


def test_a_mission_locale_pairs_a_mentor_with_a_cej_cohort(personas, mentor, charter):
    mentorship = mentorship_create(
        scope=Scope.for_user(personas.counsellor_a),
        mentor=mentor,
        convention=charter,
        mission_locale=personas.network.ml_a,
        group_label="Cohorte CEJ de mars",
        group_size=12,
        started_on=timezone.localdate(),
    )
    assert mentorship.kind == MentorshipKind.GROUP
    assert mentorship.youth is None and mentorship.youth_ref is None
    assert mentorship.youth_cej_beneficiary
    assert mentorship.department == personas.network.rhone  # ML A covers one department
    assert mentorship.follow_ups.count() == 3


def test_a_group_needs_a_name_and_its_mission_locale_must_be_the_counsellors(personas, mentor, charter):
    scope = Scope.for_user(personas.counsellor_a)
    common = {"scope": scope, "mentor": mentor, "convention": charter, "started_on": timezone.localdate()}
    with pytest.raises(ValidationError):
        mentorship_create(mission_locale=personas.network.ml_a, group_label=" ", **common)
    with pytest.raises(PermissionDenied):
        mentorship_create(mission_locale=personas.network.ml_b, group_label="Cohorte", **common)
