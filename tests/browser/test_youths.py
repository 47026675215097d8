"""A counsellor fills in a young person's commune and sought job titles with the searchable pickers."""

import re
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

from relais.youths.models import Youth
from tests.territories.factories import CommuneFactory
from tests.youths.factories import birth_date_for_age


@pytest.mark.django_db(transaction=True)
def test_counsellor_picks_commune_and_titles(page, login, screenshot, personas):
    call_command("load_rome", "--data-dir", str(settings.RELAIS_DATA_DIR), stdout=StringIO())
    CommuneFactory(
        code="69266",
        name="Villeurbanne",
        search_name="villeurbanne",
        department=personas.network.rhone,
        postal_codes=["69100"],
        population=160000,
    )
    login(personas.counsellor_a)
    page.goto("/jeunes/nouveau/")
    # The rule for required fields is stated once, the commune is not marked optional, and the counsellor who
    # creates the young person is preselected.
    expect(page.get_by_test_id("required-rule")).to_contain_text("tous les champs sont obligatoires")
    expect(page.get_by_text("Commune de résidence (facultatif)")).to_have_count(0)
    expect(page.get_by_label("Conseiller·ère", exact=False).locator("option:checked")).to_have_text(
        "Karim Benali"
    )
    page.locator("#id_last_name").fill("Durand")
    page.locator("#id_first_name").fill("Inès")
    page.get_by_label("Rechercher la commune de résidence").fill("69100")
    page.locator("#commune-results label").filter(has_text="Villeurbanne (69266)").click()
    page.get_by_label("Ajouter une appellation ROME").fill("macon")
    page.locator("#rome-results button").filter(
        has_text=re.compile(r"^Maçon / Maçonne — F1703")
    ).first.click()
    page.wait_for_selector("#rome-selected input", state="attached")
    page.get_by_label("Ajouter une appellation ROME").fill("K2204")
    page.wait_for_selector("#rome-results button:has-text('K2204')")
    page.locator("#rome-results button").first.click()
    page.locator("#rome-results button").nth(1).click()
    expect(page.locator("#rome-selected input")).to_have_count(3)
    with page.expect_response(lambda response: "/referentiels/metiers/selection/" in response.url):
        page.locator("#rome-results button").first.click()  # the same title twice stays once
    assert page.locator("#rome-selected input").count() == 3
    page.locator("#rome-selected .fr-tag").nth(2).click()  # DSFR removes the dismissed tag and its input
    expect(page.locator("#rome-selected input")).to_have_count(2)
    codes = page.locator("#rome-selected input").evaluate_all("els => els.map(e => e.value)")
    page.get_by_label("Ajouter une appellation ROME").fill("maçon")
    page.get_by_label("Ajouter une appellation ROME").press("Enter")  # must not submit the form
    page.get_by_label("Rechercher la commune de résidence").press("Enter")
    page.wait_for_selector("#rome-results button:has-text('F1703')")
    assert page.url.endswith("/jeunes/nouveau/")
    assert page.locator(".fr-alert--error").count() == 0
    screenshot(page, "youth-form-pickers-in-use")
    page.get_by_role("button", name="Enregistrer").click()  # birth date missing: the form fails
    page.wait_for_selector(".fr-alert--error")
    assert page.locator('input[name="commune_code"][value="69266"]').is_checked()
    assert page.locator("#rome-selected input").evaluate_all("els => els.map(e => e.value)") == codes
    screenshot(page, "youth-form-failed-keeps-choices")
    page.locator("#id_birth_date").fill(birth_date_for_age(20).isoformat())
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_url("**/jeunes/*/")
    youth = Youth.objects.get(last_name="Durand")
    assert youth.commune.code == "69266"
    assert sorted(t.ogr_code for t in youth.sought_titles.all()) == sorted(codes)
    page.goto(f"/jeunes/{youth.pk}/modifier/")
    screenshot(page, "youth-form-edit")
