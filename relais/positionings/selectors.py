"""Reads of positionings, always scoped to the acting Scope: Mission Locale side, referent queue, partner side."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from relais.conventions.parents import with_declinations
from relais.core.providers import Period
from relais.core.scope import Scope
from relais.jobs.models import RomeTitle
from relais.positionings.delays import positioning_delays
from relais.positionings.enums import (
    OPEN_STATUSES,
    NotRetainedReason,
    PositioningStatus,
)
from relais.positionings.models import Positioning, PositioningTransition
from relais.positionings.perms import referent_condition
from relais.youths.models import Youth
from relais.youths.selectors import partner_view

S = PositioningStatus
LIST_RELATED = (
    "youth",
    "youth__commune",
    "youth__counsellor",
    "opportunity",
    "opportunity__rome_title",
    "opportunity__commune",
    "opportunity__publisher",
    "proposed_by",
    "contract_type",
)


def positionings_visible_to(scope: Scope) -> QuerySet[Positioning]:
    """ML staff see their Mission Locales' positionings; partners only those transmitted to them."""
    if scope.is_system:
        return Positioning.objects.all()
    if not scope.is_authenticated:
        return Positioning.objects.none()
    condition = Q(pk__in=[])
    ml_ids = scope.mission_locale_ids
    if ml_ids:
        condition |= Q(mission_locale_id__in=ml_ids)
    partner_ids = scope.partner_ids
    if partner_ids:
        condition |= Q(opportunity__publisher_id__in=partner_ids, transmitted_at__isnull=False)
    return Positioning.objects.filter(condition)


def positioning_for_user(scope: Scope, pk) -> Positioning:
    try:
        return (
            positionings_visible_to(scope)
            .select_related(*LIST_RELATED, "mission_locale", "opportunity__publisher__parent")
            .prefetch_related(
                Prefetch("youth__sought_titles", queryset=RomeTitle.objects.select_related("family"))
            )
            .get(pk=pk)
        )
    except (Positioning.DoesNotExist, ValueError, TypeError):
        raise Http404("Ce positionnement n'existe pas ou ne vous concerne pas.") from None


def transitions_of(positioning: Positioning) -> QuerySet[PositioningTransition]:
    return positioning.transitions.select_related("by").order_by("at", "pk")


def _filter_status(qs: QuerySet, status: str) -> QuerySet:
    if status == "open":
        return qs.filter(status__in=OPEN_STATUSES)
    if status == "closed":
        return qs.exclude(status__in=OPEN_STATUSES)
    if status in S.values:
        return qs.filter(status=status)
    return qs


def counsellor_positionings(
    scope: Scope, *, status: str = "", mine_only: bool = True
) -> QuerySet[Positioning]:
    """A counsellor's page: what they proposed or what concerns the young people they follow."""
    qs = Positioning.objects.filter(mission_locale_id__in=scope.mission_locale_ids)
    if mine_only:
        mine = Q(pk__in=[])
        if scope.actor is not None:
            mine |= Q(proposed_by=scope.actor)
        if scope.person_id is not None:
            # A subquery on the youth's counsellor index, not a join: OR-ed with a join, the planner would
            # read every young person.
            followed = Youth.objects.filter(counsellor_id=scope.person_id).values("pk")
            mine |= Q(youth_id__in=followed)
        qs = qs.filter(mine)
    return _filter_status(qs, status).select_related(*LIST_RELATED).order_by("-proposed_at", "-pk")


def referent_positionings(scope: Scope, *, status: str = PositioningStatus.PROPOSED) -> QuerySet[Positioning]:
    """What waits for a referent: every positioning of their ML for the partners they are referent of."""
    qs = Positioning.objects.filter(mission_locale_id__in=scope.mission_locale_ids).filter(
        referent_condition(scope)
    )
    return _filter_status(qs, status).select_related(*LIST_RELATED).order_by("proposed_at", "pk")


def received_candidates(scope: Scope, *, status: str = "") -> QuerySet[Positioning]:
    """The partner's received candidates: transmitted onwards, for the structures the principal recruits for."""
    qs = Positioning.objects.filter(
        opportunity__publisher_id__in=scope.partner_ids, transmitted_at__isnull=False
    )
    return (
        _filter_status(qs, status)
        .select_related(
            "youth__commune",
            "mission_locale",
            "opportunity",
            "opportunity__rome_title",
            "opportunity__commune",
            "opportunity__publisher",
            "contract_type",
        )
        .prefetch_related(Prefetch("youth__sought_titles", queryset=RomeTitle.objects.only("pk", "label")))
        .order_by("-transmitted_at", "-pk")
    )


@dataclass(frozen=True)
class ReceivedRow:
    """One received candidate as the partner sees it: never the Youth object itself."""

    positioning: Positioning
    candidate: object  # PartnerYouthView or None when consent no longer allows sharing
    mission_locale: str


def partner_rows(positionings, on_date: datetime.date | None = None) -> list[ReceivedRow]:
    return [
        ReceivedRow(
            positioning=p,
            candidate=partner_view(p.youth, on_date) if p.youth is not None else None,
            mission_locale=str(p.mission_locale),
        )
        for p in positionings
    ]


def positionings_of_youth(scope: Scope, youth) -> QuerySet[Positioning]:
    return positionings_visible_to(scope).filter(youth=youth).select_related(*LIST_RELATED)


def positionings_of_opportunity(scope: Scope, opportunity) -> QuerySet[Positioning]:
    return positionings_visible_to(scope).filter(opportunity=opportunity).select_related(*LIST_RELATED)


# ---- counts for conventions and reviews --------------------------------------------------------------


def positioning_counts_for_convention(convention, period: Period | None = None) -> dict:
    """What the pipeline recorded for a convention and those declining it, within a period (all time if none).

    "proposed" counts distinct young people proposed by a counsellor in the period (cancelled before any
    transmission aside); "positioned" those whose candidacy was transmitted to the partner in the period; the
    outcomes (hired, by contract type; entered training; immersion; not retained) count what was recorded in
    the period; the delays measure the positionings proposed in the period. Aggregates only: safe for observers.
    A constant number of queries: the declinations walk, the counts, the contract types, the reasons, the delays.
    """
    period = period or Period()
    qs = Positioning.objects.filter(opportunity__convention_id__in=with_declinations(convention))
    recorded = period.q("closed_at")

    def youths(condition: Q) -> Count:
        # By `youth_ref`, which outlives the record: anonymising a young person changes no count.
        return Count("youth_ref", distinct=True, filter=condition)

    counts = qs.aggregate(
        proposed=youths(period.q("proposed_at") & ~Q(status=S.CANCELLED, transmitted_at__isnull=True)),
        positioned=youths(Q(transmitted_at__isnull=False) & period.q("transmitted_at")),
        hired=youths(Q(status=S.HIRED) & recorded),
        entered_training=youths(Q(status=S.ENTERED_TRAINING) & recorded),
        completed_immersion=youths(Q(status=S.IMMERSION_COMPLETED) & recorded),
        not_retained=Count("pk", filter=Q(status=S.NOT_RETAINED) & recorded),
    )
    by_type = (
        qs.filter(recorded, status=S.HIRED)
        .values("contract_type__code", "contract_type__label", "contract_type__order")
        .annotate(count=Count("youth_ref", distinct=True))
        .order_by("contract_type__order", "contract_type__label")
    )
    hired_by_contract_type = [
        {
            "code": row["contract_type__code"] or "",
            "label": row["contract_type__label"] or "Type de contrat non renseigné",
            "count": row["count"],
        }
        for row in by_type
    ]
    reasons = dict(
        qs.filter(recorded, status=S.NOT_RETAINED)
        .values("not_retained_reason")
        .annotate(count=Count("pk"))
        .values_list("not_retained_reason", "count")
    )
    not_retained_by_reason = [
        {"code": reason.value, "label": reason.label, "count": reasons[reason.value]}
        for reason in NotRetainedReason
        if reasons.get(reason.value)
    ]
    if reasons.get(""):
        not_retained_by_reason.append({"code": "", "label": "Motif non renseigné", "count": reasons[""]})
    return {
        **counts,
        "hired_by_contract_type": hired_by_contract_type,
        "not_retained_by_reason": not_retained_by_reason,
        "delays": positioning_delays(qs.filter(period.q("proposed_at"))),
    }
