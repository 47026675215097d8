"""What the mentoring provides to the young people's records (their page's panel, their last activity for the
retention job, the erasure of free text when one is anonymised) and to the convention figures: mentorships
started, ongoing and broken before six months (keyed by indicator code, see relais/core/providers.py)."""

import datetime

from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone

from relais.conventions.enums import IndicatorCode
from relais.conventions.figures import (
    choice_breakdown,
    mission_locale_breakdowns,
    priority_aggregates,
    priority_breakdown,
    priority_counts_of,
)
from relais.conventions.parents import with_declinations
from relais.core.providers import Action, Dimension, IndicatorValue, Period, detailed, indicator, shared
from relais.mentoring.enums import MentorshipKind, MentorshipStatus
from relais.mentoring.models import FollowUp, Meeting, Mentorship, MentorshipTransition
from relais.mentoring.perms import can_create_mentorships
from relais.mentoring.selectors import mentorships_of_youth
from relais.youths import hooks as youth_hooks


@youth_hooks.DETAIL_PANELS.register
def youth_mentorships_panel(youth, scope) -> youth_hooks.YouthPanel:
    rows = tuple(
        youth_hooks.YouthPanelRow(
            label=f"Parrainage par {m.mentor} ({m.get_status_display().lower()})",
            detail=f"depuis le {m.started_on:%d/%m/%Y}, fin prévue le {m.planned_end_on:%d/%m/%Y}",
            url=reverse("mentoring:mentorship_detail", args=[m.pk]),
        )
        for m in mentorships_of_youth(scope, youth).select_related("mentor__person")
    )
    action = None
    if can_create_mentorships(scope):
        action = Action(
            "Proposer un parrainage", reverse("mentoring:mentorship_create") + f"?jeune={youth.pk}"
        )
    return youth_hooks.YouthPanel(title="Parrainages", rows=rows, empty="Aucun parrainage.", action=action)


def _midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


@youth_hooks.LAST_ACTIVITY.register
def youths_last_mentoring_activity(youth_ids: list[int]) -> dict:
    """The latest start, end or meeting of each young person's mentorships (retention)."""
    latest: dict = {}
    rows = (
        Mentorship.objects.filter(youth_id__in=youth_ids)
        .values("youth_id")
        .annotate(started=Max("started_on"), ended=Max("ended_on"), met=Max("meetings__held_on"))
        .order_by()
    )
    for row in rows:
        days = [row[key] for key in ("started", "ended", "met") if row[key] is not None]
        if days:
            latest[row["youth_id"]] = _midnight(max(days))
    return latest


@youth_hooks.ON_ANONYMISE.register
def erase_mentoring_free_text(youth) -> None:
    """Goals, meeting and follow-up notes may name the young person: erased, the countable facts kept."""
    mentorships = Mentorship.objects.filter(youth=youth)
    MentorshipTransition.objects.filter(mentorship__in=mentorships).exclude(note="").update(note="")
    Meeting.objects.filter(mentorship__in=mentorships).exclude(note="").update(note="")
    FollowUp.objects.filter(mentorship__in=mentorships).exclude(note="").update(note="")
    mentorships.exclude(goals="").update(goals="")


# ---- figures of the convention page and the review (keyed by indicator code) ---------------------------------

MENTORING = "Parrainage"
D = Dimension
DIMENSIONS = (D.MISSION_LOCALE, D.DEPARTMENT, D.REGION, D.KIND, D.PRIORITY_PUBLIC)
METRICS = ("started", "ongoing", "broken_early")


def _within(field: str, period: Period) -> Q:
    condition = Q()
    if period.start:
        condition &= Q(**{f"{field}__gte": period.start})
    if period.end:
        condition &= Q(**{f"{field}__lte": period.end})
    return condition


def _conditions(period: Period) -> dict[str, Q]:
    """Started in the period; still running on its last day (today when it is open); ended in the period before
    six months for another reason than its objective (lifecycle.ended_early)."""
    last_day = period.end or timezone.localdate()
    return {
        "started": _within("started_on", period),
        "ongoing": Q(started_on__lte=last_day) & (Q(ended_on__isnull=True) | Q(ended_on__gt=last_day)),
        "broken_early": Q(broken_early=True) & _within("ended_on", period),
    }


def _mentorships(convention, period: Period) -> list[dict]:
    """One GROUP BY (Mission Locale, kind) with the three counts and their priority publics, shared."""

    def compute():
        conditions = _conditions(period)
        aggregates = {f"n_{name}": Count("pk", filter=condition) for name, condition in conditions.items()}
        for name, condition in conditions.items():
            aggregates.update(priority_aggregates(f"n_{name}", condition, "pk"))
        return list(
            Mentorship.objects.filter(convention_id__in=with_declinations(convention))
            .exclude(status=MentorshipStatus.CANCELLED)
            .values("mission_locale_id", "kind")
            .annotate(**aggregates)
            .order_by()
        )

    return shared(("mentoring.counts", convention.pk, period), compute)


def _mentorship_value(code, convention, period, metric: str, label: str, note: str) -> IndicatorValue:
    groups = _mentorships(convention, period)
    by_ml: dict = {}
    by_kind: dict = {}
    priority: dict = {}
    for row in groups:
        n = row[f"n_{metric}"]
        if not n:
            continue
        by_ml[row["mission_locale_id"]] = by_ml.get(row["mission_locale_id"], 0) + n
        by_kind[row["kind"]] = by_kind.get(row["kind"], 0) + n
        for flag, count in priority_counts_of(row, f"n_{metric}").items():
            priority[flag] = priority.get(flag, 0) + count
    value, unit = sum(by_ml.values()), "parrainage"
    return IndicatorValue(
        code=str(code),
        label=label,
        value=value,
        unit=unit,
        counts_people=True,
        note=note,
        breakdowns=detailed(
            lambda: (
                *mission_locale_breakdowns(by_ml, unit),
                choice_breakdown(D.KIND, by_kind, MentorshipKind.choices, unit),
                priority_breakdown(value, priority, unit),
            )
        ),
    )


def _register(code, metric: str, label: str, note: str, order: int):
    @indicator(
        code,
        section=MENTORING,
        order=order,
        label=label,
        unit="parrainage",
        counts_people=True,
        dimensions=DIMENSIONS,
    )
    def figure(convention, period, scope) -> IndicatorValue:
        return _mentorship_value(code, convention, period, metric, label, note)

    figure.__qualname__ = f"mentorships_{metric}"
    return figure


_register(
    IndicatorCode.MENTORSHIPS_STARTED,
    "started",
    "Parrainages commencés",
    "un jeune ou un groupe, commencés sur la période",
    70,
)
_register(
    IndicatorCode.MENTORSHIPS_ONGOING,
    "ongoing",
    "Parrainages en cours",
    "en cours le dernier jour de la période",
    71,
)
_register(
    IndicatorCode.MENTORSHIPS_BROKEN_EARLY,
    "broken_early",
    "Parrainages rompus avant six mois",
    "terminés sur la période avant six mois, pour un autre motif que l'objectif atteint",
    72,
)
