"""The directory the ARMLs commit to provide, as a coordinator and a CRE use it in the browser."""

import pytest
from playwright.sync_api import expect

from relais.organizations.enums import Role
from relais.organizations.models import PartnerReferent, Site
from relais.territories.loading import search_key
from tests.organizations.factories import MembershipFactory, OrganizationFactory, PersonFactory
from tests.territories.factories import CommuneFactory, DepartmentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def assert_the_page_does_not_scroll_sideways(page):
    width, viewport = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= viewport, (width, viewport)


def assert_no_table_is_cut_off(page):
    """At the page's width every table fits its container: no column hidden behind a horizontal scroll."""
    widths = page.eval_on_selector_all(
        ".fr-table table", "tables => tables.map(t => [t.scrollWidth, t.closest('.fr-table').clientWidth])"
    )
    assert widths and all(table <= container for table, container in widths), widths


def test_the_coordinator_opens_the_directory_on_their_region_widens_it_and_finds_a_place(
    page, login, personas, screenshot
):
    n = personas.network
    moselle = DepartmentFactory(code="57", name="Moselle", region=n.grand_est)
    OrganizationFactory(name="Mission Locale de Metz", parent=n.arml_ge, region=n.grand_est).departments.add(
        moselle
    )
    saint_priest = CommuneFactory(
        code="69290", name="Saint-Priest", department=n.rhone, postal_codes=["69800"]
    )
    type(saint_priest).objects.filter(pk=saint_priest.pk).update(search_name=search_key("Saint-Priest"))
    Site.objects.create(organization=n.ml_a, name="Antenne Saint-Priest", commune=saint_priest)

    login(personas.arml_coordinator)
    page.get_by_role("link", name="Missions Locales").first.click()
    region = page.get_by_role("combobox", name="Région")
    expect(region.locator("option:checked")).to_have_text("Auvergne-Rhône-Alpes")
    expect(page.get_by_test_id("result-count")).to_have_text("2 Missions Locales")
    expect(page.get_by_role("link", name="Mission Locale de Metz")).to_have_count(0)
    # The department list holds the chosen region's departments only.
    departments = page.get_by_role("combobox", name="Département").locator("option")
    expect(departments).to_have_text(["Tous", "Isère (38)", "Rhône (69)"])
    assert_no_table_is_cut_off(page)
    assert_the_page_does_not_scroll_sideways(page)
    screenshot(page, "directory-home-region")

    region.select_option(label="Toutes les régions")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.get_by_role("link", name="Mission Locale de Metz")).to_be_visible()

    for query in ("69800", "Saint-Priest"):
        page.get_by_label("Nom, code I-Milo ou lieu").fill(query)
        page.get_by_role("button", name="Rechercher").click()
        expect(page.get_by_test_id("result-count")).to_have_text("1 Mission Locale")
        expect(page.get_by_role("link", name="Mission Locale de Lyon")).to_be_visible()


def test_the_network_coordinator_finds_the_gaps_and_a_cre_names_two_referents_at_once(
    page, login, personas, screenshot
):
    n = personas.network
    PartnerReferent.objects.create(mission_locale=n.ml_b, partner=n.geiq, person=PersonFactory())
    PartnerReferent.objects.create(mission_locale=n.ml_b, partner=n.geiq_2, person=PersonFactory())
    colleague = PersonFactory(first_name="Inès", last_name="Roux")
    MembershipFactory(person=colleague, organization=n.ml_a, role=Role.COUNSELLOR)

    # The CR GEIQ coordinator's coverage opens on its own network and region; the gaps filter keeps Lyon.
    login(personas.geiq_coordinator)
    page.get_by_role("link", name="Couverture des référents").first.click()
    expect(page.get_by_role("combobox", name="Réseau partenaire").locator("option:checked")).to_have_text(
        "CR GEIQ Auvergne-Rhône-Alpes"
    )
    table = page.get_by_test_id("coverage-table")
    expect(table).to_contain_text("Mission Locale de Grenoble")
    page.get_by_text("Manques seulement").click()
    page.get_by_role("button", name="Rechercher").click()
    expect(table.get_by_role("rowheader")).to_have_text(["Mission Locale de Lyon"])
    expect(page.get_by_test_id("coverage-summary")).to_contain_text("1 Mission Locale sur 1")
    screenshot(page, "coverage-gaps")

    # The CRE of Lyon names a referent for both GEIQ in one submission from the Mission Locale's page.
    page.context.clear_cookies()
    login(personas.cre_a)
    page.goto(f"/reseau/organisations/{n.ml_a.pk}/")
    page.get_by_role("link", name="Nommer les référents").click()
    page.get_by_label("GEIQ BTP Rhône").select_option(label=str(colleague))
    page.get_by_label("GEIQ Propreté Isère").select_option(label=str(colleague))
    page.get_by_role("button", name="Enregistrer les référents").click()
    referents = page.get_by_test_id("referents")
    expect(referents.get_by_role("row").filter(has_text="GEIQ Propreté Isère")).to_contain_text("Inès Roux")
    expect(referents.get_by_role("row").filter(has_text="GEIQ BTP Rhône")).to_contain_text("Inès Roux")
    assert set(
        PartnerReferent.objects.filter(mission_locale=n.ml_a, person=colleague).values_list(
            "partner", flat=True
        )
    ) == {n.geiq.pk, n.geiq_2.pk}


def test_the_partner_directory_lists_every_kind_with_a_kind_filter(page, login, personas):
    n = personas.network
    OrganizationFactory(kind="france_travail", name="France Travail Lyon", region=n.aura)
    OrganizationFactory(kind="company", name="Boulangerie Dupain", region=n.aura)
    OrganizationFactory(kind="region_council", name="Région Auvergne-Rhône-Alpes", region=n.aura)

    login(personas.counsellor_a)
    page.get_by_role("link", name="Partenaires").first.click()
    for name in (
        "France Travail Lyon",
        "Boulangerie Dupain",
        "Région Auvergne-Rhône-Alpes",
        "GEIQ BTP Rhône",
    ):
        expect(page.get_by_role("link", name=name)).to_be_visible()
    page.get_by_label("Type").select_option(label="France Travail")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.get_by_test_id("result-count")).to_have_text("1 partenaire")
    expect(page.get_by_role("link", name="France Travail Lyon")).to_be_visible()
    assert_no_table_is_cut_off(page)


def test_a_coverage_table_wider_than_the_page_scrolls_in_its_container_not_the_page(page, login, personas):
    n = personas.network
    for number in range(10):
        OrganizationFactory(
            kind="geiq",
            name=f"GEIQ Industrie et Métiers de l'Énergie n°{number}",
            parent=n.cr_geiq,
            region=n.aura,
        )
    # The ARML coordinator may name referents: each row ends with a link carrying a screen-reader-only text.
    login(personas.arml_coordinator)
    page.get_by_role("link", name="Couverture des référents").first.click()
    table = page.get_by_test_id("coverage-table")
    expect(table).to_contain_text("GEIQ Industrie et Métiers de l'Énergie n°9")
    expect(table.get_by_role("link", name="Nommer les référents de Mission Locale de Lyon")).to_be_attached()
    assert_the_page_does_not_scroll_sideways(page)
