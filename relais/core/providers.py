"""Typed extension points: what one app offers another app's pages, as data (frozen dataclasses), never HTML.

Two kinds of extension point, one way of filling them:
- figures, keyed by indicator code: ``@indicator(code, section=...)`` over a function
  ``(convention, period, scope) -> IndicatorValue``; the convention page, the review, its PDF/XLSX and the API
  render the same values;
- named lists of typed callables (``ExtensionPoint``), declared by the app that owns the page or the event
  (the opportunity page's actions, the ended-opportunity hook) and filled with ``@POINT.register``.

Discovery is one mechanism: ``CoreConfig.ready()`` imports every installed app's ``providers`` module (and its
``menu`` module) with ``autodiscover_modules``; registrations happen there and nowhere else. The benchmark
runner finds each app's ``bench`` module the same way (relais/bench/registry.py).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Hashable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import Q
from django.utils import timezone

# ---- the data providers return ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """The days a figure is counted over, both ends included; an open end reaches as far as the records go."""

    start: datetime.date | None = None
    end: datetime.date | None = None

    def __post_init__(self):
        if self.start and self.end and self.end < self.start:
            raise ValueError("A period cannot end before it starts.")

    def bounds(self) -> tuple[datetime.datetime | None, datetime.datetime | None]:
        """Aware datetimes: the first instant of `start` and the first instant after `end` (Europe/Paris days)."""
        tz = timezone.get_current_timezone()

        def midnight(day: datetime.date) -> datetime.datetime:
            return datetime.datetime.combine(day, datetime.time.min, tzinfo=tz)

        return (
            midnight(self.start) if self.start else None,
            midnight(self.end + datetime.timedelta(days=1)) if self.end else None,
        )

    def q(self, field: str) -> Q:
        """A filter keeping the rows whose datetime `field` falls within the period."""
        low, high = self.bounds()
        condition = Q()
        if low is not None:
            condition &= Q(**{f"{field}__gte": low})
        if high is not None:
            condition &= Q(**{f"{field}__lt": high})
        return condition

    def contains(self, moment: datetime.date | datetime.datetime) -> bool:
        day = timezone.localdate(moment) if isinstance(moment, datetime.datetime) else moment
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)

    def overlaps(self, start: datetime.date | None, end: datetime.date | None) -> bool:
        return (self.end is None or start is None or start <= self.end) and (
            self.start is None or end is None or end >= self.start
        )

    @property
    def label(self) -> str:
        if self.start and self.end:
            return f"du {self.start:%d/%m/%Y} au {self.end:%d/%m/%Y}"
        if self.start:
            return f"depuis le {self.start:%d/%m/%Y}"
        if self.end:
            return f"jusqu'au {self.end:%d/%m/%Y}"
        return "depuis le début des enregistrements"


@dataclass(frozen=True)
class BreakdownRow:
    """One line under a figure: a contract type and its hires, the 80th percentile of a delay..."""

    code: str
    label: str
    value: int | float | None
    unit: str = ""


class Dimension(models.TextChoices):
    """What a figure can be broken down by (the review's breakdowns, the roll-up's hierarchy)."""

    MISSION_LOCALE = "mission_locale", "Mission Locale"
    DEPARTMENT = "department", "Département"
    REGION = "region", "Région"
    PARTNER = "partner", "Structure partenaire"
    CONTRACT_TYPE = "contract_type", "Type de contrat"
    OPPORTUNITY_KIND = "opportunity_kind", "Type d'opportunité"
    PRIORITY_PUBLIC = "priority_public", "Public prioritaire"
    AUDIENCE = "audience", "Public"
    KIND = "kind", "Type"


@dataclass(frozen=True)
class Breakdown:
    """A figure split along one dimension: its rows, keyed by the code of each member (an id, a code)."""

    dimension: str
    rows: tuple[BreakdownRow, ...]

    @property
    def label(self) -> str:
        return Dimension(self.dimension).label


@dataclass(frozen=True)
class IndicatorValue:
    """A figure computed for a convention over a period. `counts_people`: the value counts young people (an
    aggregate, never a list of them); otherwise it counts candidacies, opportunities, days or a share."""

    code: str
    label: str
    value: int | float | None
    unit: str
    counts_people: bool
    breakdown: tuple[BreakdownRow, ...] = ()
    note: str = ""
    # Further splits of the same value (by Mission Locale, department, priority public...), for the review and the
    # roll-up; `breakdown` above stays the one the convention page shows under the figure.
    breakdowns: tuple[Breakdown, ...] = ()

    def to_dict(self) -> dict:
        """Plain JSON data, the form a review's snapshot stores (``from_dict`` reads it back)."""
        return {
            "code": self.code,
            "label": self.label,
            "value": self.value,
            "unit": self.unit,
            "counts_people": self.counts_people,
            "note": self.note,
            "breakdown": [_row_dict(row) for row in self.breakdown],
            "breakdowns": [
                {"dimension": b.dimension, "rows": [_row_dict(row) for row in b.rows]}
                for b in self.breakdowns
            ],
        }

    @classmethod
    def from_dict(cls, data: dict) -> IndicatorValue:
        return cls(
            code=data["code"],
            label=data["label"],
            value=data["value"],
            unit=data["unit"],
            counts_people=data["counts_people"],
            note=data.get("note", ""),
            breakdown=tuple(BreakdownRow(**row) for row in data.get("breakdown", ())),
            breakdowns=tuple(
                Breakdown(b["dimension"], tuple(BreakdownRow(**row) for row in b["rows"]))
                for b in data.get("breakdowns", ())
            ),
        )

    def breakdown_by(self, dimension: str) -> Breakdown | None:
        return next((b for b in self.breakdowns if b.dimension == dimension), None)

    @property
    def is_empty(self) -> bool:
        """Nothing recorded: no value and nothing under it (a delay of 0 days over 2 positionings is data)."""
        return not self.value and not any(row.value for row in self.breakdown)


def _row_dict(row: BreakdownRow) -> dict:
    return {"code": row.code, "label": row.label, "value": row.value, "unit": row.unit}


@dataclass(frozen=True)
class IndicatorSection:
    """The figures a page shows under one heading, in registration order."""

    title: str
    values: tuple[IndicatorValue, ...]

    @property
    def has_data(self) -> bool:
        return any(not value.is_empty for value in self.values)


@dataclass(frozen=True)
class Action:
    """A button another app adds to a page: a French label and the address it leads to."""

    label: str
    url: str


# ---- figures keyed by indicator code -----------------------------------------------------------------------

IndicatorFunction = Callable[[object, Period, object], IndicatorValue]

# Bumped whenever a computation, a unit or a breakdown of the registry changes: a review's frozen snapshot keeps
# the version it was computed with (relais/reviews), so that figures of different versions are never compared
# silently.
REGISTRY_VERSION = "2026.12.1"


@dataclass(frozen=True)
class IndicatorProvider:
    """One entry of the registry: the computation of an indicator code and what it declares about its figure.

    `label`, `unit` and `counts_people` are what every value of the code carries (checked at each computation);
    `dimensions` the breakdowns every value fills (one ``Breakdown`` per dimension, in this order); `additive`
    those of them whose rows add up to the value (each thing counted falls in exactly one row), the ones a
    roll-up may use as totals. A share, a median or the priority publics (a person may be in several) never add
    up."""

    code: str
    section: str  # French heading the pages group the figure under
    order: int
    compute: IndicatorFunction
    label: str = ""
    unit: str = ""
    counts_people: bool | None = None
    dimensions: tuple[str, ...] = ()
    additive: tuple[str, ...] = ()

    @property
    def dimension_labels(self) -> tuple[str, ...]:
        return tuple(Dimension(d).label for d in self.dimensions)


INDICATORS: dict[str, IndicatorProvider] = {}
# Units of figures that are not counts: their breakdown rows never add up to the figure.
NON_ADDITIVE_UNITS = frozenset({"%", "jour"})


def _same_function(a: Callable, b: Callable) -> bool:
    return (a.__module__, a.__qualname__) == (b.__module__, b.__qualname__)


def indicator(
    code: str,
    *,
    section: str,
    order: int = 100,
    label: str = "",
    unit: str = "",
    counts_people: bool | None = None,
    dimensions=(),
    additive=None,
):
    """Decorator: register the computation of indicator `code` (one provider per code), with its French label,
    its unit, whether it counts young people (masked in roll-ups) and the dimensions it is broken down by.
    `additive` defaults to every dimension but the priority publics, none for a share or a number of days."""
    dimensions = tuple(Dimension(d).value for d in dimensions)
    if additive is None:
        additive = (
            ()
            if unit in NON_ADDITIVE_UNITS
            else tuple(d for d in dimensions if d != Dimension.PRIORITY_PUBLIC)
        )
    additive = tuple(Dimension(d).value for d in additive)
    if set(additive) - set(dimensions):
        raise ImproperlyConfigured(f"Indicator {code!r}: additive dimensions must be among its dimensions.")

    def decorator(function: IndicatorFunction) -> IndicatorFunction:
        existing = INDICATORS.get(str(code))
        if existing is not None and not _same_function(existing.compute, function):
            raise ImproperlyConfigured(
                f"Indicator {code!r} is computed by {existing.compute.__module__}.{existing.compute.__qualname__} "
                f"already; {function.__module__}.{function.__qualname__} cannot compute it too."
            )
        INDICATORS[str(code)] = IndicatorProvider(
            str(code), section, order, function, label, unit, counts_people, dimensions, additive
        )
        return function

    return decorator


def registry() -> list[IndicatorProvider]:
    """Every registered indicator, in the order the pages show them."""
    return _ordered()


def provider_of(code: str) -> IndicatorProvider | None:
    return INDICATORS.get(str(code))


def _ordered(codes=None) -> list[IndicatorProvider]:
    providers = sorted(INDICATORS.values(), key=lambda p: (p.order, p.code))
    if codes is None:
        return providers
    wanted = {str(code) for code in codes}
    return [p for p in providers if p.code in wanted]


def _call(provider: IndicatorProvider, convention, period: Period, scope) -> IndicatorValue:
    value = provider.compute(convention, period, scope)
    if not isinstance(value, IndicatorValue) or value.code != provider.code:
        raise TypeError(
            f"The provider of indicator {provider.code!r} must return an IndicatorValue of that code, "
            f"not {value!r}."
        )
    _check_declared(provider, value)
    return value


def _check_declared(provider: IndicatorProvider, value: IndicatorValue) -> None:
    """A value says what its registration declares: same unit, same kind of count, one breakdown per dimension."""
    if provider.unit and value.unit != provider.unit:
        raise TypeError(f"Indicator {provider.code!r} is declared in {provider.unit!r}, not {value.unit!r}.")
    if provider.counts_people is not None and value.counts_people != provider.counts_people:
        raise TypeError(f"Indicator {provider.code!r} declares counts_people={provider.counts_people}.")
    given = tuple(b.dimension for b in value.breakdowns)
    if provider.dimensions and given != provider.dimensions and _detail.get():
        raise TypeError(
            f"Indicator {provider.code!r} declares the breakdowns {provider.dimensions}, its value gives {given}."
        )


def compute_indicator(code: str, *, convention, period: Period, scope) -> IndicatorValue:
    provider = INDICATORS.get(str(code))
    if provider is None:
        raise KeyError(f"No provider computes indicator {code!r}.")
    return _call(provider, convention, period, scope)


def compute_indicators(
    *, convention, period: Period, scope, codes=None, breakdowns=True
) -> list[IndicatorValue]:
    """Every registered figure (or those of `codes`), sharing their common reads (see `shared`). Without
    `breakdowns` (the convention page shows only each figure's own `breakdown`), the dimension splits and their
    reads are skipped."""
    token, detail = _memo.set({}), _detail.set(breakdowns)
    try:
        return [_call(p, convention, period, scope) for p in _ordered(codes)]
    finally:
        _memo.reset(token)
        _detail.reset(detail)


def compute_sections(
    *, convention, period: Period, scope, codes=None, breakdowns=True
) -> list[IndicatorSection]:
    values = compute_indicators(
        convention=convention, period=period, scope=scope, codes=codes, breakdowns=breakdowns
    )
    grouped: dict[str, list[IndicatorValue]] = {}
    for value in values:
        grouped.setdefault(INDICATORS[value.code].section, []).append(value)
    return [IndicatorSection(title, tuple(items)) for title, items in grouped.items()]


# Within one compute_indicators() call, providers that need the same read (the conventions below a charter, the
# positioning counts every figure of the pipeline comes from) do it once; outside one, `shared` just computes.
_memo: ContextVar[dict | None] = ContextVar("relais_provider_memo", default=None)


_detail: ContextVar[bool] = ContextVar("relais_provider_detail", default=True)


def wants_breakdowns() -> bool:
    return _detail.get()


def detailed(build: Callable[[], tuple]) -> tuple:
    """A provider's `breakdowns`, built only when the evaluation asks for them."""
    return tuple(build()) if _detail.get() else ()


def shared(key: Hashable, compute: Callable[[], object]):
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


# ---- named lists of typed callables ------------------------------------------------------------------------


class ExtensionPoint:
    """A named list of callables other apps fill with ``@POINT.register``; `returns` is the type each gives
    (None for a hook that only acts), checked so that no provider slips HTML or a loose dict in."""

    def __init__(self, name: str, *, returns: type | None = None):
        self.name = name
        self.returns = returns
        self._providers: list[Callable] = []

    def register(self, function: Callable) -> Callable:
        if function not in self._providers:
            self._providers.append(function)
        return function

    def __iter__(self) -> Iterator[Callable]:
        return iter(tuple(self._providers))

    def __len__(self) -> int:
        return len(self._providers)

    def collect(self, *args) -> list:
        """What every provider gives for these arguments, the None answers left out."""
        results = []
        for provider in self:
            result = provider(*args)
            if result is None:
                continue
            if self.returns is not None and not isinstance(result, self.returns):
                raise TypeError(
                    f"{provider.__module__}.{provider.__qualname__} gave {result!r} to {self.name}; "
                    f"expected {self.returns.__name__} or None."
                )
            results.append(result)
        return results

    def run(self, *args) -> None:
        for provider in self:
            provider(*args)


def autodiscover() -> None:
    """Import every installed app's `providers`, `menu` and `notifications` modules, where they register."""
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("providers", "menu", "notifications")
