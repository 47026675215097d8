"""The load run: gunicorn (the locked version) with 4 workers serving the bench URLconf on 127.0.0.1, and 16
concurrent logged-in clients (threads with http.client, each with a session cookie) on each key page in turn for
a bounded time; p50, p95 and throughput of each page against the bare layout page."""

import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from django.conf import settings
from django.test import Client

from relais.bench.floors import BARE_LAYOUT_URL, BARE_VIEW_URL

WORKERS = 4
CLIENTS = 16
MAX_REQUESTS_PER_PAGE = 50_000  # a bound on top of the time bound


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def load_pages(data) -> list[tuple[str, str, object]]:
    from django.urls import reverse

    return [
        ("floor_bare_view", BARE_VIEW_URL, data.cre),
        ("floor_bare_layout", BARE_LAYOUT_URL, data.cre),
        ("cre_opportunities", reverse("opportunities:list") + "?vue=recues", data.cre),
        ("coordinator_opportunities", reverse("opportunities:list") + "?vue=reseau", data.coordinator),
        ("convention_charter_page", reverse("conventions:detail", args=[data.charter.pk]), data.coordinator),
        ("referent_page", reverse("positionings:referent"), data.cre),
        ("partner_candidates", reverse("positionings:received"), data.recruiter),
        ("youth_list", reverse("youths:list"), data.counsellor),
        ("home_cre", reverse("core:home"), data.cre),
    ]


def _hammer(port, url, cookie, deadline, latencies, errors, budget):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Cookie": cookie, "Host": "127.0.0.1"}
    while time.monotonic() < deadline:
        with budget["lock"]:
            if budget["left"] <= 0:
                break
            budget["left"] -= 1
        started = time.perf_counter()
        try:
            connection.request("GET", url, headers=headers)
            response = connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            status = 0
        elapsed = (time.perf_counter() - started) * 1000
        if status == 200:
            latencies.append(elapsed)
        else:
            errors.append(status)
    connection.close()


def _wait_until_up(port, process, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn s'est arrêté au démarrage")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn n'a pas répondu à temps")


def run_load(data, *, seconds: float = 10.0) -> list[dict]:
    from django.db import connection

    if connection.vendor != "postgresql":
        print(
            "Mesure en charge : sur PostgreSQL seulement (DATABASE_URL) ; SQLite n'est pas mesuré en charge."
        )
        return []
    port = _free_port()
    environment = dict(os.environ, DJANGO_SETTINGS_MODULE="relais.bench.settings")
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [
            str(gunicorn),
            "relais.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(WORKERS),
            "--timeout",
            "30",
            "--log-level",
            "warning",
        ],
        env=environment,
        cwd=str(Path(settings.BASE_DIR)),
    )
    results = []
    try:
        _wait_until_up(port, process)
        for key, url, user in load_pages(data):
            cookie = _session_cookie(user)
            latencies, errors = [], []
            _hammer(port, url, cookie, time.monotonic() + 2, [], [], {"left": 50, "lock": threading.Lock()})
            budget = {"left": MAX_REQUESTS_PER_PAGE, "lock": threading.Lock()}
            started = time.monotonic()
            deadline = started + seconds
            threads = [
                threading.Thread(
                    target=_hammer, args=(port, url, cookie, deadline, latencies, errors, budget)
                )
                for _ in range(CLIENTS)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            wall = time.monotonic() - started
            ordered = sorted(latencies)
            results.append(
                {
                    "name": key,
                    "requests": len(latencies),
                    "errors": len(errors),
                    "p50_ms": round(statistics.median(ordered), 1) if ordered else None,
                    "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))], 1) if ordered else None,
                    "throughput_rps": round(len(latencies) / wall, 1),
                }
            )
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
    floor = next((r["throughput_rps"] for r in results if r["name"] == "floor_bare_layout"), None)
    for result in results:
        result["throughput_vs_layout"] = round(result["throughput_rps"] / floor, 2) if floor else None
    return results


def render_load(results: list[dict]) -> str:
    import io

    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Charge : gunicorn {WORKERS} workers, {CLIENTS} clients connectés, PostgreSQL")
    for column in (
        "Page",
        "Requêtes",
        "Erreurs",
        "p50 (ms)",
        "p95 (ms)",
        "Débit (req/s)",
        "Débit / page nue",
    ):
        table.add_column(column, justify="left" if column == "Page" else "right")
    for r in results:
        table.add_row(
            r["name"],
            str(r["requests"]),
            str(r["errors"]),
            str(r["p50_ms"]),
            str(r["p95_ms"]),
            str(r["throughput_rps"]),
            str(r["throughput_vs_layout"]),
        )
    buffer = io.StringIO()
    Console(file=buffer, width=150, no_color=True).print(table)
    return buffer.getvalue().rstrip("\n")
