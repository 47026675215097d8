"""Delays between the steps of the pipeline, computed in the database from the positionings' milestone columns.

Each positioning keeps the dates of its milestones (models.Positioning: first proposal, transmission, first
answer, and the closing of an entry). The count, mean, median and 80th percentile of each delay come from one
query whatever the number of positionings: window functions rank the delays and only the few ranks the
statistics need come back (the same values as `statistics.median` and `statistics.quantiles(n=5,
method="inclusive")` over the whole list).
"""

from dataclasses import dataclass

from django.db import connections
from django.db.models import Case, DateField, F, FloatField, Func, Q, QuerySet, When
from django.db.models.functions import Coalesce, TruncDate

from relais.positionings.enums import ENTRY_STATUSES


@dataclass(frozen=True)
class DelayStats:
    count: int
    median_days: float | None
    mean_days: float | None
    # Four positionings out of five went through the step in at most this many days.
    p80_days: float | None = None


@dataclass(frozen=True)
class Delays:
    """The steps of the pipeline one after the other, and the whole wait the national convention asks to cut.

    Shown through the delay indicators of relais/positionings/providers.py.
    """

    proposal_to_transmission: DelayStats
    transmission_to_answer: DelayStats
    answer_to_entry: DelayStats
    proposal_to_entry: DelayStats


class DaysBetween(Func):
    """`later - earlier` in days, as a float, computed by the database itself (no per-row Python function).

    PostgreSQL: the interval's exact seconds; SQLite: the julian days, which it keeps to the millisecond.
    """

    output_field = FloatField()

    def __init__(self, later, earlier, *, dates: bool = False):
        self.dates = dates
        super().__init__(later, earlier)

    def as_sql(self, compiler, connection, **extra):
        later, later_params = compiler.compile(self.source_expressions[0])
        earlier, earlier_params = compiler.compile(self.source_expressions[1])
        if connection.vendor == "postgresql":
            # date - date is a number of days; timestamp - timestamp an interval.
            template = (
                "(({l}) - ({e}))::float8"
                if self.dates
                else "EXTRACT(EPOCH FROM ({l}) - ({e}))::float8 / 86400"
            )
        else:
            template = "ROUND((julianday({l}) - julianday({e})) * 86400000) / 86400000.0"
        return template.format(l=later, e=earlier), (*later_params, *earlier_params)


def delay_expressions() -> dict:
    """The four delays of one positioning in days, NULL where a step is missing (the row's own columns)."""
    # Rows written in bulk before the column existed (or without it) count from their proposal date.
    proposed = Coalesce(F("first_proposed_at"), F("proposed_at"))
    # The day the young person actually entered: the recorded start or training date, else the closing day;
    # local days are computed only for the positionings that entered.
    entered = Q(status__in=sorted(ENTRY_STATUSES), closed_at__isnull=False)
    entry = Coalesce(
        F("start_date"), F("training_entry_date"), TruncDate("closed_at"), output_field=DateField()
    )

    def from_entry(day):
        return Case(When(entered, then=DaysBetween(entry, day, dates=True)), output_field=FloatField())

    return {
        "proposal_to_transmission": DaysBetween(F("transmitted_at"), proposed),
        "transmission_to_answer": DaysBetween(F("answered_at"), F("transmitted_at")),
        "answer_to_entry": from_entry(TruncDate("answered_at")),
        "proposal_to_entry": from_entry(TruncDate(proposed)),
    }


# The ranks (from 1) of the values the statistics read: the two middle ones, and the two around 80 %.
_RANKED = """
SELECT '{name}' AS delay, v, rn, n, mean FROM (
    SELECT {column} AS v, ROW_NUMBER() OVER (ORDER BY {column}) AS rn, COUNT(*) OVER () AS n,
           AVG({column}) OVER () AS mean
    FROM base WHERE {column} IS NOT NULL
) ranked
WHERE rn IN ((n - 1) / 2 + 1, n / 2 + 1, 4 * (n - 1) / 5 + 1, 4 * (n - 1) / 5 + 2)"""


def _days(value) -> float:
    return float(value)


def _stats(rows: list[tuple]) -> DelayStats:
    if not rows:
        return DelayStats(0, None, None)
    n, mean = rows[0][2], _days(rows[0][3])
    at = {rank: _days(value) for value, rank, _, _ in rows}
    median = (at[(n - 1) // 2 + 1] + at[n // 2 + 1]) / 2
    if n > 1:
        # statistics.quantiles(method="inclusive"), 4th cut of 5: interpolated between two ranked values.
        j, delta = divmod(4 * (n - 1), 5)
        p80 = (at[j + 1] * (5 - delta) + at[j + 2] * delta) / 5
    else:
        p80 = median
    return DelayStats(n, round(median, 1), round(mean, 1), round(p80, 1))


def positioning_delays(qs: QuerySet) -> Delays:
    """Delays in days between the steps of the pipeline (proposition → transmission → réponse → entrée).

    Pass any scoped queryset of positionings (a convention's, a Mission Locale's, a partner's); one query,
    returning at most 16 rows.
    """
    expressions = delay_expressions()
    names = list(expressions)
    base = qs.order_by().annotate(**expressions).values(*names)
    if base.query.is_empty():
        empty = DelayStats(0, None, None)
        return Delays(*(empty for _ in names))
    connection = connections[qs.db]
    base_sql, base_params = base.query.sql_with_params()
    quote = connection.ops.quote_name
    parts = [_RANKED.format(name=name, column=quote(name)) for name in names]
    # Materialised once, read four times (both databases accept the hint).
    sql = f"WITH base AS MATERIALIZED ({base_sql}) " + " UNION ALL ".join(parts)
    rows: dict[str, list] = {name: [] for name in names}
    with connection.cursor() as cursor:
        cursor.execute(sql, base_params)
        for name, value, rank, count, mean in cursor.fetchall():
            rows[name].append((value, rank, count, mean))
    return Delays(**{name: _stats(rows[name]) for name in names})
