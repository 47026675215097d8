"""What the conventions provide: the period a convention's figures are counted over, and the figure of the
conventions declining it (keyed by indicator code, see relais/core/providers.py)."""

import datetime

from django.utils import timezone

from relais.conventions.enums import ConventionKind, ConventionStatus, IndicatorCode
from relais.conventions.models import Convention
from relais.conventions.parents import with_declinations
from relais.core.providers import BreakdownRow, IndicatorValue, Period, indicator

# A convention in one of these statuses is still in force, even past its end date (awaiting its review, its
# renewal or its end): its activity keeps counting until today.
IN_FORCE = frozenset({ConventionStatus.ACTIVE, ConventionStatus.REVIEW_DUE})
# Conventions that never took effect.
NOT_IN_FORCE = frozenset({ConventionStatus.DRAFT, ConventionStatus.CANCELLED})


def convention_period(convention: Convention, *, today: datetime.date | None = None) -> Period:
    """The convention's dates: the default period of its figures (an open end when the text gives none)."""
    today = today or timezone.localdate()
    start, end = convention.start_date, convention.end_date
    if end and end < today and convention.status in IN_FORCE:
        end = today
    if start and end and end < start:
        end = None
    return Period(start, end)


@indicator(IndicatorCode.DECLINING_CONVENTIONS, section="Déclinaisons locales", order=50)
def declining_conventions(convention, period, scope) -> IndicatorValue:
    """The conventions below this one that were in force at some point of the period (drafts aside)."""
    below = with_declinations(convention) - {convention.pk}
    rows = (
        Convention.objects.filter(pk__in=below)
        .exclude(status__in=NOT_IN_FORCE)
        .values_list("kind", "start_date", "end_date")
    )
    by_kind: dict[str, int] = {}
    for kind, start, end in rows:
        if period.overlaps(start, end):
            by_kind[kind] = by_kind.get(kind, 0) + 1
    return IndicatorValue(
        code=IndicatorCode.DECLINING_CONVENTIONS.value,
        label="Conventions qui la déclinent",
        value=sum(by_kind.values()),
        unit="convention",
        counts_people=False,
        breakdown=tuple(
            BreakdownRow(kind.value, kind.label, by_kind[kind]) for kind in ConventionKind if kind in by_kind
        ),
        note="en vigueur sur la période",
    )
