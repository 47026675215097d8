"""The directory searches: a crafted query is cut to the longest search kept, and the page says so."""

import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.core.test_search import NOTICE

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "query", "found"),
    [
        ("/reseau/missions-locales/", "Mission Locale de Lyon", "Mission Locale de Lyon"),
        ("/reseau/partenaires/", "GEIQ BTP", "GEIQ BTP Rhône"),
    ],
)
def test_a_huge_directory_search_answers_with_the_notice(client, personas, path, query, found):
    client.force_login(personas.cre_a)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, {"q": query + " " + "x" * 100_000})
    assert response.status_code == 200
    assert NOTICE in html.unescape(response.content.decode())
    assert max(len(q["sql"]) for q in queries.captured_queries) < 5_000
    short = client.get(path, {"q": query})
    assert found in [org.name for org in short.context["page_obj"]]
    assert "trop longue" not in short.content.decode()
