"""Journey: the ARML coordinator searches the directory, opens a Mission Locale and sees its referents."""

from playwright.sync_api import expect

from relais.core.pagination import PAGE_SIZE
from tests.organizations.factories import OrganizationFactory


def test_arml_coordinator_finds_a_mission_locale_and_its_referents(personas, page, login, screenshot):
    login(personas.arml_coordinator)
    page.get_by_role("link", name="Missions Locales").first.click()
    page.get_by_label("Nom, code I-Milo ou lieu").fill("Lyon")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.get_by_test_id("result-count")).to_have_text("1 Mission Locale")
    page.get_by_role("link", name="Mission Locale de Lyon").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mission Locale de Lyon")
    referents = page.get_by_test_id("referents")
    expect(referents).to_contain_text("GEIQ BTP Rhône")
    expect(referents).to_contain_text("Chloé Martin")
    screenshot(page, "mission-locale")


def test_a_counsellor_filters_partners_by_department_and_reads_the_footer_pages(
    personas, page, login, screenshot
):
    login(personas.counsellor_a)
    page.get_by_role("link", name="Partenaires").first.click()
    page.get_by_label("Département").select_option(label="Isère (38)")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.get_by_test_id("result-count")).to_have_text("1 partenaire")
    expect(page.get_by_role("link", name="GEIQ Propreté Isère")).to_be_visible()
    screenshot(page, "partners-by-department")
    page.get_by_role("link", name="Accessibilité : non conforme").click()
    expect(page.get_by_test_id("conformity")).to_contain_text("non conforme")


def test_a_coordinator_pages_through_a_long_directory_to_its_last_page(personas, page, login):
    # The first and last pages carry the disabled links of the DSFR pagination, audited by axe-core on both.
    OrganizationFactory.create_batch(
        PAGE_SIZE, parent=personas.network.arml, region=personas.network.ml_a.region
    )
    login(personas.arml_coordinator)
    page.get_by_role("link", name="Missions Locales").first.click()
    pagination = page.get_by_role("navigation", name="Pagination")
    expect(pagination.get_by_role("link", name="Page précédente")).to_have_attribute("aria-disabled", "true")
    pagination.get_by_role("link", name="Dernière page").click()
    expect(pagination.get_by_role("link", name="2 / 2")).to_have_attribute("aria-current", "page")
    expect(pagination.get_by_role("link", name="Page suivante")).to_have_attribute("aria-disabled", "true")
