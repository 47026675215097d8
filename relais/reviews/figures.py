"""What the review page and its PDF show of each figure: its breakdowns, the previous period's value, its target,
a bar chart's geometry and the activity behind it (data, never HTML)."""

import json
from dataclasses import dataclass, field

from relais.core.providers import BreakdownRow, Dimension, IndicatorValue
from relais.reviews.activity import activity_url
from relais.reviews.models import Review
from relais.reviews.snapshot import section_of, stored_values
from relais.reviews.targets import targets_for

# Horizontal bar chart drawn in the PDF (inline SVG): a label column, then the bars.
BAR_HEIGHT, BAR_GAP, LABEL_WIDTH, BARS_WIDTH = 16, 6, 230, 260


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    y: int
    width: int
    text_y: int


@dataclass(frozen=True)
class Split:
    """One breakdown of a figure, as a table, a chart and an inline SVG."""

    key: str
    label: str
    rows: tuple[BreakdownRow, ...]
    total: int | float | None = None
    unit: str = ""

    @property
    def heading(self) -> str:
        """ "par Mission Locale", or "détail" for the figure's own breakdown (a median and its 80th percentile...)."""
        if self.key == DETAIL:
            return "détail"
        # "Mission Locale" keeps its capitals (a network's name); the other labels read as common nouns.
        label = (
            self.label if self.label.startswith("Mission Locale") else self.label[:1].lower() + self.label[1:]
        )
        return f"par {label}"

    @property
    def is_partition(self) -> bool:
        """The rows share the figure out (hires by contract type): only then does a bar chart compare them. A
        median next to its 80th percentile, or a count of measured items, are no parts of a whole."""
        if not self.rows or not isinstance(self.total, int | float) or not self.total:
            return False
        return all(not row.unit for row in self.rows) and abs(sum(self.numbers) - self.total) < 1e-6

    def unit_of(self, row: BreakdownRow) -> str:
        """A row sharing the figure out (or splitting it by a dimension) counts in the figure's unit; a row of
        the figure's own detail says its own (the 80th percentile in days, the items measured)."""
        if self.is_partition or (self.key != DETAIL and not row.unit):
            return self.unit
        return row.unit

    @property
    def lines(self) -> list[tuple[BreakdownRow, str]]:
        return [(row, self.unit_of(row)) for row in self.rows]

    @property
    def numbers(self) -> list:
        return [row.value if isinstance(row.value, int | float) else 0 for row in self.rows]

    @property
    def chart_x(self) -> str:
        return json.dumps([[row.label for row in self.rows]], ensure_ascii=False)

    @property
    def chart_y(self) -> str:
        return json.dumps([self.numbers])

    @property
    def charted(self) -> bool:
        return len(self.rows) > 1 and self.is_partition

    @property
    def bars(self) -> list[Bar]:
        top = max(self.numbers, default=0) or 1
        step = BAR_HEIGHT + BAR_GAP
        return [
            Bar(
                row.label[:45],
                number,
                i * step,
                max(1, round(BARS_WIDTH * number / top)),
                i * step + BAR_HEIGHT - 4,
            )
            for i, (row, number) in enumerate(zip(self.rows, self.numbers, strict=True))
        ]

    @property
    def svg_height(self) -> int:
        return len(self.rows) * (BAR_HEIGHT + BAR_GAP)


@dataclass(frozen=True)
class Figure:
    value: IndicatorValue
    section: str
    previous: IndicatorValue | None = None
    target: int | float | None = None
    activity_url: str = ""
    splits: tuple[Split, ...] = field(default_factory=tuple)

    @property
    def delta(self):
        before = self.previous.value if self.previous is not None else None
        if isinstance(self.value.value, int | float) and isinstance(before, int | float):
            return round(self.value.value - before, 1)
        return None

    @property
    def target_gap(self):
        if isinstance(self.value.value, int | float) and isinstance(self.target, int | float):
            return round(self.value.value - self.target, 1)
        return None


DETAIL = "detail"


def splits_of(value: IndicatorValue) -> tuple[Split, ...]:
    splits = [
        Split(b.dimension, Dimension(b.dimension).label, b.rows, value.value, value.unit)
        for b in value.breakdowns
        if b.rows
    ]
    if value.breakdown and not any(tuple(s.rows) == tuple(value.breakdown) for s in splits):
        splits.insert(0, Split(DETAIL, "Détail", value.breakdown, value.value, value.unit))
    return tuple(splits)


def previous_review(review: Review) -> Review | None:
    """The frozen review of the period this one continues, when there is one."""
    previous_id = review.convention.previous_period_id
    if previous_id is None:
        return None
    found = Review.objects.filter(convention_id=previous_id).first()
    return found if found is not None and found.is_frozen else None


def figures_of(review: Review, values: list[IndicatorValue], scope) -> list[tuple[str, list[Figure]]]:
    """The figures grouped under their headings, each with its comparison points."""
    previous = previous_review(review)
    before = {v.code: v for v in stored_values(previous)} if previous is not None else {}
    targets = targets_for(review)
    grouped: dict[str, list[Figure]] = {}
    for value in values:
        section = section_of(value.code)
        grouped.setdefault(section, []).append(
            Figure(
                value=value,
                section=section,
                previous=before.get(value.code),
                target=targets.get(value.code),
                activity_url=activity_url(value.code, review.convention, scope),
                splits=splits_of(value),
            )
        )
    return list(grouped.items())
