"""What the conventions provide: the period a convention's figures are counted over, the figure of the
conventions declining it and the coverage of its partners by named referents (keyed by indicator code, see
relais/core/providers.py)."""

import datetime

from django.db.models import Q
from django.utils import timezone

from relais.conventions.enums import ConventionKind, ConventionStatus, IndicatorCode
from relais.conventions.figures import (
    choice_breakdown,
    organization_breakdown,
    region_breakdown,
    summed_geography,
)
from relais.conventions.models import Convention, ConventionParty
from relais.conventions.parents import with_declinations
from relais.core.providers import BreakdownRow, Dimension, IndicatorValue, Period, detailed, indicator, shared
from relais.organizations.enums import PARTNER_KINDS, OrganizationKind
from relais.organizations.models import Organization, PartnerReferent

D = Dimension
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


@indicator(
    IndicatorCode.DECLINING_CONVENTIONS,
    section="Déclinaisons locales",
    order=50,
    label="Conventions qui la déclinent",
    unit="convention",
    counts_people=False,
    dimensions=(D.KIND, D.REGION),
)
def declining_conventions(convention, period, scope) -> IndicatorValue:
    """The conventions below this one that were in force at some point of the period (drafts aside)."""
    below = with_declinations(convention) - {convention.pk}
    rows = (
        Convention.objects.filter(pk__in=below)
        .exclude(status__in=NOT_IN_FORCE)
        .values_list("kind", "start_date", "end_date", "region_id")
    )
    by_kind: dict[str, int] = {}
    by_region: dict = {}
    for kind, start, end, region in rows:
        if period.overlaps(start, end):
            by_kind[kind] = by_kind.get(kind, 0) + 1
            by_region[region] = by_region.get(region, 0) + 1
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
        breakdowns=detailed(
            lambda: (
                choice_breakdown(D.KIND, by_kind, ConventionKind.choices, "convention"),
                region_breakdown(by_region, "convention"),
            )
        ),
    )


# ---- referents -------------------------------------------------------------------------------------------------


def covered_structures(convention) -> tuple[set[int], set[int]]:
    """The Missions Locales and the partner structures a convention (with its declinations) brings together:
    its Mission Locale parties and the Missions Locales of its ARML parties (every one for the UNML); its partner
    parties, a network head standing for its member structures (each GEIQ) when it has some. Two queries."""

    def compute():
        parties = set(
            ConventionParty.objects.filter(convention_id__in=with_declinations(convention)).values_list(
                "organization_id", "organization__kind"
            )
        )
        heads = {pk for pk, kind in parties if kind in {OrganizationKind.ARML, OrganizationKind.NETWORK_HEAD}}
        national = any(kind == OrganizationKind.UNML for _, kind in parties)
        members = Organization.objects.filter(is_active=True).filter(
            Q(parent_id__in=heads) | (Q(kind=OrganizationKind.MISSION_LOCALE) if national else Q(pk__in=[]))
        )
        member_rows = set(members.values_list("pk", "kind", "parent_id"))
        mission_locales = {pk for pk, kind in parties if kind == OrganizationKind.MISSION_LOCALE}
        mission_locales |= {pk for pk, kind, _ in member_rows if kind == OrganizationKind.MISSION_LOCALE}
        with_members = {parent for _, kind, parent in member_rows if kind in PARTNER_KINDS}
        partners = {pk for pk, kind in parties if kind in PARTNER_KINDS and pk not in with_members}
        partners |= {pk for pk, kind, parent in member_rows if kind in PARTNER_KINDS and parent in heads}
        return mission_locales, partners

    return shared(("conventions.covered_structures", convention.pk), compute)


@indicator(
    IndicatorCode.REFERENT_COVERAGE,
    section="Référents",
    order=80,
    label="Couverture des partenaires par un référent nommé dans chaque Mission Locale",
    unit="%",
    counts_people=False,
    dimensions=(D.MISSION_LOCALE, D.DEPARTMENT, D.REGION, D.PARTNER),
)
def referent_coverage(convention, period, scope) -> IndicatorValue:
    """Of the (Mission Locale, partner) pairs the convention brings together, the share with a named referent
    today; per partner, the Missions Locales that named one for it; per Mission Locale, the partners it covers."""
    mission_locales, partners = covered_structures(convention)
    pairs = set(
        PartnerReferent.objects.filter(
            mission_locale_id__in=mission_locales, partner_id__in=partners
        ).values_list("mission_locale_id", "partner_id")
    )
    by_ml = {ml: 0 for ml in mission_locales}
    by_partner = {partner: 0 for partner in partners}
    for ml, partner in pairs:
        by_ml[ml] += 1
        by_partner[partner] += 1
    expected = len(mission_locales) * len(partners)
    complete = sum(1 for n in by_ml.values() if partners and n == len(partners))
    return IndicatorValue(
        code=IndicatorCode.REFERENT_COVERAGE.value,
        label="Couverture des partenaires par un référent nommé dans chaque Mission Locale",
        value=round(100 * len(pairs) / expected) if expected else None,
        unit="%",
        counts_people=False,
        breakdown=(
            BreakdownRow("pairs", "Référents nommés (Mission Locale × partenaire)", len(pairs), "référent"),
            BreakdownRow("expected", "Couples Mission Locale × partenaire", expected),
            BreakdownRow(
                "complete",
                "Missions Locales ayant un référent pour chaque partenaire",
                complete,
            ),
        ),
        note="à ce jour, quelle que soit la période",
        breakdowns=detailed(
            lambda: (
                organization_breakdown(D.MISSION_LOCALE, by_ml, "référent"),
                *summed_geography(by_ml, "référent"),
                organization_breakdown(D.PARTNER, by_partner),
            )
        ),
    )
