"""The demo's reviews: the AURA charter's completed period reviewed and renewed at its COPIL, the current period
open as a live draft. Loads the real referentials and the demo (slow): marked realdata like the demo's test."""

from io import StringIO

import pytest
from django.core.management import call_command

from relais.conventions.enums import ConventionStatus
from relais.conventions.models import Convention
from relais.reviews.demo import AURA
from relais.reviews.enums import ReviewDecision, ReviewStatus
from relais.reviews.models import Review


@pytest.mark.realdata
@pytest.mark.django_db(transaction=True)
def test_the_demo_has_a_renewed_review_and_a_live_draft_for_the_aura_charter():
    call_command("load_referentials", stdout=StringIO())
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "2 bilans" in out.getvalue()
    periods = [Convention.objects.get(slug=AURA)]
    while (following := Convention.objects.filter(previous_period=periods[-1]).first()) is not None:
        periods.append(following)
    completed = [p for p in periods if p.status == ConventionStatus.RENEWED][-1]
    decided = Review.objects.get(convention=completed)
    assert (decided.status, decided.decision) == (ReviewStatus.DECIDED, ReviewDecision.RENEWED)
    assert decided.next_period == completed.next_period and decided.minutes is not None
    assert decided.snapshot and decided.copil_date < completed.end_date
    assert list(decided.transitions.values_list("name", flat=True)) == ["open", "compute", "present", "renew"]
    assert any(item["value"] for item in decided.snapshot)
    current = Review.objects.get(convention=periods[-1])
    assert current.status == ReviewStatus.DRAFT and current.snapshot == []
