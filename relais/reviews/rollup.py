"""The national roll-up: aggregates of the frozen reviews only, per convention, territory, partner network and
national framework, with the counts of people masked (relais/reviews/masking.py).

Only frozen snapshots are read ("only frozen periods are published"): a figure once published never moves, so
successive figures reveal nothing. A year selects the reviews whose period ended in it; one narrowing filter at
most (a region, a partner network or a national framework) picks a group among those the page publishes anyway,
so that no two views can be subtracted into a cell the masking hid: every figure any view of the year shows is
a cell of one system of sums (`_System`), masked together.

A convention's snapshot counts its declinations (relais/conventions/parents.py): a group's figure is the sum of
its reviews that no other review of the group declines (its "roots"), which is how a national framework's
figure includes its regional and local conventions without counting them twice.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import DateField
from django.db.models.functions import Coalesce, ExtractYear

from relais.conventions.enums import ConventionKind
from relais.conventions.models import Convention, ConventionParty
from relais.conventions.selectors import conventions_visible_to
from relais.core.providers import INDICATORS, Dimension, IndicatorValue
from relais.organizations.enums import PARTNER_KINDS, OrganizationKind
from relais.reviews.enums import FROZEN
from relais.reviews.masking import Cell, Line, Masking, suppress
from relais.reviews.models import Review
from relais.reviews.rollup_tables import (
    Table,
    ancestors,
    convention_table,
    group_table,
    is_number,
    priority_table,
    territory_table,
)
from relais.reviews.territory import Territory, territory_of

# Figures that are not sums (a median delay, a share): they cannot be added across conventions.
NON_ADDITIVE_UNITS = frozenset({"jour", "jours", "%", "part", "pourcentage"})


def thresholds() -> tuple[int, int]:
    return settings.RELAIS_MASK_THRESHOLD, settings.RELAIS_MASK_THRESHOLD_RQTH


def can_read_rollup(scope) -> bool:
    """Observers (State, Région, national heads) and platform staff."""
    national, regions = scope.observer_reach
    return scope.is_platform_staff or national or bool(regions)


@dataclass(frozen=True)
class Filters:
    year: int | None
    region_code: str = ""  # a region's INSEE code, or "national" for the conventions without a region
    network_id: int | None = None
    framework_id: int | None = None
    code: str = ""  # the indicator the detailed tables are about

    @property
    def group(self) -> tuple:
        if self.region_code:
            return ("region", self.region_code)
        if self.network_id:
            return ("network", self.network_id)
        if self.framework_id:
            return ("framework", self.framework_id)
        return ("all", None)


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str
    unit: str
    counts_people: bool


@dataclass(frozen=True)
class Headline:
    indicator: Indicator
    cell: Cell


@dataclass
class Rollup:
    filters: Filters
    years: list[int]
    indicators: list[Indicator]
    headlines: list[Headline] = field(default_factory=list)
    indicator: Indicator | None = None
    tables: list[Table] = field(default_factory=list)
    # The detail was left out: the group holds fewer than k people for the chosen indicator.
    withheld: bool = False
    review_count: int = 0
    threshold: int = 11
    groups: dict = field(default_factory=dict)  # what the filters offer: regions, networks, frameworks


# ---- reading the frozen reviews ----------------------------------------------------------------------------


def frozen_reviews(scope):
    visible = conventions_visible_to(scope)
    return Review.objects.filter(status__in=FROZEN, convention__in=visible).annotate(
        year=ExtractYear(Coalesce("period_end", "convention__end_date", output_field=DateField()))
    )


def years_of(scope) -> list[int]:
    rows = frozen_reviews(scope).exclude(year__isnull=True).values_list("year", flat=True).distinct()
    return sorted(set(rows), reverse=True)


@dataclass
class _Review:
    pk: int
    convention_id: int
    label: str
    region_code: str
    period: str
    values: dict[str, IndicatorValue]


def _load(scope, year: int):
    reviews = []
    rows = (
        frozen_reviews(scope)
        .filter(year=year)
        .select_related("convention__region")
        .order_by("convention__title", "convention__period_number", "pk")
    )
    for review in rows:
        convention = review.convention
        values = {}
        for data in review.snapshot or []:
            value = IndicatorValue.from_dict(data)
            values[value.code] = value
        start, end = review.period_start or convention.start_date, review.period_end or convention.end_date
        reviews.append(
            _Review(
                review.pk,
                convention.pk,
                str(convention),
                convention.region.code if convention.region_id else "national",
                f"{start:%d/%m/%Y} → {end:%d/%m/%Y}" if start and end else "",
                values,
            )
        )
    return reviews


def _indicators(reviews: list[_Review]) -> list[Indicator]:
    found: dict[str, Indicator] = {}
    for review in reviews:
        for value in review.values.values():
            if value.code in found or value.unit in NON_ADDITIVE_UNITS or not is_number(value.value):
                continue
            found[value.code] = Indicator(value.code, value.label, value.unit, value.counts_people)
    order = {code: (provider.order, code) for code, provider in INDICATORS.items()}
    return sorted(found.values(), key=lambda i: (not i.counts_people, order.get(i.code, (10_000, i.code))))


# ---- groups of conventions ---------------------------------------------------------------------------------


def _conventions() -> dict[int, tuple]:
    return {
        row[0]: row
        for row in Convention.objects.values_list("pk", "parent_id", "kind", "title", "region__code")
    }


def _networks(convention_ids) -> dict[int, set[int]]:
    """The partner networks of each convention: a network head among its parties, or the head above a partner
    structure party, or the partner structure itself."""
    by_convention: dict[int, set[int]] = defaultdict(set)
    names: dict[int, str] = {}
    rows = ConventionParty.objects.filter(
        convention_id__in=convention_ids, organization__kind__in=PARTNER_KINDS
    ).values_list(
        "convention_id",
        "organization_id",
        "organization__name",
        "organization__kind",
        "organization__parent_id",
        "organization__parent__kind",
        "organization__parent__name",
    )
    for convention_id, org, name, kind, parent, parent_kind, parent_name in rows:
        if kind != OrganizationKind.NETWORK_HEAD and parent_kind == OrganizationKind.NETWORK_HEAD:
            org, name = parent, parent_name
        by_convention[convention_id].add(org)
        names[org] = name
    return by_convention, names


def _roots(members: list[_Review], conventions) -> list[_Review]:
    """The reviews of a group that no other review of the group declines: their sum is the group's figure."""
    in_group = {review.convention_id for review in members}
    return [r for r in members if not set(ancestors(r.convention_id, conventions)) & in_group]


# ---- the system of published cells -------------------------------------------------------------------------


@dataclass
class _System:
    """Every cell the year's views publish for one indicator, and the sums tying them."""

    values: dict = field(default_factory=dict)
    lines: list[Line] = field(default_factory=list)
    hidden: set = field(default_factory=set)

    def group(self, key, roots: list[_Review], code: str) -> None:
        for review in roots:
            self.values[("review", review.pk)] = _value(review, code)
        self.values[key] = sum(_value(review, code) for review in roots)
        self.lines.append(Line(key, tuple(("review", review.pk) for review in roots)))


def _value(review: _Review, code: str):
    value = review.values.get(code)
    return value.value if value is not None and is_number(value.value) else 0


def _ml_rows(roots: list[_Review], code: str) -> dict[str, int]:
    totals: dict[str, int] = defaultdict(int)
    for review in roots:
        value = review.values.get(code)
        breakdown = value.breakdown_by(Dimension.MISSION_LOCALE) if value is not None else None
        for row in breakdown.rows if breakdown else ():
            if is_number(row.value):
                totals[str(row.code)] += row.value
    return totals


def _territory_lines(system: _System, ml_totals: dict[str, int], territory: Territory, reach, all_key):
    """ML → department → region → national, the regions outside an observer's reach hidden."""
    children: dict = defaultdict(set)
    for ml_code, value in ml_totals.items():
        ml = territory.mission_locales.get(ml_code)
        department = ml.department_id if ml else None
        region = ml.region_id if ml else None
        system.values[("ml", ml_code)] = value
        children[("department", department)].add(("ml", ml_code))
        children[("region", region)].add(("department", department))
        children[("ml_national",)].add(("region", region))
        if not reach(region):
            system.hidden |= {("ml", ml_code), ("department", department), ("region", region)}
    for parent in (key for key in children if key[0] == "department"):
        system.values[parent] = sum(system.values[child] for child in children[parent])
    for parent in (key for key in children if key[0] == "region"):
        system.values[parent] = sum(system.values[child] for child in children[parent])
    total = sum(system.values[child] for child in children[("ml_national",)])
    system.values[("ml_national",)] = total
    for parent, members in children.items():
        system.lines.append(Line(parent, tuple(sorted(members, key=repr))))
    unattributed = system.values[all_key] - total
    if ml_totals and unattributed >= 0:
        # Those no Mission Locale is given for: the difference is a cell too, masked when small.
        system.values[("unattributed",)] = unattributed
        system.lines.append(Line(all_key, (("ml_national",), ("unattributed",))))
    return children


# ---- the page's data ---------------------------------------------------------------------------------------


def build_rollup(scope, filters: Filters) -> Rollup:
    k, k_rqth = thresholds()
    years = years_of(scope)
    year = filters.year if filters.year in years else (years[0] if years else None)
    filters = Filters(year, filters.region_code, filters.network_id, filters.framework_id, filters.code)
    result = Rollup(filters=filters, years=years, indicators=[], threshold=k)
    if year is None:
        return result
    reviews = _load(scope, year)
    conventions = _conventions()
    networks, network_names = _networks([r.convention_id for r in reviews])
    national, region_ids = scope.observer_reach
    everywhere = national or scope.is_platform_staff

    groups: dict[tuple, list[_Review]] = {("all", None): reviews}
    for review in reviews:
        groups.setdefault(("region", review.region_code), []).append(review)
        for network in networks.get(review.convention_id, ()):
            groups.setdefault(("network", network), []).append(review)
        for pk in [review.convention_id, *ancestors(review.convention_id, conventions)]:
            if conventions[pk][2] == ConventionKind.NATIONAL_FRAMEWORK:
                groups.setdefault(("framework", pk), []).append(review)
    roots = {key: _roots(members, conventions) for key, members in groups.items()}
    territory = territory_of({code for r in reviews for code in _ml_codes(r)})
    regions = territory.regions_by_code()
    result.groups = {
        "regions": sorted(
            (code, regions[code].name if code in regions else "Nationales (sans région)")
            for kind, code in groups
            if kind == "region"
        ),
        "networks": sorted(
            ((pk, network_names[pk]) for kind, pk in groups if kind == "network"), key=lambda x: x[1]
        ),
        "frameworks": sorted(
            ((pk, conventions[pk][3]) for kind, pk in groups if kind == "framework"), key=lambda x: x[1]
        ),
    }
    group_key = filters.group
    if group_key not in groups:
        # Nothing of that group is published to this principal (another region, an unknown network...).
        group_key = ("all", None)
        result.filters = Filters(year, code=filters.code)
    result.indicators = _indicators(reviews)
    result.review_count = len(groups[group_key])
    chosen = next((i for i in result.indicators if i.code == filters.code), None)
    result.indicator = chosen or (result.indicators[0] if result.indicators else None)

    def reach(region_id) -> bool:
        return everywhere or region_id in region_ids

    for indicator in result.indicators:
        system = _System()
        for key, members in roots.items():
            system.group(("group", *key), members, indicator.code)
        all_key = ("group", "all", None)
        children = _territory_lines(
            system, _ml_rows(roots[("all", None)], indicator.code), territory, reach, all_key
        )
        masking = _mask(system, indicator, k)
        result.headlines.append(Headline(indicator, masking.cell(("group", *group_key))))
        if indicator == result.indicator:
            head = masking.cell(("group", *group_key))
            result.withheld = head.masked
            if not result.withheld:
                result.tables = _tables(
                    masking, groups, roots, group_key, conventions, children, territory, result, network_names
                )
                priority = priority_table(roots[group_key], indicator, head, k, k_rqth)
                if group_key == ("all", None) and priority is not None and priority.rows:
                    result.tables.append(priority)
    return result


def _ml_codes(review: _Review):
    for value in review.values.values():
        breakdown = value.breakdown_by(Dimension.MISSION_LOCALE)
        for row in breakdown.rows if breakdown else ():
            yield str(row.code)


def _mask(system: _System, indicator: Indicator, k: int) -> Masking:
    if not indicator.counts_people:
        # Events, opportunities, organisations: nothing about persons to protect.
        return suppress(system.values, [], threshold=0, hidden=system.hidden)
    return suppress(system.values, system.lines, threshold=k, hidden=system.hidden)


def _tables(masking, groups, roots, group_key, conventions, children, territory, result, network_names):
    tables = [convention_table(masking, groups[group_key], roots[group_key], group_key, conventions)]
    if group_key != ("all", None):
        return tables
    tables.append(territory_table(masking, children, territory))
    for kind, title, names in (
        ("region", "Par région de la convention", dict(result.groups["regions"])),
        ("network", "Par réseau partenaire", network_names),
        (
            "framework",
            "Par accord-cadre national (ses déclinaisons comprises)",
            dict(result.groups["frameworks"]),
        ),
    ):
        table = group_table(masking, kind, title, names)
        if table.rows:
            tables.append(table)
    return tables
