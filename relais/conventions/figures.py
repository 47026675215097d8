"""Breakdowns of the registry's figures along the dimensions of relais.core.providers.Dimension.

The providers count with GROUP BY queries keyed by ids and codes; this module turns those counts into
``Breakdown`` rows: the name of each member (a Mission Locale, a partner structure, a department, a region) is read
once per evaluation of the indicators, whatever the number of figures asking for it, and Mission Locale counts roll
up into departments and regions (the hierarchy the roll-up masks along: ML → department → region).
"""

from collections.abc import Iterable, Mapping

from django.db.models import Count, Q

from relais.core.providers import Breakdown, BreakdownRow, Dimension, shared
from relais.organizations.models import Organization
from relais.territories.models import Department, Region
from relais.youths.enums import PRIORITY_FLAGS

D = Dimension
UNKNOWN = "Non renseigné"
Number = int | float | None


def _lookup(kind: str, ids: Iterable, fetch) -> dict:
    """Rows of `kind` by id, cached for the whole evaluation: only the ids not read yet are fetched (one query)."""
    cache = shared(("figures.cache", kind), dict)
    missing = {pk for pk in ids if pk is not None and pk not in cache}
    if missing:
        cache.update(fetch(missing))
        cache.update({pk: None for pk in missing if pk not in cache})
    return cache


def organization_names(ids: Iterable[int]) -> dict[int, str]:
    return _lookup(
        "organizations",
        ids,
        lambda missing: {
            pk: short or name
            for pk, name, short in Organization.objects.filter(pk__in=missing).values_list(
                "pk", "name", "short_name"
            )
        },
    )


def geography(mission_locale_ids: Iterable[int]) -> dict[int, tuple[int | None, int | None]]:
    """The department and the region of each Mission Locale: its department in the directory (the first one when
    it lists several), else its commune's; its region, else its department's. Two queries for any number."""

    def fetch(missing):
        listed: dict[int, int] = {}
        for org_id, department_id in (
            Organization.departments.through.objects.filter(organization_id__in=missing)
            .order_by("department_id")
            .values_list("organization_id", "department_id")
        ):
            listed.setdefault(org_id, department_id)
        result = {}
        for pk, region_id, commune_department_id in Organization.objects.filter(pk__in=missing).values_list(
            "pk", "region_id", "commune__department_id"
        ):
            result[pk] = (listed.get(pk, commune_department_id), region_id)
        departments = _departments({d for d, _ in result.values()})
        return {
            pk: (department_id, region_id or (departments.get(department_id) or {}).get("region_id"))
            for pk, (department_id, region_id) in result.items()
        }

    return _lookup("geography", mission_locale_ids, fetch)


def _departments(ids) -> dict[int, dict]:
    return _lookup(
        "departments",
        ids,
        lambda missing: {
            row["pk"]: row
            for row in Department.objects.filter(pk__in=missing).values("pk", "code", "name", "region_id")
        },
    )


def _regions(ids) -> dict[int, dict]:
    return _lookup(
        "regions",
        ids,
        lambda missing: {
            row["pk"]: row for row in Region.objects.filter(pk__in=missing).values("pk", "code", "name")
        },
    )


def _sorted(rows: list[BreakdownRow]) -> tuple[BreakdownRow, ...]:
    """Alphabetical, the unknown member last."""
    return tuple(sorted(rows, key=lambda row: (row.code == "", row.label.lower())))


def organization_breakdown(dimension: str, values: Mapping, unit: str = "") -> Breakdown:
    """A Mission Locale or partner breakdown: row code the organisation's id, label its name."""
    names = organization_names(values)
    return Breakdown(
        str(dimension),
        _sorted(
            [
                BreakdownRow(str(pk) if pk is not None else "", names.get(pk) or UNKNOWN, value, unit)
                for pk, value in values.items()
            ]
        ),
    )


def department_breakdown(values: Mapping[int | None, Number], unit: str = "") -> Breakdown:
    """Row code the INSEE code of the department, label "Rhône (69)"."""
    departments = _departments(values)
    rows = []
    for pk, value in values.items():
        department = departments.get(pk)
        if department:
            rows.append(
                BreakdownRow(department["code"], f"{department['name']} ({department['code']})", value, unit)
            )
        else:
            rows.append(BreakdownRow("", UNKNOWN, value, unit))
    return Breakdown(D.DEPARTMENT.value, _sorted(rows))


def region_breakdown(values: Mapping[int | None, Number], unit: str = "") -> Breakdown:
    regions = _regions(values)
    rows = []
    for pk, value in values.items():
        region = regions.get(pk)
        rows.append(
            BreakdownRow(region["code"], region["name"], value, unit)
            if region
            else BreakdownRow("", UNKNOWN, value, unit)
        )
    return Breakdown(D.REGION.value, _sorted(rows))


def regroup(values_by_ml: Mapping[int | None, object], level: int) -> dict:
    """Group per-Mission-Locale items by department (level 0) or region (level 1): {key: [items]}."""
    places = geography(values_by_ml)
    grouped: dict = {}
    for ml_id, item in values_by_ml.items():
        key = places.get(ml_id, (None, None))[level] if ml_id is not None else None
        grouped.setdefault(key, []).append(item)
    return grouped


def summed_geography(
    values_by_ml: Mapping[int | None, Number], unit: str = ""
) -> tuple[Breakdown, Breakdown]:
    """Department and region breakdowns of counts known per Mission Locale (their sums: rows add up)."""
    by_department = {key: sum(v or 0 for v in items) for key, items in regroup(values_by_ml, 0).items()}
    by_region = {key: sum(v or 0 for v in items) for key, items in regroup(values_by_ml, 1).items()}
    return department_breakdown(by_department, unit), region_breakdown(by_region, unit)


def mission_locale_breakdowns(
    values_by_ml: Mapping[int | None, Number], unit: str = ""
) -> tuple[Breakdown, ...]:
    """The Mission Locale, department and region breakdowns of a count known per Mission Locale."""
    return (
        organization_breakdown(D.MISSION_LOCALE, values_by_ml, unit),
        *summed_geography(values_by_ml, unit),
    )


def choice_breakdown(dimension: str, values: Mapping[str, Number], choices, unit: str = "") -> Breakdown:
    """A breakdown along a closed list (contract types, kinds...): the list's order, unknown codes last."""
    labels = dict(choices)
    known = [
        BreakdownRow(str(code), str(label), values[code], unit)
        for code, label in labels.items()
        if code in values
    ]
    other = [
        BreakdownRow(str(code or ""), UNKNOWN if not code else str(code), value, unit)
        for code, value in values.items()
        if code not in labels
    ]
    return Breakdown(str(dimension), tuple(known + other))


# ---- priority public -------------------------------------------------------------------------------------------

SHARE_SUFFIX = "_share"


def priority_aggregates(prefix: str, condition: Q, count_field: str, *, field_prefix: str = "youth_") -> dict:
    """Aggregates counting `count_field` (distinct) under `condition` for each priority-public flag, named
    ``<prefix>_p_<flag>`` (the flags are the countable facts kept on the rows, e.g. ``youth_qpv_resident``)."""
    return {
        f"{prefix}_p_{flag}": Count(
            count_field, distinct=True, filter=condition & Q(**{f"{field_prefix}{flag}": True})
        )
        for flag in PRIORITY_FLAGS
    }


def priority_breakdown(total: Number, counts: Mapping[str, int], unit: str) -> Breakdown:
    """For each priority public: how many of the `total` (code the flag) and their share of it in percent (code
    ``<flag>_share``, unit "%"; None when the total is 0). The rows overlap: a person may be in several publics."""
    rows = []
    for flag, label in PRIORITY_FLAGS.items():
        count = counts.get(flag, 0) or 0
        rows.append(BreakdownRow(flag, label, count, unit))
        rows.append(
            BreakdownRow(
                f"{flag}{SHARE_SUFFIX}",
                f"Part {label.lower()}" if flag != "rqth" else "Part RQTH",
                round(100 * count / total, 1) if total else None,
                "%",
            )
        )
    return Breakdown(D.PRIORITY_PUBLIC.value, tuple(rows))


def priority_counts_of(row: Mapping, prefix: str) -> dict[str, int]:
    """Read back the ``<prefix>_p_<flag>`` aggregates of one aggregate() result."""
    return {flag: row.get(f"{prefix}_p_{flag}") or 0 for flag in PRIORITY_FLAGS}


def empty_breakdowns(dimensions: Iterable[str]) -> tuple[Breakdown, ...]:
    return tuple(Breakdown(str(d), ()) for d in dimensions)
