"""The State observer opens the roll-up from their home page and sees the frozen figures, small counts masked;
the coordinator opens the live dashboard of the year."""

import pytest
from playwright.sync_api import expect

from relais.conventions.enums import ConventionKind
from relais.positionings.enums import PositioningStatus as S
from tests.conventions.factories import ConventionFactory
from tests.positionings.factories import consenting_youth, positioning_at, published_opportunity
from tests.reviews.rollup_fixtures import figure, review

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CANARY = 7


def test_the_state_observer_sees_the_rollup_with_small_counts_masked(page, login, personas, screenshot):
    n = personas.network
    charter = ConventionFactory(kind=ConventionKind.REGIONAL_CHARTER, region=n.aura, title="Charte GEIQ AURA")
    charter.parties.create(organization=n.arml)
    charter.parties.create(organization=n.cr_geiq, order=1)
    review(charter, figure(value=52, by_ml={n.ml_a: 45, n.ml_b: CANARY}, priority={"rqth": 15, "qpv": 22}))
    login(personas.state_observer)
    page.goto("/")
    page.get_by_test_id("work-queue").get_by_role("link", name="bilans arrêtés", exact=False).click()
    expect(page.get_by_role("heading", name="Consolidation des bilans", level=1)).to_be_visible()
    headlines = page.get_by_test_id("headlines")
    expect(headlines.get_by_role("row", name="Jeunes positionnés")).to_contain_text("52")
    territories = page.get_by_test_id("table-territories")
    expect(territories.get_by_role("row", name="Mission Locale de Grenoble")).to_contain_text("< 11")
    # Lyon would give Grenoble away (52 − 45): it is masked too, and the canary shows nowhere.
    expect(territories.get_by_role("row", name="Mission Locale de Lyon")).to_contain_text("secret")
    priority = page.get_by_test_id("table-priority")
    expect(priority.get_by_role("row", name="RQTH")).to_contain_text("< 20")
    expect(priority.get_by_role("row", name="RQTH")).to_contain_text("secret")
    expect(priority.get_by_role("row", name="QPV")).to_contain_text("22")
    cells = page.locator("td").all_inner_texts()
    assert str(CANARY) not in cells and "45" not in cells
    screenshot(page, "rollup-state-observer")
    page.get_by_label("Région de la convention").select_option("84")
    page.get_by_role("button", name="Afficher").click()
    expect(page.get_by_test_id("table-conventions")).to_contain_text("Charte GEIQ AURA")
    screenshot(page, "rollup-state-observer-region")


def test_the_coordinator_opens_the_live_dashboard_of_the_year(page, login, personas, rome, screenshot):
    n = personas.network
    charter = ConventionFactory(region=n.aura, title="Charte GEIQ AURA")
    charter.parties.create(organization=n.arml)
    opportunity = published_opportunity(n, rome_title=rome.mason, convention=charter)
    for _ in range(2):
        youth = consenting_youth(
            n.ml_a, commune=n.lyon, counsellor=personas.counsellor_a.person, sought_titles=[rome.mason]
        )
        positioning_at(personas, S.TRANSMITTED, youth=youth, opportunity=opportunity)
    login(personas.arml_coordinator)
    page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Bilans").click()
    page.get_by_role("link", name="Tableau de bord de l'année").click()
    expect(page.get_by_role("heading", name="Tableau de bord", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Charte GEIQ AURA")).to_be_visible()
    figures = page.get_by_test_id("coordinator-figures")
    expect(figures.get_by_test_id("figure-youths_positioned")).to_contain_text("2")
    screenshot(page, "dashboard-coordinator")
