"""Grouped reads of the positioning pipeline for the registry's breakdowns (relais/positionings/providers.py).

The headline figures come from the selectors (positioning_counts_for_convention, positioning_delays); these
queries split the same counts along a dimension with one GROUP BY each, under the same conditions, so that the
rows of a breakdown add up to its figure (a young person counted once per Mission Locale, partner or kind).
"""

from django.db.models import Count, Q
from django.utils import timezone

from relais.conventions.figures import priority_aggregates, priority_counts_of
from relais.conventions.parents import with_declinations
from relais.core.providers import Period, shared
from relais.positionings.enums import PositioningStatus
from relais.positionings.models import Positioning
from relais.positionings.selectors import DelayStats, _stats, milestones_of

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


def _steps(row: dict) -> dict[str, float]:
    """The days of each step of one positioning's milestones (the formula of selectors.positioning_delays)."""
    day = 86400.0
    steps = {}
    proposed, transmitted, answered = row.get("proposed"), row.get("transmitted"), row.get("answered")
    if proposed and transmitted:
        steps["proposal_to_transmission"] = (transmitted - proposed).total_seconds() / day
    if transmitted and answered:
        steps["transmission_to_answer"] = (answered - transmitted).total_seconds() / day
    if "entered" in row:
        entry = row["entry_date"] or timezone.localdate(row["entered"])
        if answered:
            steps["answer_to_entry"] = float((entry - timezone.localdate(answered)).days)
        if proposed:
            steps["proposal_to_entry"] = float((entry - timezone.localdate(proposed)).days)
    return steps


def grouped_delays(convention, period: Period) -> dict[str, dict[str, dict]]:
    """{step: {"mission_locale" | "partner": {member: DelayStats}}} for the positionings proposed in the period,
    and the per-Mission-Locale raw values (key "values_by_ml") the department and region rows are computed from.
    Two queries: the milestones of the transition log and the members of each positioning."""

    def compute():
        qs = _positionings(convention).filter(period.q("proposed_at"))
        milestones = milestones_of(qs)
        members = {
            pk: (ml, partner)
            for pk, ml, partner in qs.order_by().values_list(
                "pk", "mission_locale_id", "opportunity__publisher_id"
            )
        }
        values: dict[str, dict[str, dict]] = {
            step: {"mission_locale": {}, "partner": {}} for step in DELAY_STEPS
        }
        for pk, row in milestones.items():
            if pk not in members:
                continue
            ml, partner = members[pk]
            for step, days in _steps(row).items():
                values[step]["mission_locale"].setdefault(ml, []).append(days)
                values[step]["partner"].setdefault(partner, []).append(days)
        return values

    return shared(("positionings.delays_grouped", convention.pk, period), compute)


def stats_of(values: list[float]) -> DelayStats:
    return _stats(values)
