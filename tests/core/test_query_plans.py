"""The key pages' queries read the large tables through indexes (PostgreSQL's plans, at a size that tells).

Each page is requested on a network whose other Missions Locales and partners hold most of the rows
(tests/core/national.py); every query it ran goes through `EXPLAIN`, and a sequential scan of a large table
fails the test with the query and its plan. The planner's statistics are fresh (ANALYZE after the load);
nothing forces its hand. On SQLite, whose planner has no such cost model to read, the test is skipped.
"""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from relais.opportunities.models import Opportunity
from relais.youths.models import Youth
from tests.core import national

pytestmark = pytest.mark.django_db


def _nodes(plan: dict):
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)


def sequential_scans(sql: str) -> list[str]:
    """The large tables this query reads whole, according to the planner."""
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return sorted(
        {
            node["Relation Name"]
            for node in _nodes(plan[0]["Plan"])
            if node["Node Type"] == "Seq Scan" and node.get("Relation Name") in national.LARGE_TABLES
        }
    )


def _explain(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def key_pages(personas, charter):
    """(persona, address) of the pages that must stay flat in the size of the network."""
    n = personas.network
    offer = Opportunity.objects.filter(deliveries__mission_locale=n.ml_a, status="published").first()
    youth = Youth.objects.filter(mission_locale=n.ml_a).first()
    return [
        # Not the coordinator's network page (`?vue=reseau`): what it lists is the whole region's activity, an
        # OR of three reaches (publisher, deliveries, region) that PostgreSQL reads as a scan of the opportunities
        # filtered by index probes (EXISTS on the deliveries); its time is measured by the benchmark instead.
        (personas.cre_a, reverse("opportunities:list") + "?vue=recues"),
        (personas.cre_a, reverse("opportunities:list") + "?vue=recues&page=last"),
        (personas.arml_coordinator, reverse("conventions:detail", args=[charter.pk])),
        (personas.cre_a, reverse("positionings:referent")),
        (personas.geiq_recruiter, reverse("positionings:received")),
        (personas.counsellor_a, reverse("positionings:mine")),
        (personas.counsellor_a, reverse("positionings:for_opportunity", args=[offer.pk])),
        (personas.counsellor_a, reverse("positionings:for_youth", args=[youth.pk])),
    ]


def test_key_pages_scan_no_large_table(personas, rome, client):
    if connection.vendor != "postgresql":
        pytest.skip("Plans are checked on PostgreSQL (DATABASE_URL=postgres://…): SQLite has no cost model.")
    charter = national.build(personas, rome)
    failures = []
    for user, address in key_pages(personas, charter):
        client.force_login(user)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(address)
        if response.status_code != 200:
            failures.append(f"{address} — HTTP {response.status_code}")
        for query in captured.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            scanned = sequential_scans(sql)
            if scanned:
                failures.append(f"{address} — {', '.join(scanned)}\n{sql}\n{_explain(sql)}")
    assert not failures, "Sequential scans of large tables:\n\n" + "\n\n".join(failures)
