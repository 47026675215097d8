"""The review's workflow: each move succeeds from its state for a party's coordinator, is refused to others and
from other states; the decision moves the convention (renewal linked to the review, or its end)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from relais.conventions.enums import ConventionStatus, RenewalRule
from relais.conventions.lifecycle import CONVENTION_LIFECYCLE
from relais.conventions.models import ConventionError
from relais.core.models import AuditEvent
from relais.core.scope import Scope
from relais.core.workflows import apply
from relais.reviews.enums import ReviewDecision, ReviewStatus
from relais.reviews.models import ReviewError
from relais.reviews.services import comment_add, review_open, review_present
from relais.reviews.workflow import REVIEW_WORKFLOW
from tests.reviews.conftest import minutes_file

pytestmark = pytest.mark.django_db
YESTERDAY = timezone.localdate() - datetime.timedelta(days=1)


def present(review, scope):
    return review_present(
        review=review,
        scope=scope,
        uploaded_file=minutes_file(),
        copil_date=YESTERDAY,
        copil_attendees="Alexia Violet (AMILAURA)\nManuel Colombino (CR GEIQ)",
    )


def at(review, status):
    review.status = status
    review.save(update_fields=["status"])
    return review


def test_a_party_coordinator_freezes_the_figures_with_the_registry_version_and_date(
    review, coordinator_scope
):
    apply(REVIEW_WORKFLOW, review, "compute", scope=coordinator_scope)
    review.refresh_from_db()
    assert review.status == ReviewStatus.COMPUTED
    assert review.snapshot and {"code", "value", "breakdowns"} <= set(review.snapshot[0])
    assert review.registry_version.startswith("r-") and review.computed_at is not None
    assert review.period_start == review.convention.start_date
    log = review.transitions.get(name="compute")
    assert (log.from_status, log.to_status) == (ReviewStatus.DRAFT, ReviewStatus.COMPUTED)
    assert AuditEvent.objects.filter(action="review.compute", object_id=str(review.pk)).exists()


def test_an_observer_and_a_counsellor_cannot_move_the_review(review, personas):
    for user in (personas.state_observer, personas.counsellor_a, personas.geiq_recruiter):
        with pytest.raises(PermissionDenied):
            apply(REVIEW_WORKFLOW, review, "compute", scope=Scope.for_user(user))
    review.refresh_from_db()
    assert review.status == ReviewStatus.DRAFT and review.snapshot == []


def test_the_other_party_coordinator_may_freeze_too(review, personas):
    apply(REVIEW_WORKFLOW, review, "compute", scope=Scope.for_user(personas.geiq_coordinator))
    review.refresh_from_db()
    assert review.status == ReviewStatus.COMPUTED


@pytest.mark.parametrize(
    "name,wrong",
    [
        ("compute", [ReviewStatus.COMPUTED, ReviewStatus.PRESENTED, ReviewStatus.DECIDED]),
        ("reopen", [ReviewStatus.DRAFT, ReviewStatus.PRESENTED, ReviewStatus.DECIDED]),
        ("renew", [ReviewStatus.DRAFT, ReviewStatus.COMPUTED, ReviewStatus.DECIDED]),
        ("end", [ReviewStatus.DRAFT, ReviewStatus.COMPUTED, ReviewStatus.DECIDED]),
        ("renew_with_changes", [ReviewStatus.DRAFT, ReviewStatus.COMPUTED, ReviewStatus.DECIDED]),
        ("present", [ReviewStatus.DRAFT, ReviewStatus.PRESENTED, ReviewStatus.DECIDED]),
    ],
)
def test_each_move_is_refused_from_the_wrong_state(review, coordinator_scope, name, wrong):
    for status in wrong:
        at(review, status)
        with pytest.raises(ReviewError, match="n'est pas possible pour un bilan"):
            apply(REVIEW_WORKFLOW, review, name, scope=coordinator_scope, note="raison")


def test_returning_computed_figures_to_draft_needs_a_reason(review, coordinator_scope):
    apply(REVIEW_WORKFLOW, review, "compute", scope=coordinator_scope)
    with pytest.raises(ValidationError) as error:
        apply(REVIEW_WORKFLOW, review, "reopen", scope=coordinator_scope, note="  ")
    assert "note" in error.value.message_dict
    apply(
        REVIEW_WORKFLOW, review, "reopen", scope=coordinator_scope, note="Les présences de mars manquaient."
    )
    review.refresh_from_db()
    assert review.status == ReviewStatus.DRAFT and review.snapshot == [] and review.computed_at is None
    assert review.transitions.get(name="reopen").note == "Les présences de mars manquaient."


def test_the_copil_is_recorded_with_its_minutes_filed_in_the_shared_space(review, coordinator_scope):
    apply(REVIEW_WORKFLOW, review, "compute", scope=coordinator_scope)
    present(review, coordinator_scope)
    review.refresh_from_db()
    assert review.status == ReviewStatus.PRESENTED
    assert review.copil_date == YESTERDAY and "Manuel Colombino" in review.copil_attendees
    assert review.minutes.convention == review.convention and review.minutes.kind == "minutes"
    assert review.minutes.folder.name == "Comptes rendus"


def test_a_copil_in_the_future_is_refused(review, coordinator_scope):
    apply(REVIEW_WORKFLOW, review, "compute", scope=coordinator_scope)
    with pytest.raises(ReviewError, match="futur"):
        review_present(
            review=review,
            scope=coordinator_scope,
            uploaded_file=minutes_file(),
            copil_date=timezone.localdate() + datetime.timedelta(days=3),
            copil_attendees="Alexia Violet",
        )
    review.refresh_from_db()
    assert review.status == ReviewStatus.COMPUTED and review.minutes is None


def test_the_renewal_decision_opens_the_next_period_linked_to_the_review(review, coordinator_scope):
    apply(REVIEW_WORKFLOW, review, "compute", scope=coordinator_scope)
    present(review, coordinator_scope)
    apply(
        REVIEW_WORKFLOW, review, "renew", scope=coordinator_scope, decision_note="Reconduite à l'identique."
    )
    review.refresh_from_db()
    convention = review.convention
    convention.refresh_from_db()
    assert review.status == ReviewStatus.DECIDED and review.decision == ReviewDecision.RENEWED
    assert convention.status == ConventionStatus.RENEWED
    assert review.next_period == convention.next_period
    assert review.next_period.start_date == convention.end_date + datetime.timedelta(days=1)
    note = convention.transitions.get(name="renew").note
    assert note.startswith(f"Décision du COPIL du {YESTERDAY:%d/%m/%Y}") and "Reconduite" in note


def test_renewal_with_changes_needs_the_changes(review, coordinator_scope):
    apply(REVIEW_WORKFLOW, review, "compute", scope=coordinator_scope)
    present(review, coordinator_scope)
    with pytest.raises(ValidationError):
        apply(REVIEW_WORKFLOW, review, "renew_with_changes", scope=coordinator_scope)
    apply(
        REVIEW_WORKFLOW,
        review,
        "renew_with_changes",
        scope=coordinator_scope,
        decision_note="Un axe mentorat ajouté.",
    )
    review.refresh_from_db()
    assert review.decision == ReviewDecision.RENEWED_WITH_CHANGES and review.next_period is not None


def test_the_end_decision_ends_the_convention(review, coordinator_scope):
    apply(REVIEW_WORKFLOW, review, "compute", scope=coordinator_scope)
    present(review, coordinator_scope)
    apply(REVIEW_WORKFLOW, review, "end", scope=coordinator_scope)
    review.convention.refresh_from_db()
    assert review.convention.status == ConventionStatus.ENDED and review.next_period is None


def test_a_text_without_renewal_can_only_be_ended(review, coordinator_scope):
    convention = review.convention
    convention.renewal_rule = RenewalRule.FIXED_TERM
    convention.save(update_fields=["renewal_rule"])
    apply(REVIEW_WORKFLOW, review, "compute", scope=coordinator_scope)
    present(review, coordinator_scope)
    assert "renew" not in [t.name for t in REVIEW_WORKFLOW.available(review, coordinator_scope)]
    with pytest.raises(ReviewError, match="ne prévoit pas de renouvellement"):
        apply(REVIEW_WORKFLOW, review, "renew", scope=coordinator_scope)


def test_a_decision_waits_for_the_convention_to_await_its_review(review, coordinator_scope):
    convention = review.convention
    convention.status = ConventionStatus.ACTIVE
    convention.save(update_fields=["status"])
    apply(REVIEW_WORKFLOW, review, "compute", scope=coordinator_scope)
    present(review, coordinator_scope)
    with pytest.raises(ReviewError, match="Bilan à réaliser"):
        apply(REVIEW_WORKFLOW, review, "renew", scope=coordinator_scope)


def test_once_the_review_exists_the_convention_page_cannot_renew_on_a_typed_note(review, coordinator_scope):
    with pytest.raises(ConventionError, match="se décide dans son bilan annuel"):
        apply(
            CONVENTION_LIFECYCLE,
            review.convention,
            "renew",
            scope=coordinator_scope,
            note="Décision du COPIL du 12/11 : renouvellement.",
        )


def test_renewing_from_the_convention_page_points_to_the_review(client, charter, coordinator_scope, personas):
    client.force_login(personas.arml_coordinator)
    assert (
        f"/conventions/{charter.pk}/statut/renew/"
        in client.get(f"/conventions/{charter.pk}/").content.decode()
    )
    review = review_open(convention=charter, scope=coordinator_scope)
    page = client.get(f"/conventions/{charter.pk}/").content.decode()
    assert f"/conventions/{charter.pk}/statut/renew/" not in page and f"/bilans/{charter.pk}/" in page
    response = client.get(f"/conventions/{review.convention.pk}/statut/renew/", follow=True)
    assert "se décide dans son bilan annuel" in response.content.decode()
    review.convention.refresh_from_db()
    assert review.convention.status == ConventionStatus.REVIEW_DUE


def test_parties_comment_before_the_copil_only(review, coordinator_scope, personas):
    comment = comment_add(review=review, scope=coordinator_scope, text="Les visites de juin manquent.")
    assert comment.organization == personas.network.arml
    with pytest.raises(PermissionDenied):
        comment_add(review=review, scope=Scope.for_user(personas.state_observer), text="Remarque")
    apply(REVIEW_WORKFLOW, review, "compute", scope=coordinator_scope)
    present(review, coordinator_scope)
    with pytest.raises(ReviewError, match="ne reçoit plus de commentaires"):
        comment_add(review=review, scope=coordinator_scope, text="Trop tard")
