"""Run the registered measurements and render the table (median server time and SQL queries)."""

import statistics
import time
from dataclasses import dataclass

from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment, teardown_test_environment

from relais.bench.registry import MEASUREMENTS, PageRequest, discover


@dataclass
class Result:
    key: str
    label: str
    target_ms: float | None
    median_ms: float | None = None
    max_ms: float | None = None
    queries: int | None = None
    rows: str = ""
    note: str = ""

    @property
    def verdict(self) -> str:
        if self.median_ms is None:
            return "—"
        if self.target_ms is None:
            return ""
        return "OK" if self.median_ms <= self.target_ms else "DÉPASSÉ"


def run_all(data, *, repeat: int = 15, warmup: int = 2) -> list[Result]:
    discover()
    results = []
    for measurement in MEASUREMENTS.values():
        result = Result(measurement.key, measurement.label, measurement.target_ms)
        if measurement.build is None:
            result.note = "pas encore écrit"
        else:
            try:
                _measure(measurement.build(data), result, repeat=repeat, warmup=warmup)
            except Exception as error:  # a broken measurement must not hide the others
                result.note = f"erreur : {type(error).__name__}: {error}"[:120]
        results.append(result)
    return results


def _measure(target, result: Result, *, repeat: int, warmup: int) -> None:
    if isinstance(target, PageRequest):
        client = Client()
        client.force_login(target.user)

        def call():
            response = client.get(target.url)
            if response.status_code != 200:
                raise RuntimeError(f"HTTP {response.status_code} sur {target.url}")
            return response
    else:
        call = target
    for _ in range(warmup):
        call()
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        timings.append((time.perf_counter() - started) * 1000)
    # Counted on one more call, with the test instrumentation on (template context for the row count) only
    # then, so that it weighs on no timed call.
    setup_test_environment()
    try:
        reset_queries()  # a full query log (9,000 entries) would make the capture below count nothing
        with CaptureQueriesContext(connection) as queries:
            outcome = call()
    finally:
        teardown_test_environment()
    result.median_ms = statistics.median(timings)
    result.max_ms = max(timings)
    result.queries = len(queries)
    context = getattr(outcome, "context", None)
    page = context.get("page_obj") if context is not None and hasattr(context, "get") else None
    if page is not None:
        result.rows = str(page.paginator.count)
    elif isinstance(outcome, list | tuple):
        result.rows = str(len(outcome))


def render(results: list[Result], *, title: str) -> str:
    import io

    from rich.console import Console
    from rich.table import Table

    table = Table(title=title)
    for column, justify in (
        ("Mesure", "left"),
        ("Médiane (ms)", "right"),
        ("Max (ms)", "right"),
        ("Cible (ms)", "right"),
        ("Requêtes SQL", "right"),
        ("Lignes", "right"),
        ("Verdict", "left"),
        ("Note", "left"),
    ):
        table.add_column(column, justify=justify)
    for r in results:
        table.add_row(
            r.label,
            f"{r.median_ms:.1f}" if r.median_ms is not None else "—",
            f"{r.max_ms:.1f}" if r.max_ms is not None else "—",
            f"{r.target_ms:.0f}" if r.target_ms is not None else "",
            str(r.queries) if r.queries is not None else "—",
            r.rows,
            r.verdict,
            r.note,
        )
    buffer = io.StringIO()
    Console(file=buffer, width=150, no_color=True).print(table)
    return buffer.getvalue().rstrip("\n")
