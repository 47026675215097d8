"""What the positioning pipeline provides to other apps' pages: the opportunity page's button, the settling of
an ended opportunity's positionings, and the convention figures it records (keyed by indicator code)."""

from django.db.models import Max
from django.urls import reverse

from relais.conventions.enums import IndicatorCode
from relais.core.providers import Action, BreakdownRow, IndicatorValue, Period, indicator, shared
from relais.opportunities import hooks as opportunity_hooks
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


def _counts(convention, period: Period) -> dict:
    return shared(
        ("positionings.counts", convention.pk, period),
        lambda: positioning_counts_for_convention(convention, period),
    )


def _youths(code, label: str, value: int, *, note: str = "", breakdown=()) -> IndicatorValue:
    return IndicatorValue(
        code=str(code),
        label=label,
        value=value,
        unit="jeune",
        counts_people=True,
        breakdown=tuple(breakdown),
        note=note,
    )


@indicator(IndicatorCode.YOUTHS_PROPOSED, section=ACTIVITY, order=10)
def youths_proposed(convention, period, scope) -> IndicatorValue:
    return _youths(
        IndicatorCode.YOUTHS_PROPOSED,
        "Jeunes proposés par les conseillers",
        _counts(convention, period)["proposed"],
        note="hors positionnements annulés avant transmission",
    )


@indicator(IndicatorCode.YOUTHS_POSITIONED, section=ACTIVITY, order=11)
def youths_positioned(convention, period, scope) -> IndicatorValue:
    return _youths(
        IndicatorCode.YOUTHS_POSITIONED,
        "Jeunes positionnés",
        _counts(convention, period)["positioned"],
        note="candidatures transmises au partenaire",
    )


@indicator(IndicatorCode.YOUTHS_HIRED_BY_CONTRACT, section=ACTIVITY, order=12)
def youths_hired_by_contract(convention, period, scope) -> IndicatorValue:
    counts = _counts(convention, period)
    return _youths(
        IndicatorCode.YOUTHS_HIRED_BY_CONTRACT,
        "Jeunes recrutés",
        counts["hired"],
        note="par type de contrat",
        breakdown=(
            BreakdownRow(row["code"], row["label"], row["count"]) for row in counts["hired_by_contract_type"]
        ),
    )


@indicator(IndicatorCode.YOUTHS_ENTERED_TRAINING, section=ACTIVITY, order=13)
def youths_entered_training(convention, period, scope) -> IndicatorValue:
    return _youths(
        IndicatorCode.YOUTHS_ENTERED_TRAINING,
        "Entrées en formation ou POE",
        _counts(convention, period)["entered_training"],
    )


@indicator(IndicatorCode.YOUTHS_COMPLETED_IMMERSION, section=ACTIVITY, order=14)
def youths_completed_immersion(convention, period, scope) -> IndicatorValue:
    return _youths(
        IndicatorCode.YOUTHS_COMPLETED_IMMERSION,
        "Immersions réalisées",
        _counts(convention, period)["completed_immersion"],
    )


@indicator(IndicatorCode.CANDIDACIES_NOT_RETAINED, section=ACTIVITY, order=15)
def candidacies_not_retained(convention, period, scope) -> IndicatorValue:
    counts = _counts(convention, period)
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
    )


def _delay(code, attribute: str, label: str, order: int):
    """Register the figure of one step of the pipeline: its median, with the 80th percentile under it."""

    @indicator(code, section=DELAYS, order=order)
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
