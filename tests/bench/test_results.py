"""The floors are served by the benchmark's URLconf only, and results.json has its schema."""

import datetime
import json

import pytest
from django.test import Client, override_settings
from django.urls import NoReverseMatch, reverse

from relais.bench import measures
from relais.bench.floors import BARE_LAYOUT_URL, BARE_VIEW_URL
from relais.bench.generate import generate
from relais.bench.runner import FIELDS, run_pages, run_timed, write_results

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def test_the_floors_are_no_route_of_the_site(client):
    with pytest.raises(NoReverseMatch):
        reverse("bench_bare_layout")
    assert client.get(BARE_LAYOUT_URL).status_code in (302, 404)


@override_settings(ROOT_URLCONF="relais.bench.urls")
def test_the_floors_answer_behind_the_login(personas):
    cre_user = personas.cre_a
    anonymous = Client()
    assert anonymous.get(BARE_VIEW_URL).status_code == 302  # the same login as every page
    client = Client()
    client.force_login(cre_user)
    assert client.get(BARE_VIEW_URL).content == b"ok"
    page = client.get(BARE_LAYOUT_URL)
    assert page.status_code == 200
    assert b"<nav" in page.content  # the site's layout and its menu


@override_settings(ROOT_URLCONF="relais.bench.urls")
def test_results_json_has_one_object_per_measure_with_the_schema(tmp_path):
    data = generate(scale=0.0002, seed=3, now=NOW)
    results = run_pages(data, repeat=2, warmup=0, scale=0.0002, database="sqlite")
    results.append(run_timed(measures.convention_counts(data), repeat=2, scale=0.0002, database="sqlite"))
    path = tmp_path / "bench" / "results.json"
    write_results(results, path, meta={"scale": 0.0002})
    summary = json.loads(path.read_text())
    assert all(list(row) == FIELDS for row in summary)
    by_name = {row["name"]: row for row in summary}
    layout = by_name["floor_bare_layout"]
    assert layout["kind"] == "page" and layout["ratio"] == 1.0 and layout["queries"] > 0
    assert by_name["floor_bare_view"]["median_ms"] > 0
    failed = [r.note for r in results if r.median_ms is None]
    assert not failed, failed
    counts = by_name["convention_counts"]
    assert counts["kind"] == "aggregate" and counts["floor_ms"] > 0 and counts["ratio"] > 0
    assert {row["kind"] for row in summary} <= {"page", "aggregate", "import", "job"}
