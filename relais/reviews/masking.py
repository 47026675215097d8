"""Small counts of people masked in what observers and roll-ups publish (pure functions, no database).

Primary masking: a count of people from 1 to k−1 is shown as "< k" (k = RELAIS_MASK_THRESHOLD, higher for the
RQTH counts, RELAIS_MASK_THRESHOLD_RQTH, as it is health data); zeros are shown.

Secondary masking: the published figures are tied by sums (a department is the sum of its Missions Locales, a
national figure the sum of the conventions it counts...). Each such sum is a `Line`: a total and its members.
After the primary masking, every line holding exactly one masked cell gets its next smallest published cell
masked too (a member first, the total when no member is left), until no line changes. Then an exact audit
(Gaussian elimination over the rationals, component by component) checks that no masked cell is determined by
the published ones through all the lines together — which the one-line rule alone does not guarantee once a
cell belongs to several lines — and masks further while one is. Zeros are never masked: a zero is published
as such, so a secondary mask never hides a structural zero and every masked cell is known only to be > 0.

Cells are identified by any hashable key; `hidden` cells are part of the sums but shown to nobody (the
regions outside an observer's reach): they count as unknown, like masked ones.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction

Key = Hashable


@dataclass(frozen=True)
class Line:
    """A published sum: `total` is the sum of `members` (the line of a table, a parent and its children)."""

    total: Key
    members: tuple[Key, ...]

    @property
    def cells(self) -> tuple[Key, ...]:
        return (*self.members, self.total)


@dataclass(frozen=True)
class Cell:
    """What a page or an export shows of one figure: the value, or a mask and why."""

    value: int | float | None
    masked: bool = False
    # Masked because it is itself small ("< k"), not to protect another one ("secret").
    primary: bool = False
    threshold: int = 0

    @property
    def text(self) -> str:
        if self.masked:
            return f"< {self.threshold}" if self.primary else "secret"
        if self.value is None:
            return "—"
        return french_number(self.value)

    @property
    def export_value(self):
        """The value an XLSX or CSV cell holds: a number when published, the mark's text when masked."""
        return self.text if self.masked else self.value

    def __str__(self) -> str:
        return self.text


def french_number(value) -> str:
    """12 345 and 42,5: a narrow no-break space between thousands, a decimal comma."""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}".replace(",", "\u202f").replace(".", ",")
    return f"{int(value):,}".replace(",", "\u202f")


def is_small(value, threshold: int) -> bool:
    """A count of people from 1 to k−1: the primary masking rule (zeros and missing values are shown)."""
    return value is not None and 0 < value < threshold


def mask_value(value, threshold: int) -> Cell:
    """One isolated count of people, in no sum (a share's numerator, a standalone figure)."""
    if is_small(value, threshold):
        return Cell(None, masked=True, primary=True, threshold=threshold)
    return Cell(value, threshold=threshold)


@dataclass
class Masking:
    """The outcome of `suppress`: which cells are masked, and which of them for being small."""

    values: Mapping[Key, int | float]
    thresholds: Callable[[Key], int]
    primary: set[Key] = field(default_factory=set)
    secondary: set[Key] = field(default_factory=set)
    hidden: frozenset[Key] = frozenset()

    @property
    def masked(self) -> set[Key]:
        return self.primary | self.secondary

    def cell(self, key: Key) -> Cell:
        threshold = self.thresholds(key)
        if key in self.hidden:
            return Cell(None, masked=True, threshold=threshold)
        if key in self.primary:
            return Cell(None, masked=True, primary=True, threshold=threshold)
        if key in self.secondary:
            return Cell(None, masked=True, threshold=threshold)
        return Cell(self.values.get(key), threshold=threshold)


def suppress(
    values: Mapping[Key, int],
    lines: Iterable[Line],
    *,
    threshold: int | Callable[[Key], int],
    hidden: Iterable[Key] = (),
) -> Masking:
    """Primary then secondary masking of `values` tied by `lines`, to a fixed point (see the module)."""
    thresholds = threshold if callable(threshold) else (lambda key, k=threshold: k)
    lines = [line for line in lines if line.members]
    hidden = frozenset(hidden)
    result = Masking(values=values, thresholds=thresholds, hidden=hidden)
    result.primary = {key for key, value in values.items() if is_small(value, thresholds(key))}
    unknown = set(result.primary) | hidden
    # A hidden cell that is not small needs no protection of its own (it is unknown to the reader, not secret).
    loose = hidden - result.primary
    while True:
        _one_line_rule(values, lines, unknown, loose, result.secondary)
        determined = _determined(values, lines, unknown) & result.masked
        if not determined:
            break
        before = len(unknown)
        for key in sorted(determined, key=repr):
            _protect(values, lines, key, unknown, result.secondary)
        if len(unknown) == before:  # nothing left to mask around them (cannot happen with positive cells)
            break
    return result


def _candidates(values, line: Line, unknown: set) -> list[Key]:
    """The cells of a line that may still be masked, the smallest first: published, not zero, members first."""

    def published(key) -> bool:
        return key not in unknown and (values.get(key) or 0) > 0

    members = sorted(
        (key for key in line.members if published(key)), key=lambda key: (values[key], repr(key))
    )
    if members:
        return members
    return [line.total] if published(line.total) else []


def _one_line_rule(values, lines: list[Line], unknown: set, loose: frozenset, secondary: set) -> None:
    changed = True
    while changed:
        changed = False
        for line in lines:
            masked = [key for key in line.cells if key in unknown]
            if len(masked) != 1 or masked[0] in loose:
                continue
            candidates = _candidates(values, line, unknown)
            if candidates:
                unknown.add(candidates[0])
                secondary.add(candidates[0])
                changed = True


def _protect(values, lines: list[Line], key: Key, unknown: set, secondary: set) -> None:
    """Mask the next smallest cell of a line through `key`, so that `key` gets one more degree of freedom."""
    for line in sorted((line for line in lines if key in line.cells), key=lambda line: len(line.cells)):
        candidates = _candidates(values, line, unknown)
        if candidates:
            unknown.add(candidates[0])
            secondary.add(candidates[0])
            return


def _determined(values, lines: list[Line], unknown: set) -> set[Key]:
    """Masked (or hidden) cells whose value the published cells fix through the lines, exactly."""
    relevant = [line for line in lines if any(key in unknown for key in line.cells)]
    found: set[Key] = set()
    for component in _components(relevant, unknown):
        found |= _determined_in(values, component, unknown)
    return found


def _components(lines: list[Line], unknown: set) -> list[list[Line]]:
    """Group lines that share an unknown cell: each group is an independent system of equations."""
    parent: dict = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for index, line in enumerate(lines):
        for key in line.cells:
            if key in unknown:
                parent[find(("line", index))] = find(("cell", key))
    groups: dict = {}
    for index, line in enumerate(lines):
        groups.setdefault(find(("line", index)), []).append(line)
    return list(groups.values())


def _determined_in(values, lines: list[Line], unknown: set) -> set[Key]:
    """Row-reduce the system "Σ members − total = published cells" over the unknowns (sparse rows, exact
    rationals); a pivot whose reduced row holds no free unknown is fixed by the published cells."""
    pivots: dict[Key, dict[Key, Fraction]] = {}
    for line in lines:
        row: dict[Key, Fraction] = defaultdict(Fraction)
        for key in line.members:
            if key in unknown:
                row[key] += 1
        if line.total in unknown:
            row[line.total] -= 1
        row = {key: value for key, value in row.items() if value}
        for key in [key for key in row if key in pivots]:
            factor = row.get(key, 0)
            if factor:
                _subtract(row, pivots[key], factor)
        if not row:
            continue
        lead = min(row, key=repr)
        scale = row[lead]
        row = {key: value / scale for key, value in row.items()}
        for other in pivots.values():
            factor = other.get(lead, 0)
            if factor:
                _subtract(other, row, factor)
        pivots[lead] = row
    return {key for key, row in pivots.items() if len(row) == 1}


def _subtract(row: dict, pivot: dict, factor) -> None:
    for key, value in pivot.items():
        result = row.get(key, 0) - factor * value
        if result:
            row[key] = result
        else:
            row.pop(key, None)


def hierarchy_lines(children: Mapping[Key, Iterable[Key]]) -> list[Line]:
    """The lines of a hierarchy where each parent's total is published (ML → department → region → national)."""
    return [Line(parent, tuple(members)) for parent, members in children.items() if members]
