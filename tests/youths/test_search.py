"""The young people's list search: at most eight folded words on the stored folded column, with a notice."""

import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.core.sql import like_count
from tests.core.test_search import NOTICE

pytestmark = pytest.mark.django_db


def _get(client, query):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("youths:list"), {"q": query})
    assert response.status_code == 200
    return response.content.decode(), [q["sql"] for q in queries.captured_queries]


def test_a_two_thousand_word_search_runs_on_eight_words_and_says_so(client, personas, youth_a):
    client.force_login(personas.counsellor_a)
    # Eight words kept: "Léa", "Canari" and six "a", all contained in "lea canari"; the rest is left out.
    query = "Léa Canari " + " ".join(["a"] * 1998) + " introuvable"
    body, queries = _get(client, query)
    assert "CANARI Léa" in body
    assert NOTICE in html.unescape(body)
    # The form keeps what was typed.
    assert f'value="{html.escape(query)}"' in body or f'value="{query}"' in body
    _, short_queries = _get(client, "Léa Canari")
    assert len(queries) == len(short_queries)
    # One LIKE per kept word on the folded column, plus the I-Milo id (iexact is a LIKE on SQLite).
    column = '"youths_youth"."search_text"'
    searched = [sql for sql in queries if like_count(sql, column)]
    assert searched and all(like_count(sql, column) == 8 for sql in searched)
    assert all(sql.upper().count("LIKE") <= 9 for sql in searched)
    assert max(len(sql) for sql in queries) < 5_000


def test_a_short_search_shows_no_notice(client, personas, youth_a):
    client.force_login(personas.counsellor_a)
    body, _ = _get(client, "lea canari")
    assert "CANARI Léa" in body
    assert "trop longue" not in body


def test_a_huge_word_does_not_reach_the_database_whole(client, personas, youth_a):
    client.force_login(personas.counsellor_a)
    body, queries = _get(client, "canari" + "x" * 100_000)
    assert "CANARI Léa" not in body
    assert NOTICE in html.unescape(body)
    assert max(len(sql) for sql in queries) < 5_000
