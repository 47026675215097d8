"""Live dashboards: a coordinator's conventions year to date, a director's Mission Locale in each convention, and
pages (dashboards, roll-up) whose number of queries does not grow with the data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from relais.core.providers import Breakdown, BreakdownRow, Dimension, IndicatorValue
from relais.organizations.enums import Role
from relais.positionings.enums import PositioningStatus as S
from relais.reviews.dashboards import _ml_figure
from tests.conventions.factories import ConventionFactory
from tests.organizations.factories import OrganizationFactory, user_with_role
from tests.positionings.factories import consenting_youth, positioning_at, published_opportunity
from tests.reviews.rollup_fixtures import figure, review

pytestmark = pytest.mark.django_db
DASHBOARD = "/bilans/tableau-de-bord/"


@pytest.fixture
def charter(personas):
    n = personas.network
    convention = ConventionFactory(title="Charte GEIQ AURA", region=n.aura)
    convention.parties.create(organization=n.arml)
    convention.parties.create(organization=n.cr_geiq, order=1)
    return convention


@pytest.fixture
def director_a(personas):
    return user_with_role(personas.network.ml_a, Role.DIRECTOR, "direction@ml-lyon.test")


def _positioned(personas, rome, charter, count):
    n = personas.network
    opportunity = published_opportunity(n, rome_title=rome.mason, convention=charter)
    for _ in range(count):
        youth = consenting_youth(
            n.ml_a, commune=n.lyon, counsellor=personas.counsellor_a.person, sought_titles=[rome.mason]
        )
        positioning_at(personas, S.TRANSMITTED, youth=youth, opportunity=opportunity)


def test_the_coordinator_sees_their_conventions_figures_of_the_year(client, personas, rome, charter):
    _positioned(personas, rome, charter, 2)
    client.force_login(personas.arml_coordinator)
    page = client.get(DASHBOARD)
    assert page.status_code == 200
    [item] = page.context["coordinated"]
    values = {value.code: value.value for value in item.values}
    assert item.convention == charter and values["youths_positioned"] == 2
    assert "depuis le 1er janvier" in page.content.decode()


def test_the_director_sees_their_mission_locale_in_each_convention(
    client, personas, rome, charter, director_a
):
    _positioned(personas, rome, charter, 1)
    client.force_login(director_a)
    page = client.get(DASHBOARD)
    [dashboard] = page.context["directed"]
    assert dashboard.mission_locale == personas.network.ml_a
    assert [item.convention for item in dashboard.conventions] == [charter]


def test_a_director_reads_the_row_of_their_mission_locale_in_a_breakdown(personas):
    n = personas.network
    value = IndicatorValue(
        code="youths_positioned",
        label="Jeunes positionnés",
        value=12,
        unit="jeune",
        counts_people=True,
        breakdowns=(
            Breakdown(
                Dimension.MISSION_LOCALE.value,
                (BreakdownRow(str(n.ml_a.pk), n.ml_a.name, 9), BreakdownRow(str(n.ml_b.pk), n.ml_b.name, 3)),
            ),
        ),
    )
    assert (_ml_figure(value, n.ml_a).value, _ml_figure(value, n.ml_a).total) == (9, 12)
    other = OrganizationFactory(name="Mission Locale sans activité")
    assert _ml_figure(value, other).value == 0
    not_broken_down = IndicatorValue("x", "X", 4, "jeune", True)
    assert _ml_figure(not_broken_down, n.ml_a).value is None


def test_observers_and_counsellors_have_no_dashboard(client, personas):
    for user in (personas.state_observer, personas.counsellor_a):
        client.force_login(user)
        assert client.get(DASHBOARD).status_code == 403


def _queries(client, url, params=None):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url, params or {}).status_code == 200
    return len(context.captured_queries)


def test_the_dashboards_run_as_many_queries_for_more_activity(client, personas, rome, charter, director_a):
    _positioned(personas, rome, charter, 1)
    client.force_login(personas.arml_coordinator)
    coordinator_small = _queries(client, DASHBOARD)
    client.force_login(director_a)
    director_small = _queries(client, DASHBOARD)
    _positioned(personas, rome, charter, 4)
    client.force_login(personas.arml_coordinator)
    assert _queries(client, DASHBOARD) == coordinator_small
    client.force_login(director_a)
    assert _queries(client, DASHBOARD) == director_small


def test_the_rollup_runs_as_many_queries_for_more_reviews(client, personas):
    n = personas.network
    dgefp = OrganizationFactory(kind="state", name="DGEFP", region=None)
    observer = user_with_role(dgefp, Role.OBSERVER, "observation@dgefp.test")

    def add_reviews(count):
        for _ in range(count):
            convention = ConventionFactory(region=n.aura)
            convention.parties.create(organization=n.cr_geiq)
            review(convention, figure(value=40, by_ml={n.ml_a: 25, n.ml_b: 15}))

    add_reviews(1)
    client.force_login(observer)
    small = _queries(client, "/bilans/consolidation/", {"year": 2025})
    add_reviews(4)
    assert _queries(client, "/bilans/consolidation/", {"year": 2025}) == small
