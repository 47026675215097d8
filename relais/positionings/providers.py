"""What the positioning pipeline provides to other apps' pages: the opportunity page's button, the settling of
an ended opportunity's positionings, and the convention figures it records (keyed by indicator code)."""

from django.db.models import Max
from django.urls import reverse

from relais.conventions.enums import IndicatorCode
from relais.conventions.figures import (
    choice_breakdown,
    department_breakdown,
    mission_locale_breakdowns,
    organization_breakdown,
    priority_breakdown,
    region_breakdown,
    regroup,
)
from relais.core.providers import (
    Action,
    Breakdown,
    BreakdownRow,
    Dimension,
    IndicatorValue,
    Period,
    detailed,
    indicator,
    shared,
)
from relais.opportunities import hooks as opportunity_hooks
from relais.opportunities.enums import OpportunityKind
from relais.positionings import indicator_queries as q
from relais.positionings.models import Positioning, PositioningTransition
from relais.positionings.selectors import positioning_counts_for_convention
from relais.positionings.services import positionings_settle_ended_opportunity
from relais.youths import hooks as youth_hooks

ACTIVITY = "Positionnements et recrutements"
DELAYS = "Délais du parcours, de la proposition à l'entrée"


@opportunity_hooks.DETAIL_ACTIONS.register
def opportunity_detail_action(opportunity, scope) -> Action | None:
    if opportunity.is_open and scope.mission_locale_ids:
        return Action("Positionner un jeune", reverse("positionings:for_opportunity", args=[opportunity.pk]))
    if opportunity.publisher_id in scope.partner_ids:
        return Action(
            "Candidatures reçues", reverse("positionings:received") + f"?opportunite={opportunity.pk}"
        )
    return None


@opportunity_hooks.ON_ENDED.register
def settle_ended_opportunity(opportunity) -> None:
    positionings_settle_ended_opportunity(opportunity=opportunity)


@youth_hooks.LAST_ACTIVITY.register
def youths_last_positioning_activity(youth_ids: list[int]) -> dict:
    """The latest proposal, transmission or closing of each young person's positionings (retention)."""
    latest = {}
    rows = (
        Positioning.objects.filter(youth_id__in=youth_ids)
        .values("youth_id")
        .annotate(proposed=Max("proposed_at"), transmitted=Max("transmitted_at"), closed=Max("closed_at"))
        .order_by()
    )
    for row in rows:
        moments = [row[key] for key in ("proposed", "transmitted", "closed") if row[key] is not None]
        if moments:
            latest[row["youth_id"]] = max(moments)
    return latest


@youth_hooks.ON_ANONYMISE.register
def erase_positioning_free_text(youth) -> None:
    """The counsellor's motivation, the reasons and the notes may name the young person: erased, facts kept."""
    positionings = Positioning.objects.filter(youth=youth)
    PositioningTransition.objects.filter(positioning__in=positionings).exclude(note="").update(note="")
    positionings.exclude(motivation="", reason="").update(motivation="", reason="")


# ---- figures ------------------------------------------------------------------------------------------------
# Aggregates only (no young person's data): shown to everyone who may read the convention, whatever the scope.

D = Dimension
PEOPLE_DIMENSIONS = (
    D.MISSION_LOCALE,
    D.DEPARTMENT,
    D.REGION,
    D.PARTNER,
    D.OPPORTUNITY_KIND,
    D.PRIORITY_PUBLIC,
)
DELAY_DIMENSIONS = (D.MISSION_LOCALE, D.DEPARTMENT, D.REGION, D.PARTNER)


def _counts(convention, period: Period) -> dict:
    return shared(
        ("positionings.counts", convention.pk, period),
        lambda: positioning_counts_for_convention(convention, period),
    )


def _people_breakdowns(convention, period: Period, metric: str, total: int, unit: str = "jeune") -> tuple:
    """The Mission Locale, department, region, partner, kind of opportunity and priority-public splits of one
    count of the pipeline (a GROUP BY query each, shared by every figure of the evaluation)."""
    by_ml = q.grouped_counts(convention, period, "mission_locale")[metric]
    by_partner = q.grouped_counts(convention, period, "partner")[metric]
    by_kind = q.grouped_counts(convention, period, "opportunity_kind")[metric]
    return (
        *mission_locale_breakdowns(by_ml, unit),
        organization_breakdown(D.PARTNER, by_partner, unit),
        choice_breakdown(D.OPPORTUNITY_KIND, by_kind, OpportunityKind.choices, unit),
        priority_breakdown(total, q.priority_counts(convention, period)[metric], unit),
    )


def _youths(code, convention, period, metric: str, label: str, *, note: str = "", breakdown=(), extra=()):
    value = _counts(convention, period)[metric]
    return IndicatorValue(
        code=str(code),
        label=label,
        value=value,
        unit="jeune",
        counts_people=True,
        breakdown=tuple(breakdown),
        note=note,
        breakdowns=detailed(lambda: (*_people_breakdowns(convention, period, metric, value), *extra)),
    )


def _people_indicator(code, order: int, *, label: str, dimensions=PEOPLE_DIMENSIONS):
    return indicator(
        code,
        section=ACTIVITY,
        order=order,
        label=label,
        unit="jeune",
        counts_people=True,
        dimensions=dimensions,
        # A young person has one Mission Locale, but may be positioned on two partners' offers of two kinds.
        additive=(D.MISSION_LOCALE, D.DEPARTMENT, D.REGION),
    )


@_people_indicator(IndicatorCode.YOUTHS_PROPOSED, 10, label="Jeunes proposés par les conseillers")
def youths_proposed(convention, period, scope) -> IndicatorValue:
    return _youths(
        IndicatorCode.YOUTHS_PROPOSED,
        convention,
        period,
        "proposed",
        "Jeunes proposés par les conseillers",
        note="hors positionnements annulés avant transmission",
    )


@_people_indicator(IndicatorCode.YOUTHS_POSITIONED, 11, label="Jeunes positionnés")
def youths_positioned(convention, period, scope) -> IndicatorValue:
    return _youths(
        IndicatorCode.YOUTHS_POSITIONED,
        convention,
        period,
        "positioned",
        "Jeunes positionnés",
        note="candidatures transmises au partenaire",
    )


@_people_indicator(
    IndicatorCode.YOUTHS_HIRED_BY_CONTRACT,
    12,
    label="Jeunes recrutés",
    dimensions=(*PEOPLE_DIMENSIONS, D.CONTRACT_TYPE),
)
def youths_hired_by_contract(convention, period, scope) -> IndicatorValue:
    rows = tuple(
        BreakdownRow(row["code"], row["label"], row["count"])
        for row in _counts(convention, period)["hired_by_contract_type"]
    )
    return _youths(
        IndicatorCode.YOUTHS_HIRED_BY_CONTRACT,
        convention,
        period,
        "hired",
        "Jeunes recrutés",
        note="par type de contrat",
        breakdown=rows,
        extra=(Breakdown(D.CONTRACT_TYPE.value, rows),),
    )


@_people_indicator(IndicatorCode.YOUTHS_ENTERED_TRAINING, 13, label="Entrées en formation ou POE")
def youths_entered_training(convention, period, scope) -> IndicatorValue:
    return _youths(
        IndicatorCode.YOUTHS_ENTERED_TRAINING,
        convention,
        period,
        "entered_training",
        "Entrées en formation ou POE",
    )


@_people_indicator(IndicatorCode.YOUTHS_COMPLETED_IMMERSION, 14, label="Immersions réalisées")
def youths_completed_immersion(convention, period, scope) -> IndicatorValue:
    return _youths(
        IndicatorCode.YOUTHS_COMPLETED_IMMERSION,
        convention,
        period,
        "completed_immersion",
        "Immersions réalisées",
    )


@indicator(
    IndicatorCode.CANDIDACIES_NOT_RETAINED,
    section=ACTIVITY,
    order=15,
    label="Candidatures non retenues par le partenaire",
    unit="candidature",
    counts_people=False,
    dimensions=(D.MISSION_LOCALE, D.DEPARTMENT, D.REGION, D.PARTNER, D.KIND),
)
def candidacies_not_retained(convention, period, scope) -> IndicatorValue:
    counts = _counts(convention, period)
    by_ml = q.grouped_counts(convention, period, "mission_locale")["not_retained"]
    by_partner = q.grouped_counts(convention, period, "partner")["not_retained"]
    return IndicatorValue(
        code=IndicatorCode.CANDIDACIES_NOT_RETAINED.value,
        label="Candidatures non retenues par le partenaire",
        value=counts["not_retained"],
        unit="candidature",
        counts_people=False,
        breakdown=tuple(
            BreakdownRow(row["code"], row["label"], row["count"]) for row in counts["not_retained_by_reason"]
        ),
        note="par motif",
        breakdowns=detailed(
            lambda: (
                *mission_locale_breakdowns(by_ml, "candidature"),
                organization_breakdown(D.PARTNER, by_partner, "candidature"),
                Breakdown(
                    D.KIND.value,
                    tuple(
                        BreakdownRow(row["code"], row["label"], row["count"], "candidature")
                        for row in counts["not_retained_by_reason"]
                    ),
                ),
            )
        ),
    )


def _medians(values_by_member: dict) -> dict:
    return {member: q.stats_of(values).median_days for member, values in values_by_member.items()}


def _delay_breakdowns(convention, period: Period, step: str) -> tuple:
    """The median of the step for each Mission Locale, department, region and partner (medians: no sum)."""
    grouped = q.grouped_delays(convention, period)[step]
    by_ml = grouped["mission_locale"]

    def pooled(level: int) -> dict:
        return {
            key: q.stats_of([v for values in lists for v in values]).median_days
            for key, lists in regroup(by_ml, level).items()
        }

    return (
        organization_breakdown(D.MISSION_LOCALE, _medians(by_ml), "jour"),
        department_breakdown(pooled(0), "jour"),
        region_breakdown(pooled(1), "jour"),
        organization_breakdown(D.PARTNER, _medians(grouped["partner"]), "jour"),
    )


def _delay(code, attribute: str, label: str, order: int):
    """Register the figure of one step of the pipeline: its median, with the 80th percentile under it."""

    @indicator(
        code,
        section=DELAYS,
        order=order,
        label=label,
        unit="jour",
        counts_people=False,
        dimensions=DELAY_DIMENSIONS,
    )
    def delay(convention, period, scope) -> IndicatorValue:
        stats = getattr(_counts(convention, period)["delays"], attribute)
        return IndicatorValue(
            code=str(code),
            label=label,
            value=stats.median_days,
            unit="jour",
            counts_people=False,
            breakdown=(
                BreakdownRow("p80", "80e centile", stats.p80_days, "jour"),
                BreakdownRow("measured", "Positionnements mesurés", stats.count),
            ),
            note="médiane, pour les positionnements proposés sur la période",
            breakdowns=detailed(lambda: _delay_breakdowns(convention, period, attribute)),
        )

    return delay


_delay(
    IndicatorCode.DELAY_PROPOSAL_TO_TRANSMISSION,
    "proposal_to_transmission",
    "Proposition → transmission au partenaire",
    30,
)
_delay(
    IndicatorCode.DELAY_TRANSMISSION_TO_ANSWER,
    "transmission_to_answer",
    "Transmission → réponse du partenaire",
    31,
)
_delay(IndicatorCode.DELAY_ANSWER_TO_ENTRY, "answer_to_entry", "Réponse du partenaire → entrée", 32)
_delay(
    IndicatorCode.DELAY_PROPOSAL_TO_ENTRY,
    "proposal_to_entry",
    "Proposition → entrée (emploi, formation, immersion)",
    33,
)
