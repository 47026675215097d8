"""Frozen reviews built by hand: a Review row with a snapshot of IndicatorValue.to_dict() values."""

import datetime

from relais.core.providers import Breakdown, BreakdownRow, Dimension, IndicatorValue
from relais.reviews.enums import ReviewStatus
from relais.reviews.models import Review

POSITIONED = "youths_positioned"
HIRED = "youths_hired_by_contract"
EVENTS = "info_sessions_youths"


def figure(
    code=POSITIONED, value=0, *, by_ml=None, priority=None, counts_people=True, unit="jeune", label=""
):
    """A figure with its breakdown by Mission Locale ({organisation: count}) and by priority public."""
    breakdowns = []
    if by_ml:
        rows = tuple(BreakdownRow(str(ml.pk), ml.name, count) for ml, count in by_ml.items())
        breakdowns.append(Breakdown(Dimension.MISSION_LOCALE.value, rows))
    if priority:
        rows = tuple(BreakdownRow(code_, code_.upper(), count) for code_, count in priority.items())
        breakdowns.append(Breakdown(Dimension.PRIORITY_PUBLIC.value, rows))
    return IndicatorValue(
        code=code,
        label=label or {POSITIONED: "Jeunes positionnés", HIRED: "Jeunes recrutés"}.get(code, code),
        value=value,
        unit=unit,
        counts_people=counts_people,
        breakdowns=tuple(breakdowns),
    ).to_dict()


def review(convention, *figures, status=ReviewStatus.COMPUTED, end=datetime.date(2025, 12, 31)):
    return Review.objects.create(
        convention=convention,
        status=status,
        period_start=end.replace(year=end.year - 1) + datetime.timedelta(days=1),
        period_end=end,
        snapshot=list(figures),
        registry_version="test",
    )
