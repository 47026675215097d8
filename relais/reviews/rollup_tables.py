"""The roll-up's tables, read from one masking of the year's cells (relais/reviews/rollup.py builds it)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from relais.core.providers import Dimension
from relais.reviews.masking import Cell, mask_value

RQTH = "rqth"


@dataclass(frozen=True)
class Row:
    label: str
    cell: Cell
    depth: int = 0
    detail: str = ""
    extra: Cell | None = None  # a second figure of the row (the share of a priority public)


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    rows: tuple[Row, ...]
    total: Row | None = None
    value_label: str = "Valeur"
    extra_label: str = ""
    note: str = ""


def ancestors(pk: int, conventions: dict[int, tuple]) -> list[int]:
    found, seen = [], {pk}
    parent = conventions.get(pk, (None, None))[1]
    while parent is not None and parent not in seen:
        found.append(parent)
        seen.add(parent)
        parent = conventions.get(parent, (None, None))[1]
    return found


def is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def convention_table(masking, members, roots, group_key, conventions) -> Table:
    """The group's reviews, each declination under the convention that counts it."""
    in_group = {review.convention_id: review for review in members}
    root_ids = {review.pk for review in roots}
    children = defaultdict(list)
    top = []
    for review in members:
        parent = next((pk for pk in ancestors(review.convention_id, conventions) if pk in in_group), None)
        (children[parent].append(review) if parent else top.append(review))
    rows = []

    def walk(review, depth):
        detail = review.period
        if review.pk not in root_ids:
            detail = f"{detail} — compté dans la convention qu'il décline".strip(" —")
        rows.append(Row(review.label, masking.cell(("review", review.pk)), depth, detail))
        for child in children[review.convention_id]:
            walk(child, depth + 1)

    for review in top:
        walk(review, 0)
    return Table(
        "conventions",
        "Par convention",
        tuple(rows),
        total=Row("Total", masking.cell(("group", *group_key))),
        note="Le total additionne les conventions qu'aucune autre de la liste ne décline : le bilan d'une "
        "convention compte déjà ses déclinaisons.",
    )


def territory_table(masking, children, territory) -> Table:
    """Regions, their departments, their Missions Locales, from the breakdowns by Mission Locale."""
    rows = []

    def name_of_region(key):
        region = territory.regions.get(key[1])
        return region[1] if region else "Région non renseignée"

    def name_of_department(key):
        department = territory.departments.get(key[1])
        return f"{department[1]} ({department[0]})" if department else "Département non renseigné"

    def name_of_ml(key):
        place = territory.mission_locales.get(key[1])
        return place.name if place else f"Mission Locale {key[1]}"

    regions = sorted(children.get(("ml_national",), ()), key=name_of_region)
    for region in regions:
        if region in masking.hidden:
            continue
        rows.append(Row(name_of_region(region), masking.cell(region), 0))
        for department in sorted(children.get(region, ()), key=name_of_department):
            rows.append(Row(name_of_department(department), masking.cell(department), 1))
            for ml in sorted(children.get(department, ()), key=name_of_ml):
                rows.append(Row(name_of_ml(ml), masking.cell(ml), 2))
    if ("unattributed",) in masking.values and (masking.values[("unattributed",)] or 0) > 0:
        rows.append(Row("Sans Mission Locale renseignée", masking.cell(("unattributed",)), 0))
    note = ""
    if any(region in masking.hidden for region in regions):
        note = "Les régions hors de votre périmètre d'observation ne sont pas détaillées."
    return Table(
        "territories",
        "Par région, département et Mission Locale",
        tuple(rows),
        total=Row("Total des Missions Locales", masking.cell(("ml_national",))) if regions else None,
        note=note,
    )


def group_table(masking, kind: str, title: str, names: dict) -> Table:
    keys = [key for key in masking.values if key[0] == "group" and key[1] == kind]
    rows = sorted(
        (Row(str(names.get(key[2], key[2])), masking.cell(key)) for key in keys), key=lambda r: r.label
    )
    return Table(kind, title, tuple(rows), note="Une convention peut compter dans plusieurs lignes.")


def priority_table(roots, indicator, head: Cell, k: int, k_rqth: int) -> Table | None:
    """The priority publics among the group's people: each count masked alone (RQTH from its own threshold),
    its share shown only when the count and the total both are."""
    if not indicator.counts_people:
        return None
    counts: dict[str, list] = {}
    for review in roots:
        value = review.values.get(indicator.code)
        breakdown = value.breakdown_by(Dimension.PRIORITY_PUBLIC) if value is not None else None
        for row in breakdown.rows if breakdown else ():
            if is_number(row.value) and row.unit != "%":
                entry = counts.setdefault(str(row.code), [row.label, 0])
                entry[1] += row.value
    rows = []
    for code, (label, count) in counts.items():
        threshold = k_rqth if code == RQTH else k
        cell = mask_value(count, threshold)
        if cell.masked or head.masked or not head.value:
            # A masked count's share would give it back (share × total): masked too, marked as a secret.
            share = Cell(None, masked=cell.masked or head.masked, threshold=threshold)
        else:
            share = Cell(round(100 * count / head.value, 1))
        rows.append(Row(label, cell, extra=share))
    return Table(
        "priority",
        "Publics prioritaires",
        tuple(rows),
        value_label="Nombre",
        extra_label="Part (%)",
        note=f"Comptes masqués en dessous de {k} (de {k_rqth} pour les jeunes RQTH).",
    )
