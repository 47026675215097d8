"""Grouped reads of the positioning pipeline for the registry's breakdowns (relais/positionings/providers.py).

The headline figures come from the selectors (positioning_counts_for_convention, positioning_delays); these
queries split the same counts along a dimension with one GROUP BY each, under the same conditions, so that the
rows of a breakdown add up to its figure (a young person counted once per Mission Locale, partner or kind).
"""

import statistics

from django.db.models import Count, Q

from relais.conventions.figures import priority_aggregates, priority_counts_of
from relais.conventions.parents import with_declinations
from relais.core.providers import Period, shared
from relais.positionings.delays import DelayStats, delay_expressions
from relais.positionings.enums import PositioningStatus
from relais.positionings.models import Positioning

S = PositioningStatus
# The groupings the providers break their figures down by: the dimension and the field of the positioning.
GROUPINGS = {
    "mission_locale": "mission_locale_id",
    "partner": "opportunity__publisher_id",
    "opportunity_kind": "opportunity__kind",
}
DELAY_STEPS = ("proposal_to_transmission", "transmission_to_answer", "answer_to_entry", "proposal_to_entry")


def _positionings(convention):
    return Positioning.objects.filter(opportunity__convention_id__in=with_declinations(convention))


def metric_conditions(period: Period) -> dict[str, Q]:
    """The condition of each count of positioning_counts_for_convention (same names, same meaning)."""
    recorded = period.q("closed_at")
    return {
        "proposed": period.q("proposed_at") & ~Q(status=S.CANCELLED, transmitted_at__isnull=True),
        "positioned": Q(transmitted_at__isnull=False) & period.q("transmitted_at"),
        "hired": Q(status=S.HIRED) & recorded,
        "entered_training": Q(status=S.ENTERED_TRAINING) & recorded,
        "completed_immersion": Q(status=S.IMMERSION_COMPLETED) & recorded,
        "not_retained": Q(status=S.NOT_RETAINED) & recorded,
    }


PEOPLE_METRICS = ("proposed", "positioned", "hired", "entered_training", "completed_immersion")


def _aggregates(period: Period) -> dict:
    conditions = metric_conditions(period)
    aggregates = {name: Count("youth_ref", distinct=True, filter=conditions[name]) for name in PEOPLE_METRICS}
    aggregates["not_retained"] = Count("pk", filter=conditions["not_retained"])
    return aggregates


def grouped_counts(convention, period: Period, dimension: str) -> dict[str, dict]:
    """{metric: {member: count}} for every count along `dimension` (one GROUP BY query)."""
    field = GROUPINGS[dimension]

    def compute():
        result: dict[str, dict] = {name: {} for name in (*PEOPLE_METRICS, "not_retained")}
        rows = _positionings(convention).values(field).annotate(**_aggregates(period)).order_by()
        for row in rows:
            for name in result:
                if row[name]:
                    result[name][row[field]] = row[name]
        return result

    return shared(("positionings.grouped", convention.pk, period, dimension), compute)


def priority_counts(convention, period: Period) -> dict[str, dict[str, int]]:
    """{metric: {flag: young people}} from the flags kept on the positionings (one aggregate query)."""

    def compute():
        conditions = metric_conditions(period)
        aggregates = {}
        for name in PEOPLE_METRICS:
            aggregates.update(priority_aggregates(name, conditions[name], "youth_ref"))
        row = _positionings(convention).aggregate(**aggregates)
        return {name: priority_counts_of(row, name) for name in PEOPLE_METRICS}

    return shared(("positionings.priority", convention.pk, period), compute)


def grouped_delays(convention, period: Period) -> dict[str, dict[str, dict]]:
    """{step: {"mission_locale" | "partner": {member: [days, ...]}}} for the positionings proposed in the period:
    the delays of each positioning read from its milestone columns (relais/positionings/delays.py), one row per
    positioning in one query, grouped by its Mission Locale and its partner."""

    def compute():
        expressions = delay_expressions()
        rows = (
            _positionings(convention)
            .filter(period.q("proposed_at"))
            .order_by()
            .annotate(**expressions)
            .values_list("mission_locale_id", "opportunity__publisher_id", *expressions)
        )
        values: dict[str, dict[str, dict]] = {
            step: {"mission_locale": {}, "partner": {}} for step in DELAY_STEPS
        }
        for ml, partner, *days in rows.iterator(chunk_size=5000):
            for step, value in zip(expressions, days, strict=True):
                if value is not None:
                    values[step]["mission_locale"].setdefault(ml, []).append(float(value))
                    values[step]["partner"].setdefault(partner, []).append(float(value))
        return values

    return shared(("positionings.delays_grouped", convention.pk, period), compute)


def stats_of(values: list[float]) -> DelayStats:
    """The statistics of positioning_delays over a list of days (statistics.median, fmean, the inclusive 80th
    percentile)."""
    if not values:
        return DelayStats(0, None, None)
    p80 = statistics.quantiles(values, n=5, method="inclusive")[3] if len(values) > 1 else values[0]
    return DelayStats(
        len(values),
        round(statistics.median(values), 1),
        round(statistics.fmean(values), 1),
        round(p80, 1),
    )
