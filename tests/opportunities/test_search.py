"""The opportunity lists' search: one folded column written by the services, at most eight words."""

import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from relais.core.scope import Scope
from relais.opportunities import services
from relais.opportunities.enums import OpportunityKind, OpportunityStatus
from relais.opportunities.models import Opportunity, fill_search_text
from relais.opportunities.selectors import OpportunityFilters, published_opportunities
from tests.core.sql import like_count
from tests.core.test_search import NOTICE
from tests.opportunities.factories import OpportunityFactory, delivered

pytestmark = pytest.mark.django_db
LIST = reverse("opportunities:list")


@pytest.fixture
def received(personas, rome_title):
    n = personas.network
    opportunity = OpportunityFactory(
        publisher=n.geiq,
        rome_title=rome_title,
        commune=n.grenoble,
        status=OpportunityStatus.PUBLISHED,
        title="Chef d'équipe gros œuvre",
    )
    delivered(opportunity, n.ml_a)
    return opportunity


def _get(client, query):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST, {"vue": "recues", "q": query})
    assert response.status_code == 200
    return response, [q["sql"] for q in queries.captured_queries]


@pytest.mark.parametrize("query", ["chef equipe", "MAÇON", "geiq btp", "grenoble", "oeuvre"])
def test_the_search_finds_title_rome_title_publisher_and_commune_accents_aside(
    client, personas, received, query
):
    client.force_login(personas.cre_a)
    response, _ = _get(client, query)
    assert list(response.context["page_obj"]) == [received]


def test_the_search_is_one_condition_on_the_folded_column(personas, received):
    filters = OpportunityFilters(query="maçon grenoble", status="all")
    sql = str(published_opportunities(Scope.for_user(personas.geiq_recruiter), filters).query)
    where = sql.split(" WHERE ", 1)[1]
    assert like_count(where, '"opportunities_opportunity"."search_text"') == 2
    # No per-word OR across the joined tables any more.
    assert like_count(where, '"organizations_organization"."name"') == 0
    assert like_count(where, '"territories_commune"."name"') == 0
    assert like_count(where, '"jobs_rometitle"."label"') == 0


def test_a_two_thousand_word_search_answers_with_the_notice_in_bounded_sql(client, personas, received):
    client.force_login(personas.cre_a)
    query = "chef equipe " + " ".join(["e"] * 1998)
    response, queries = _get(client, query)
    body = response.content.decode()
    assert list(response.context["page_obj"]) == [received]
    assert NOTICE in html.unescape(body)
    assert html.escape(query) in body  # the form keeps what was typed
    _, short_queries = _get(client, "chef equipe")
    assert len(queries) == len(short_queries)
    assert max(like_count(sql, '"opportunities_opportunity"."search_text"') for sql in queries) == 8
    assert max(len(sql) for sql in queries) < 8_000


def test_the_services_write_the_search_text(personas, rome_title):
    scope = Scope.for_user(personas.geiq_recruiter)
    n = personas.network
    opportunity = services.opportunity_create(
        publisher=n.geiq,
        scope=scope,
        kind=OpportunityKind.APPRENTICESHIP,
        rome_title=rome_title,
        commune=n.lyon,
        title="Maçon VRD",
        positions=1,
        duration_months=12,
        weekly_hours=35,
    )
    assert (
        Opportunity.objects.get(pk=opportunity.pk).search_text
        == "macon vrd macon maconne geiq btp rhone lyon"
    )
    services.opportunity_update(
        opportunity=opportunity, scope=scope, title="Canalisateur", commune=n.grenoble
    )
    stored = Opportunity.objects.get(pk=opportunity.pk).search_text
    assert stored == "canalisateur macon maconne geiq btp rhone grenoble"


def test_the_migration_fills_the_existing_rows(received):
    Opportunity.objects.update(search_text="")
    assert fill_search_text(Opportunity.objects.all()) == 1
    assert (
        Opportunity.objects.get().search_text
        == "chef d equipe gros oeuvre macon maconne geiq btp rhone grenoble"
    )
    assert fill_search_text(Opportunity.objects.all()) == 0
