"""Run the measurements: pages interleaved round-robin with the two floors, then the aggregate, the import and
the jobs; render the table (rich) and write `var/bench/results.json`.

Server time is the time of the request through the Django test client in this process (middleware, session,
view, template), the network aside. Every page is fetched once per round, in the same order, so that a slow
moment of the machine weighs on all of them alike and the ratio to the bare layout page stays fair.
"""

import json
import statistics
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from django.db import connection
from django.test import Client
from django.test.utils import (
    _TestState,
    setup_test_environment,
    teardown_test_environment,
)

from relais.bench import measures
from relais.bench.floors import BARE_LAYOUT_URL, BARE_VIEW_URL
from relais.bench.registry import MEASUREMENTS, PageRequest, discover

FIELDS = ["name", "kind", "scale", "database", "median_ms", "p95_ms", "queries", "floor_ms", "ratio"]
BARE_VIEW, BARE_LAYOUT = "floor_bare_view", "floor_bare_layout"
# A page whose warm-up took longer than this is timed on SLOW_PAGE_ROUNDS rounds only, so that a run stays bounded.
SLOW_PAGE_S = 10.0
SLOW_PAGE_ROUNDS = 3


@dataclass
class Result:
    name: str
    label: str
    kind: str
    scale: float
    database: str
    median_ms: float | None = None
    p95_ms: float | None = None
    queries: int | None = None
    floor_ms: float | None = None
    ratio: float | None = None
    rows: str = ""
    note: str = ""

    def summary(self) -> dict:
        return {key: getattr(self, key) for key in FIELDS}


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18] if len(values) > 1 else values[0]


def _page_call(request: PageRequest):
    client = Client()
    client.force_login(request.user)

    def call():
        response = client.get(request.url)
        if response.status_code != 200:
            raise RuntimeError(f"HTTP {response.status_code} sur {request.url}")
        return response

    return call


def _count(call) -> tuple[int, object]:
    # Counted on one more call with the test instrumentation on (the template context gives the row count)
    # only then, so that it weighs on no timed call.
    already = hasattr(_TestState, "saved_data")  # under the test runner, already instrumented
    if not already:
        setup_test_environment()
    executed = [0]

    def counter(execute, sql, params, many, context):
        executed[0] += 1  # an executemany counts once, as one statement sent
        return execute(sql, params, many, context)

    try:
        with connection.execute_wrapper(counter):
            outcome = call()
    finally:
        if not already:
            teardown_test_environment()
    return executed[0], outcome


def _rows_of(outcome) -> str:
    context = getattr(outcome, "context", None)
    page = context.get("page_obj") if context is not None and hasattr(context, "get") else None
    if page is not None:
        return str(page.paginator.count)
    if isinstance(outcome, list | tuple):
        return str(len(outcome))
    return ""


def selected(key: str, only: list[str]) -> bool:
    """`--only a,b`: the measures whose key contains one of the texts (every measure without it)."""
    return not only or any(part in key for part in only)


def page_targets(data, only: list[str] = ()) -> list[tuple[str, str, object]]:
    """(key, label, call) of the floors and of every registered measurement that could be built."""
    discover()
    floor_user = data.cre
    targets = [
        (
            BARE_VIEW,
            "Plancher : vue nue (HttpResponse, même middleware et connexion)",
            _page_call(PageRequest(floor_user, BARE_VIEW_URL)),
        ),
        (
            BARE_LAYOUT,
            "Plancher : page nue (gabarit du site et son menu, sans données)",
            _page_call(PageRequest(floor_user, BARE_LAYOUT_URL)),
        ),
    ]
    failed = []
    for m in MEASUREMENTS.values():
        if not selected(m.key, only):
            continue
        if m.build is None:
            failed.append((m.key, m.label, "pas encore écrit"))
            continue
        try:
            target = m.build(data)
        except Exception as error:  # a broken measurement must not hide the others
            failed.append((m.key, m.label, f"erreur : {type(error).__name__}: {error}"[:160]))
            continue
        targets.append((m.key, m.label, _page_call(target) if isinstance(target, PageRequest) else target))
    return targets, failed


def run_pages(
    data, *, repeat: int, warmup: int, scale: float, database: str, only: list[str] = ()
) -> list[Result]:
    targets, failed = page_targets(data, only)
    results = {key: Result(key, label, "page", scale, database) for key, label, _ in targets}
    timings: dict[str, list[float]] = {key: [] for key, _, _ in targets}
    live = {key: call for key, _, call in targets}
    slow: set[str] = set()
    for _ in range(warmup):
        for key, call in list(live.items()):
            started = time.perf_counter()
            try:
                call()
            except Exception as error:
                results[key].note = f"erreur : {type(error).__name__}: {error}"[:160]
                del live[key]
                continue
            if time.perf_counter() - started > SLOW_PAGE_S:
                slow.add(key)
    for round_number in range(repeat):  # round-robin: one request of every page per round
        for key, call in list(live.items()):
            if key in slow and round_number >= SLOW_PAGE_ROUNDS:
                continue  # a page slower than SLOW_PAGE_S is measured on fewer rounds (said in its note)
            started = time.perf_counter()
            try:
                call()
            except Exception as error:
                results[key].note = f"erreur : {type(error).__name__}: {error}"[:160]
                del live[key]
                continue
            timings[key].append((time.perf_counter() - started) * 1000)
    for key, call in live.items():
        result = results[key]
        result.queries, outcome = _count(call)
        result.rows = _rows_of(outcome)
        result.median_ms = round(statistics.median(timings[key]), 2)
        result.p95_ms = round(p95(timings[key]), 2)
        if key in slow:
            result.note = f"plus de {SLOW_PAGE_S:g} s : {len(timings[key])} requêtes mesurées"
    floor = results[BARE_LAYOUT].median_ms
    for result in results.values():
        if result.median_ms is not None and floor:
            result.floor_ms = floor
            result.ratio = round(result.median_ms / floor, 2)
    ordered = list(results.values())
    ordered += [Result(key, label, "page", scale, database, note=note) for key, label, note in failed]
    return ordered


def run_timed(timed: measures.Timed, *, repeat: int, scale: float, database: str) -> Result:
    result = Result(timed.key, timed.label, timed.kind, scale, database)
    count = timed.repeat or repeat
    try:
        times, floors = [], []
        if count > 1:
            timed.run()  # warm-up
            result.queries, outcome = _count(timed.run)
        for index in range(count):  # interleaved with its floor
            if count == 1:  # a slow measure runs once, its queries counted on that run
                started = time.perf_counter()
                result.queries, outcome = _count(timed.run)
                times.append((time.perf_counter() - started) * 1000)
            else:
                elapsed, outcome = measures.time_once(timed.run)
                times.append(elapsed)
            if timed.floor is not None:
                elapsed, floor_outcome = measures.time_once(timed.floor)
                floors.append(elapsed)
                if timed.check is not None and index == 0:
                    timed.check(outcome, floor_outcome)
        result.median_ms = round(statistics.median(times), 2)
        result.p95_ms = round(p95(times), 2)
        if floors:
            result.floor_ms = round(statistics.median(floors), 2)
            result.ratio = round(result.median_ms / result.floor_ms, 2) if result.floor_ms else None
        result.rows = str(outcome) if isinstance(outcome, int) else ""
        if timed.check is not None:
            result.note = "mêmes nombres que le SQL écrit à la main"
        elif count == 1:
            result.note = "une seule exécution"
    except Exception as error:
        result.note = f"erreur : {type(error).__name__}: {error}"[:200]
    return result


def run_all(
    data,
    *,
    repeat: int = 15,
    warmup: int = 2,
    scale: float,
    skip_import: bool = False,
    only: list[str] = (),
) -> list[Result]:
    database = connection.vendor
    print(f"Pages : {repeat} tours entrelacés…", flush=True)
    results = run_pages(data, repeat=repeat, warmup=warmup, scale=scale, database=database, only=only)
    timed = [measures.convention_counts(data)]
    if not skip_import:
        timed.append(measures.youth_import(data))
    timed += measures.jobs()
    for item in timed:
        if not selected(item.key, only):
            continue
        print(f"Mesure : {item.label}…", flush=True)
        results.append(run_timed(item, repeat=min(repeat, 7), scale=scale, database=database))
    return results


def write_results(results: list[Result], path: Path, *, meta: dict) -> None:
    """`results.json`: a list with one object per measure (exactly FIELDS); `run.json` beside it: the run's
    context (generation time, database size, counts, machine)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps([r.summary() for r in results], indent=2, ensure_ascii=False) + "\n"
    path.write_text(text)
    # A copy per database and scale, so that the runs on both databases can be compared side by side.
    path.with_name(f"results-{meta.get('database', 'db')}-{meta.get('scale', '')}.json").write_text(text)
    path.with_name("run.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False, default=str) + "\n")


def render(results: list[Result], *, title: str) -> str:
    import io

    from rich.console import Console
    from rich.table import Table

    table = Table(title=title)
    for column, justify in (
        ("Mesure", "left"),
        ("Type", "left"),
        ("Médiane (ms)", "right"),
        ("p95 (ms)", "right"),
        ("Requêtes", "right"),
        ("Plancher (ms)", "right"),
        ("Ratio", "right"),
        ("Lignes", "right"),
        ("Note", "left"),
    ):
        table.add_column(column, justify=justify)

    def number(value, digits=1):
        return "—" if value is None else f"{value:.{digits}f}"

    for r in results:
        table.add_row(
            r.label,
            r.kind,
            number(r.median_ms),
            number(r.p95_ms),
            "—" if r.queries is None else str(r.queries),
            number(r.floor_ms),
            number(r.ratio, 2),
            r.rows,
            r.note,
        )
    buffer = io.StringIO()
    Console(file=buffer, width=190, no_color=True).print(table)
    return buffer.getvalue().rstrip("\n")


__all__ = ["Result", "asdict", "render", "run_all", "write_results"]
