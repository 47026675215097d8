"""A frozen review never changes: deleting young people's records afterwards leaves the snapshot as computed."""

import pytest

from relais.conventions.enums import IndicatorCode
from relais.core.workflows import apply
from relais.positionings.models import Positioning
from relais.reviews.snapshot import live_values, stored_values, values_of
from relais.reviews.workflow import REVIEW_WORKFLOW
from relais.youths.models import Youth
from tests.reviews.conftest import hire_youths

pytestmark = pytest.mark.django_db
HIRED = IndicatorCode.YOUTHS_HIRED_BY_CONTRACT.value


def figure(values, code):
    return next(v for v in values if v.code == code)


def test_the_snapshot_survives_the_deletion_of_young_peoples_records(personas, review, coordinator_scope):
    hire_youths(personas, review.convention, 3)
    assert figure(live_values(review, coordinator_scope), HIRED).value == 3
    apply(REVIEW_WORKFLOW, review, "compute", scope=coordinator_scope)
    review.refresh_from_db()
    frozen = list(review.snapshot)

    Positioning.objects.all().delete()
    Youth.objects.all().delete()

    review.refresh_from_db()
    assert review.snapshot == frozen
    assert figure(stored_values(review), HIRED).value == 3
    # What the page shows once frozen is the snapshot, while the live computation has moved.
    assert figure(values_of(review, coordinator_scope), HIRED).value == 3
    assert figure(live_values(review, coordinator_scope), HIRED).value == 0


def test_a_draft_shows_live_figures(personas, review, coordinator_scope):
    assert figure(values_of(review, coordinator_scope), HIRED).value == 0
    hire_youths(personas, review.convention, 2)
    assert figure(values_of(review, coordinator_scope), HIRED).value == 2


def test_the_snapshot_reads_back_as_the_values_computed(personas, review, coordinator_scope):
    hire_youths(personas, review.convention, 2)
    live = live_values(review, coordinator_scope)
    apply(REVIEW_WORKFLOW, review, "compute", scope=coordinator_scope)
    review.refresh_from_db()
    assert stored_values(review) == live
