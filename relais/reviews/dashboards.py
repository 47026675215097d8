"""Live dashboards, year to date, computed by the indicator registry (relais/core/providers.py) like the reviews:
a coordinator's conventions, and a Mission Locale director's Mission Locale across every convention it is in."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from relais.conventions.models import Convention
from relais.conventions.selectors import LIVE_STATUSES, conventions_visible_to
from relais.core.providers import Dimension, IndicatorValue, Period, compute_indicators
from relais.organizations.enums import OrganizationKind, Role
from relais.organizations.models import Organization


def year_to_date(today: datetime.date) -> Period:
    return Period(today.replace(month=1, day=1), today)


@dataclass(frozen=True)
class ConventionFigures:
    convention: Convention
    values: tuple[IndicatorValue, ...]


@dataclass(frozen=True)
class MissionLocaleFigure:
    """One figure of a convention, the row of one Mission Locale in its breakdown (None: not broken down)."""

    label: str
    value: int | float | None
    unit: str
    total: int | float | None


@dataclass(frozen=True)
class MissionLocaleConvention:
    convention: Convention
    figures: tuple[MissionLocaleFigure, ...]


@dataclass(frozen=True)
class MissionLocaleDashboard:
    mission_locale: Organization
    conventions: tuple[MissionLocaleConvention, ...]


def coordinated_conventions(scope):
    """The conventions in force a coordinator's organisation is a party of."""
    ids = scope.organization_ids_with({Role.COORDINATOR})
    if not ids:
        return Convention.objects.none()
    return (
        conventions_visible_to(scope)
        .filter(parties__organization_id__in=ids, status__in=LIVE_STATUSES)
        .select_related("region")
        .distinct()
        .order_by("title", "period_number")
    )


def directed_mission_locales(scope):
    ids = scope.organization_ids_with({Role.DIRECTOR}, kinds={OrganizationKind.MISSION_LOCALE})
    return Organization.objects.filter(pk__in=ids, is_active=True).order_by("name")


def has_dashboard(scope) -> bool:
    return bool(
        scope.organization_ids_with({Role.COORDINATOR})
        or scope.organization_ids_with({Role.DIRECTOR}, kinds={OrganizationKind.MISSION_LOCALE})
    )


def coordinator_dashboard(scope, period: Period) -> list[ConventionFigures]:
    return [
        ConventionFigures(
            convention, tuple(compute_indicators(convention=convention, period=period, scope=scope))
        )
        for convention in coordinated_conventions(scope)
    ]


def mission_locale_conventions(scope, mission_locale: Organization):
    """The conventions in force the Mission Locale works under: those its ARML (or itself, or the UNML) is a
    party of, the national frameworks and regional charters above the local ones included."""
    above = {mission_locale.pk}
    parent = mission_locale.parent_id
    if parent:
        above.add(parent)
    above |= set(
        Organization.objects.filter(pk=parent, parent__isnull=False).values_list("parent_id", flat=True)
    )
    return (
        conventions_visible_to(scope)
        .filter(parties__organization_id__in=above, status__in=LIVE_STATUSES)
        .distinct()
        .order_by("title", "period_number")
    )


def director_dashboard(scope, period: Period) -> list[MissionLocaleDashboard]:
    dashboards = []
    for ml in directed_mission_locales(scope):
        rows = []
        for convention in mission_locale_conventions(scope, ml):
            values = compute_indicators(convention=convention, period=period, scope=scope)
            rows.append(MissionLocaleConvention(convention, tuple(_ml_figure(v, ml) for v in values)))
        dashboards.append(MissionLocaleDashboard(ml, tuple(rows)))
    return dashboards


def _ml_figure(value: IndicatorValue, ml: Organization) -> MissionLocaleFigure:
    breakdown = value.breakdown_by(Dimension.MISSION_LOCALE)
    row = None
    if breakdown is not None:
        codes = {str(ml.pk), ml.imilo_code or ""}
        row = next((r for r in breakdown.rows if str(r.code) in codes), None)
        # Broken down by Mission Locale but no row for this one: nothing recorded for it.
        return MissionLocaleFigure(value.label, row.value if row else 0, value.unit, value.value)
    return MissionLocaleFigure(value.label, None, value.unit, value.value)
