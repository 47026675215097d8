"""The ROME title picker: a capped search still answers, with its notice inside the fragment."""

import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from relais.jobs.selectors import search_rome_titles
from tests.core.sql import like_count
from tests.core.test_search import NOTICE

pytestmark = pytest.mark.django_db


def test_a_two_thousand_word_search_answers_with_the_notice(client, personas, rome):
    client.force_login(personas.counsellor_a)
    query = "maçon " + " ".join(["ma"] * 1999)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("jobs:rome_search"), {"rome_q": query}, headers={"HX-Request": "true"})
    body = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "Maçon / Maçonne" in body and "Aide-maçon" in body
    assert NOTICE in body
    searched = [q["sql"] for q in queries.captured_queries if "jobs_rometitle" in q["sql"]]
    assert len(searched) == 1
    assert like_count(searched[0], '"jobs_rometitle"."search_text"') == 8
    assert len(searched[0]) < 3_000


def test_a_short_search_has_no_notice(client, personas, rome):
    client.force_login(personas.counsellor_a)
    response = client.get(reverse("jobs:rome_search"), {"rome_q": "macon"}, headers={"HX-Request": "true"})
    assert "Maçon / Maçonne" in html.unescape(response.content.decode())
    assert "trop longue" not in response.content.decode()


def test_the_selector_searches_the_first_words_only(rome):
    # The ninth word is left out: "zzz" would match nothing.
    assert list(search_rome_titles("aide macon " + "ma " * 6 + "zzz")) == [rome.mason_helper]
    assert list(search_rome_titles("zzz aide macon")) == []
