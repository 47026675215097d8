"""Reads of the directory: organisations, teams, sites and referents, within the acting Scope."""

from django.db.models import Count, Prefetch, Q, QuerySet

from relais.core.scope import Scope
from relais.core.search import max_query_length
from relais.jobs.models import NafSector
from relais.organizations.enums import (
    INSTITUTION_KINDS,
    MISSION_LOCALE_NETWORK,
    PARTNER_KINDS,
    OrganizationKind,
    Role,
)
from relais.organizations.models import Membership, Organization, PartnerReferent, Site
from relais.territories.loading import fold, search_key
from relais.territories.models import Commune, Department, Region
from relais.territories.selectors import commune_ids_named

# The people partners need to reach, shown on an organisation's page and written in the directory export; the
# whole team (counsellors included) stays on the team page.
DIRECTORY_CONTACT_ROLES = (
    Role.COORDINATOR,
    Role.DIRECTOR,
    Role.CRE,
    Role.DISABILITY_REFERENT,
    Role.PARTNER_RECRUITER,
)
# Every kind of the partner directory: the partner structures and the institutions (the Mission Locale network
# has its own directory).
DIRECTORY_PARTNER_KINDS = frozenset(PARTNER_KINDS | INSTITUTION_KINDS)
assert not DIRECTORY_PARTNER_KINDS & MISSION_LOCALE_NETWORK


def home_region_code(scope: Scope) -> str:
    """The region of the principal's organisations when they all lie in one (the directories open on it)."""
    region_ids = {fact.region_id for fact in scope.memberships if fact.region_id is not None}
    if len(region_ids) != 1:
        return ""
    return Region.objects.filter(pk=region_ids.pop()).values_list("code", flat=True).first() or ""


def home_network_id(scope: Scope) -> int | None:
    """The partner network the principal belongs to: the network head itself or the one above its structure."""
    for fact in scope.memberships:
        if fact.kind == OrganizationKind.NETWORK_HEAD:
            return fact.organization_id
    for fact in scope.memberships:
        if fact.kind in PARTNER_KINDS and fact.parent_id:
            return fact.parent_id
    return None


def descendant_ids(root_ids: set[int]) -> set[int]:
    """The given organisations and every organisation below them (the hierarchy is at most 4 levels deep)."""
    result = set(root_ids)
    frontier = set(root_ids)
    while frontier:
        frontier = (
            set(Organization.objects.filter(parent_id__in=frontier).values_list("id", flat=True)) - result
        )
        result |= frontier
    return result


def ancestor_ids(organization: Organization) -> set[int]:
    result = set()
    current = organization.parent_id
    while current and current not in result:
        result.add(current)
        current = Organization.objects.filter(pk=current).values_list("parent_id", flat=True).first()
    return result


def can_manage(scope: Scope, organization: Organization) -> bool:
    """Directors, coordinators and administrators manage their organisation and those below it."""
    return scope.is_platform or organization.pk in scope.managed_ids


def managed_organizations(scope: Scope) -> QuerySet[Organization]:
    """Organisations whose team, sites and referents the principal may edit (404 for any other)."""
    if scope.is_platform:
        return Organization.objects.all()
    return Organization.objects.filter(pk__in=scope.managed_ids)


def team_visible_organizations(scope: Scope) -> QuerySet[Organization]:
    """Organisations whose team list (names, roles, contact details) the principal may read."""
    if scope.is_platform:
        return Organization.objects.all()
    return Organization.objects.filter(pk__in=scope.reach_ids)


def can_manage_referents(scope: Scope, mission_locale: Organization) -> bool:
    """The ML's directors and its parent ARML's coordinators name referents; so do its CREs."""
    return can_manage(scope, mission_locale) or scope.has_role(Role.CRE, mission_locale.pk)


def referent_managed_missions_locales(scope: Scope) -> QuerySet[Organization]:
    """Active Missions Locales whose partner referents the principal names (404 for any other)."""
    qs = Organization.objects.filter(kind=OrganizationKind.MISSION_LOCALE, is_active=True)
    if scope.is_platform:
        return qs
    return qs.filter(Q(pk__in=scope.managed_ids) | Q(pk__in=scope.organization_ids_with({Role.CRE})))


def _text_search(query: str, *, fields: tuple[str, ...]) -> Q:
    """Folded search (see Organization.search_text), plus the raw fields for rows written before it existed.

    The whole query is one phrase here, cut to the length of the longest search kept (see relais.core.search).
    """
    query = query.strip()[: max_query_length()]
    condition = Q()
    for name in fields:
        condition |= Q(**{f"{name}__icontains": query})
    key = search_key(query)
    if key:
        condition |= Q(search_text__contains=key)
    return condition


def _place_search(query: str) -> Q:
    """Missions Locales by place: a commune (its own, one of its sites', one it covers), a postal code, a
    department (code or name); "Saint-Priest", "69800", "Chambéry" and "Savoie" all find one."""
    query = query.strip()[: max_query_length()]
    condition = Q()
    communes = commune_ids_named(query)
    if communes:
        condition |= (
            Q(commune__in=communes) | Q(sites__commune__in=communes) | Q(covered_communes__in=communes)
        )
    if query.isdigit() and len(query) == 5:
        condition |= Q(postal_code=query) | Q(sites__postal_code=query)
    folded = fold(query)
    department_codes = [
        code
        for code, name in Department.objects.values_list("code", "name")
        if folded and (fold(name) == folded or code.upper() == query.upper())
    ]
    if department_codes:
        condition |= Q(departments__code__in=department_codes) | Q(
            commune__department__code__in=department_codes
        )
    return condition


def missions_locales(
    *, query: str = "", region_code: str = "", department_code: str = "", commune_query: str = ""
) -> QuerySet:
    """Active Missions Locales by name, I-Milo code or place, sorted by folded name (case and accents aside)."""
    qs = Organization.objects.filter(kind=OrganizationKind.MISSION_LOCALE, is_active=True)
    if query:
        qs = qs.filter(
            _text_search(query, fields=("name", "short_name"))
            | Q(imilo_code__iexact=query.strip()[:30])
            | _place_search(query)
        )
    if region_code:
        qs = qs.filter(region__code=region_code)
    if department_code:
        qs = qs.filter(departments__code=department_code)
    if commune_query:
        qs = qs.filter(covered_communes__in=commune_ids_named(commune_query))
    # Filter on the matching ids so that the joins of the search do not multiply the sites counted.
    return (
        Organization.objects.filter(pk__in=qs.values("pk"))
        .select_related("region", "parent")
        .prefetch_related("departments")
        .annotate(site_count=Count("sites", distinct=True))
        .order_by("search_text", "name", "pk")
    )


def partners(
    *,
    query: str = "",
    kind: str = "",
    region_code: str = "",
    department_code: str = "",
    naf_code: str = "",
    network_id: int | None = None,
):
    """Active organisations of the partner directory (every kind outside the Mission Locale network); a
    department matches the departments an organisation works in or its own commune's."""
    qs = Organization.objects.filter(kind__in=DIRECTORY_PARTNER_KINDS, is_active=True)
    if query:
        qs = qs.filter(_text_search(query, fields=("name", "short_name", "sector_label")))
    if kind:
        qs = qs.filter(kind=kind)
    if region_code:
        qs = qs.filter(region__code=region_code)
    if department_code:
        qs = qs.filter(Q(departments__code=department_code) | Q(commune__department__code=department_code))
    if naf_code:
        # A division ("43") matches the organisations filed under it at any depth ("43.21A").
        qs = qs.filter(naf_sectors__code__startswith=naf_code)
    if network_id:
        qs = qs.filter(Q(parent_id=network_id) | Q(pk=network_id))
    if department_code or naf_code:
        qs = qs.distinct()
    return qs.select_related("region", "parent").order_by("search_text", "name", "pk")


def for_export(queryset: QuerySet[Organization]) -> QuerySet[Organization]:
    """A directory list with everything its export writes, in a fixed number of queries."""
    return (
        queryset.select_related("region", "parent", "commune")
        .prefetch_related(None)
        .prefetch_related(
            Prefetch("departments", queryset=Department.objects.order_by("code")),
            Prefetch("naf_sectors", queryset=NafSector.objects.order_by("code")),
            Prefetch("sites", queryset=Site.objects.select_related("commune")),
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(is_active=True, role__in=DIRECTORY_CONTACT_ROLES)
                .select_related("person")
                .order_by("role", "person__last_name", "person__first_name"),
                to_attr="directory_contacts",
            ),
        )
    )


def organization_detail(pk: int, scope: Scope) -> Organization:
    """One organisation of the directory; an inactive one exists for platform staff only."""
    qs = Organization.objects.all() if scope.is_platform else Organization.objects.filter(is_active=True)
    return (
        qs.select_related("region", "parent", "commune")
        .prefetch_related(
            Prefetch("departments", queryset=Department.objects.select_related("region")),
            "naf_sectors",
            Prefetch("sites", queryset=Site.objects.select_related("commune")),
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(is_active=True).select_related("person").order_by("role"),
            ),
        )
        .get(pk=pk)
    )


def covered_regions(organization: Organization) -> list[Region]:
    """The regions an organisation covers, from its departments (an ARML may cover several regions)."""
    regions = {d.region.pk: d.region for d in organization.departments.all()}
    if not regions and organization.region_id:
        return [organization.region]
    return sorted(regions.values(), key=lambda region: region.name)


def covered_communes(organization: Organization) -> list[Commune]:
    """The communes a Mission Locale covers, once the operator has imported the coverage table (else empty)."""
    return list(organization.covered_communes.select_related("department").order_by("name", "code"))


def active_children(organization: Organization) -> QuerySet[Organization]:
    return organization.children.filter(is_active=True).order_by("name")


def team_memberships(organization: Organization) -> QuerySet[Membership]:
    return (
        organization.memberships.filter(is_active=True)
        .select_related("person")
        .order_by("person__last_name", "person__first_name")
    )


def sites_of(organization: Organization) -> QuerySet[Site]:
    return Site.objects.filter(organization=organization).select_related("commune")


def referents_named_by(ml: Organization) -> QuerySet[PartnerReferent]:
    """Every referent the Mission Locale named, whatever the partner's state (for removal)."""
    return PartnerReferent.objects.filter(mission_locale=ml)


def referents_of_mission_locale(ml: Organization):
    return PartnerReferent.objects.filter(mission_locale=ml, partner__is_active=True).select_related(
        "partner", "person", "partner__parent"
    )


def referents_for_partner(partner: Organization):
    return PartnerReferent.objects.filter(partner=partner, mission_locale__is_active=True).select_related(
        "mission_locale", "person"
    )


def referent_coverage(*, network: Organization, region_code: str):
    """For a partner network and a region: each Mission Locale with, per member partner, its referent or None."""
    members = list(
        Organization.objects.filter(parent=network, is_active=True, kind__in=PARTNER_KINDS).order_by("name")
    )
    mls = list(missions_locales(region_code=region_code))
    referents = PartnerReferent.objects.filter(partner__in=members, mission_locale__in=mls).select_related(
        "person"
    )
    by_pair = {(r.mission_locale_id, r.partner_id): r for r in referents}
    rows = []
    for ml in mls:
        cells = [by_pair.get((ml.pk, partner.pk)) for partner in members]
        rows.append({"mission_locale": ml, "cells": cells, "missing": sum(1 for c in cells if c is None)})
    return members, rows


def organizations_named(query: str, *, kinds) -> QuerySet[Organization]:
    """Active organisations of these kinds whose name matches what is typed (the pickers of other apps)."""
    return (
        Organization.objects.filter(kind__in=kinds, is_active=True)
        .filter(_text_search(query, fields=("name", "short_name")))
        .select_related("region")
        .order_by("name", "pk")
    )
