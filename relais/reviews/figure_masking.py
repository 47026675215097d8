"""One convention's figure as an observer may see it: the value and its breakdowns, small counts masked.

For the pages and exports of a single review shown to an observer (the roll-up has its own system of sums,
relais/reviews/rollup.py). A breakdown whose rows add up to the figure is a published sum (a `Line`); the
breakdowns by Mission Locale, department and region are tied by the hierarchy when `parents` says where each
row sits; the priority publics overlap (a young person may be QPV and RQTH), so each is masked alone, the RQTH
ones from their own threshold.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from relais.core.providers import Dimension, IndicatorValue
from relais.reviews.masking import Cell, Line, suppress

RQTH = "rqth"
OVERLAPPING = frozenset({Dimension.PRIORITY_PUBLIC.value})
TOTAL = ("value",)


@dataclass(frozen=True)
class MaskedRow:
    code: str
    label: str
    cell: Cell


@dataclass(frozen=True)
class MaskedBreakdown:
    dimension: str
    label: str
    rows: tuple[MaskedRow, ...]


@dataclass(frozen=True)
class MaskedFigure:
    code: str
    label: str
    unit: str
    counts_people: bool
    cell: Cell
    breakdowns: tuple[MaskedBreakdown, ...]


def mask_figure(
    value: IndicatorValue,
    *,
    threshold: int,
    rqth_threshold: int,
    parents: Mapping[tuple[str, str], tuple[str, str]] | None = None,
) -> MaskedFigure:
    """`parents` maps a row, as (dimension, code), to the row above it: a Mission Locale to its department, a
    department to its region."""
    values: dict = {TOTAL: value.value if _is_number(value.value) else 0}
    lines: list[Line] = []
    for breakdown in value.breakdowns:
        keys = []
        for row in breakdown.rows:
            if _is_number(row.value):
                key = (breakdown.dimension, str(row.code))
                values[key] = row.value
                keys.append(key)
        if breakdown.dimension not in OVERLAPPING and sum(values[k] for k in keys) == values[TOTAL]:
            lines.append(Line(TOTAL, tuple(keys)))
    children = defaultdict(list)
    for key in values:
        parent = (parents or {}).get(key)
        if parent is not None and parent in values:
            children[parent].append(key)
    lines += [Line(parent, tuple(members)) for parent, members in children.items()]

    def threshold_of(key) -> int:
        return rqth_threshold if key == (Dimension.PRIORITY_PUBLIC.value, RQTH) else threshold

    if value.counts_people:
        masking = suppress(values, lines, threshold=threshold_of)
        cell_of = masking.cell
    else:

        def cell_of(key):
            return Cell(values.get(key))

    return MaskedFigure(
        value.code,
        value.label,
        value.unit,
        value.counts_people,
        cell_of(TOTAL) if _is_number(value.value) else Cell(value.value),
        tuple(
            MaskedBreakdown(
                b.dimension,
                b.label,
                tuple(
                    MaskedRow(str(row.code), row.label, cell_of((b.dimension, str(row.code))))
                    for row in b.rows
                    if _is_number(row.value)
                ),
            )
            for b in value.breakdowns
        ),
    )


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
