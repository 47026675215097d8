"""Where each Mission Locale of a breakdown sits: its department and region (the roll-up's hierarchy)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from relais.organizations.enums import OrganizationKind
from relais.organizations.models import Organization
from relais.territories.models import Region


@dataclass(frozen=True)
class Place:
    name: str
    department_id: int | None
    region_id: int | None


@dataclass
class Territory:
    # Keyed by the code a breakdown row gives: the Mission Locale's id, or its I-Milo code.
    mission_locales: dict[str, Place] = field(default_factory=dict)
    departments: dict[int, tuple[str, str, int]] = field(default_factory=dict)  # id → (code, name, region id)
    regions: dict[int, tuple[str, str]] = field(default_factory=dict)  # id → (code, name)

    def regions_by_code(self) -> dict[str, Region]:
        return {region.code: region for region in Region.objects.only("code", "name")}


def territory_of(codes) -> Territory:
    """Three queries whatever the number of Missions Locales: them, their departments, the regions."""
    codes = {str(code) for code in codes}
    ids = {int(code) for code in codes if code.isdigit()}
    territory = Territory()
    if not codes:
        return territory
    rows = (
        Organization.objects.filter(
            Q(pk__in=ids) | Q(imilo_code__in=codes), kind=OrganizationKind.MISSION_LOCALE
        )
        .values_list("pk", "imilo_code", "name", "region_id")
        .order_by()
    )
    orgs = list(rows)
    # A Mission Locale covering several departments is placed in the first of its region (then the first).
    department_of: dict[int, int] = {}
    links = Organization.departments.through.objects.filter(
        organization_id__in=[row[0] for row in orgs]
    ).values_list(
        "organization_id", "department_id", "department__code", "department__name", "department__region_id"
    )
    region_of_org = {row[0]: row[3] for row in orgs}
    for org_id, department_id, code, name, region_id in sorted(links, key=lambda link: link[2]):
        territory.departments[department_id] = (code, name, region_id)
        current = department_of.get(org_id)
        in_region = region_id == region_of_org.get(org_id)
        if current is None or (in_region and territory.departments[current][2] != region_of_org.get(org_id)):
            department_of[org_id] = department_id
    region_ids = {row[3] for row in orgs if row[3]} | {d[2] for d in territory.departments.values()}
    territory.regions = {
        pk: (code, name)
        for pk, code, name in Region.objects.filter(pk__in=region_ids).values_list("pk", "code", "name")
    }
    for pk, imilo, name, region_id in orgs:
        department = department_of.get(pk)
        region = region_id or (territory.departments[department][2] if department else None)
        place = Place(name, department, region)
        if str(pk) in codes:
            territory.mission_locales[str(pk)] = place
        if imilo and imilo in codes:
            territory.mission_locales[imilo] = place
    return territory
