"""The AMILAURA coordinator types the value of an indicator Relais cannot compute and sets a target of the AURA
charter's period; every page is audited for accessibility (axe) on the way."""

import re

from playwright.sync_api import expect

from relais.conventions.models import Convention, Indicator
from relais.conventions.seeds import load_seed_conventions


def test_coordinator_fills_an_indicator_and_sets_a_target(page, login, personas, screenshot):
    load_seed_conventions()
    charter = Convention.objects.get(title__contains="AMILAURA")
    Indicator.objects.create(convention=charter, label="Entreprises rencontrées lors des visites", order=9)
    login(personas.arml_coordinator)
    page.goto(f"/conventions/{charter.pk}/#bilan")
    indicators = page.get_by_test_id("review-indicators")
    expect(indicators.get_by_test_id("to-fill")).to_have_count(1)
    page.get_by_role("link", name="Renseigner : Entreprises rencontrées lors des visites").click()
    page.get_by_label("Valeur").fill("14")
    page.get_by_label("Unité").fill("entreprise")
    page.get_by_role("button", name="Enregistrer la valeur").click()
    expect(page.get_by_role("alert").filter(has_text="est enregistrée")).to_be_visible()
    expect(indicators).to_contain_text("14 entreprises")
    expect(indicators).to_contain_text("valeur renseignée par Alexia Violet")

    page.get_by_role("link", name="Objectifs des indicateurs pour cette période").click()
    expect(page.get_by_test_id("targets-empty")).to_be_visible()
    page.get_by_label("Indicateur", exact=True).select_option("youths_positioned")
    page.get_by_role("radio", name="Une Mission Locale").check(force=True)
    page.get_by_label("Mission Locale (facultatif)").select_option(label="Mission Locale de Lyon")
    page.get_by_label("Objectif", exact=True).fill("25")
    page.get_by_role("button", name="Enregistrer l'objectif").click()
    row = page.get_by_test_id("targets").get_by_role("row").filter(has_text="Mission Locale de Lyon")
    expect(row).to_contain_text(re.compile("25 jeunes"))
    screenshot(page, "indicator-targets")
