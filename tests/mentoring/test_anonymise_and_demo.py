"""What the annual review will count, how it survives a young person's anonymisation, and the demo data."""

import pytest
from django.utils import timezone

from relais.core.scope import Scope
from relais.core.workflows import apply
from relais.mentoring.enums import NO_OUTCOME, EndReason
from relais.mentoring.lifecycle import MENTORSHIP_LIFECYCLE
from relais.mentoring.models import ANONYMISED_YOUTH, Mentorship
from relais.mentoring.selectors import mentored_view, mentorship_counts, mentorship_counts_by
from relais.mentoring.services import meeting_add
from relais.youths.hooks import last_activity_elsewhere
from relais.youths.services import youth_anonymise
from tests.mentoring.factories import mentorship_for, months_ago

pytestmark = pytest.mark.django_db


def test_counts_of_started_ongoing_and_broken_mentorships_survive_anonymisation(
    personas, mentor, youth, secret_youth, charter
):
    broken = mentorship_for(
        personas.counsellor_a,
        mentor=mentor,
        convention=charter,
        youth=youth,
        started_on=months_ago(3),
        goals="Léa veut…",
    )
    meeting_add(
        scope=Scope.for_user(personas.counsellor_a),
        mentorship=broken,
        held_on=months_ago(2),
        duration_minutes=30,
        note="Léa est venue",
    )
    apply(
        MENTORSHIP_LIFECYCLE,
        broken,
        "end",
        scope=Scope.for_user(personas.counsellor_a),
        note="Léa part",
        ended_on=timezone.localdate(),
        end_reason=EndReason.EARLY_BREAK,
        outcome=NO_OUTCOME,
    )
    mentorship_for(personas.counsellor_a, mentor=mentor, convention=charter, youth=secret_youth)
    cancelled = mentorship_for(personas.counsellor_a, mentor=mentor, convention=charter, youth=secret_youth)
    apply(
        MENTORSHIP_LIFECYCLE, cancelled, "cancel", scope=Scope.for_user(personas.counsellor_a), note="Doublon"
    )
    ml_a = Mentorship.objects.filter(mission_locale=personas.network.ml_a)
    before = mentorship_counts(ml_a)
    assert (before["started"], before["ongoing"], before["broken_early"]) == (2, 1, 1)
    assert before["youth_qpv_resident"] == 1 and before["youth_cej_beneficiary"] == 1
    assert mentorship_counts(Mentorship.objects.filter(department=personas.network.rhone)) == before
    assert mentorship_counts_by(Mentorship.objects.all(), "mission_locale") == {
        personas.network.ml_a.pk: before
    }
    assert mentorship_counts_by(Mentorship.objects.all(), "department") == {personas.network.rhone.pk: before}

    youth.archived_at = timezone.now()
    youth.save(update_fields=["archived_at"])
    youth_anonymise(youth=youth, scope=Scope.system())
    assert mentorship_counts(ml_a) == before
    broken.refresh_from_db()
    assert broken.youth is None and broken.youth_ref is not None
    assert broken.goals == "" and broken.meetings.get().note == ""
    assert not broken.transitions.exclude(note="").exists()
    assert mentored_view(Scope.for_user(personas.counsellor_a), broken).label == ANONYMISED_YOUTH


def test_a_meeting_counts_as_the_young_person_s_last_activity(personas, mentor, youth, charter):
    mentorship = mentorship_for(
        personas.counsellor_a, mentor=mentor, convention=charter, youth=youth, started_on=months_ago(3)
    )
    meeting_add(
        scope=Scope.for_user(personas.counsellor_a),
        mentorship=mentorship,
        held_on=months_ago(1),
        duration_minutes=30,
    )
    assert timezone.localdate(last_activity_elsewhere([youth.pk])[youth.pk]) == months_ago(1)


def test_the_demo_creates_mentors_and_mentorships(personas, rome, youth, secret_youth, charter):
    from relais.mentoring.demo import create_mentoring

    result = create_mentoring(
        supervisor=personas.network.geiq,
        supervisor_user=personas.geiq_recruiter,
        counsellor=personas.counsellor_a,
        young_people=[youth, secret_youth],
    )
    assert result == {"mentors": 3, "mentorships": 3}
    counts = mentorship_counts(Mentorship.objects.all())
    assert (counts["started"], counts["ongoing"], counts["broken_early"]) == (3, 2, 1)
