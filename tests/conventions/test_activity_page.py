"""The convention page renders the figures the apps provide, over the convention's period or the one asked."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from relais.conventions.enums import IndicatorCode
from relais.conventions.models import Convention, Indicator
from relais.positionings.enums import PositioningStatus as S
from tests.jobs.factories import RomeTitleFactory
from tests.positionings.factories import consenting_youth, positioning_at, published_opportunity

pytestmark = pytest.mark.django_db
MARCH_2 = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def charter(personas, time_machine):
    time_machine.move_to(MARCH_2, tick=False)
    charter = Convention.objects.create(
        title="Charte GEIQ × AMILAURA",
        kind="regional_charter",
        status="active",
        start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2026, 12, 31),
    )
    Indicator.objects.create(
        convention=charter, label="Nombre de jeunes positionnés", code=IndicatorCode.YOUTHS_POSITIONED
    )
    Indicator.objects.create(convention=charter, label="Retours des partenaires", code=IndicatorCode.OTHER)
    return charter


def hires(personas, convention, count):
    opportunity = published_opportunity(
        personas.network, rome_title=RomeTitleFactory(), convention=convention
    )
    for _ in range(count):
        youth = consenting_youth(personas.network.ml_a, commune=personas.network.lyon)
        positioning_at(personas, S.HIRED, youth=youth, opportunity=opportunity)


def page(client, convention, query=""):
    response = client.get(f"/conventions/{convention.pk}/{query}")
    assert response.status_code == 200
    return response


def test_the_page_shows_the_figures_of_the_convention_s_period(client, personas, charter):
    hires(personas, charter, 2)
    client.force_login(personas.admin)
    response = page(client, charter)
    html = response.content.decode()
    assert response.context["activity_period"].label == "du 01/01/2026 au 31/12/2026"
    assert 'data-testid="count-positioned">Jeunes positionnés : <strong>2</strong>' in html
    assert "<li>Contrat d&#x27;apprentissage : 2</li>" in html
    for code in (
        "youths_proposed",
        "youths_hired_by_contract",
        "delay_proposal_to_entry",
        "opportunities_diffused",
    ):
        assert f'data-testid="figure-{code}"' in html
    # The review's coded indicator shows its value; the free-text one stays a label.
    indicators = response.context["review_indicators"]
    assert [(i.label, value.value if value else None) for i, value in indicators] == [
        ("Nombre de jeunes positionnés", 2),
        ("Retours des partenaires", None),
    ]


def test_a_period_asked_in_the_address_replaces_the_convention_s(client, personas, charter):
    hires(personas, charter, 1)
    client.force_login(personas.admin)
    response = page(client, charter, "?du=2026-04-01&au=2026-06-30")
    assert response.context["activity_period"].label == "du 01/04/2026 au 30/06/2026"
    assert response.context["figures"]["youths_positioned"].value == 0
    html = response.content.decode()
    assert 'data-testid="count-positioned"' not in html
    assert "Rien d'enregistré sur cette période." in html
    # An impossible period is said so, and the convention's is kept.
    response = page(client, charter, "?du=2026-06-30&au=2026-04-01")
    assert "La fin de la période doit suivre son début." in response.content.decode()
    assert response.context["figures"]["youths_positioned"].value == 1


def test_the_page_query_count_does_not_grow_with_positionings_or_local_conventions(client, personas, charter):
    def local(i):
        return Convention.objects.create(
            title=f"Convention locale {i}", kind="local_application", parent=charter, status="active"
        )

    hires(personas, local(0), 1)
    client.force_login(personas.admin)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            page(client, charter)
        return len(captured)

    queries()
    few = queries()
    for i in range(1, 4):
        hires(personas, local(i), 3)
    hires(personas, charter, 4)
    many = queries()
    assert page(client, charter).context["figures"]["youths_hired_by_contract"].value == 14
    assert many == few
