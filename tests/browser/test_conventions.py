"""The AMILAURA coordinator records the half-yearly point of the AURA charter and sees the next one scheduled."""

import re

from playwright.sync_api import expect

from relais.conventions.seeds import load_seed_conventions


def test_coordinator_marks_the_half_yearly_point_done_and_sees_the_next_one(page, login, personas, screenshot):
    load_seed_conventions()
    login(personas.arml_coordinator)
    page.get_by_role("link", name="Conventions", exact=True).first.click()
    page.get_by_role("link", name=re.compile("CR GEIQ Auvergne-Rhône-Alpes et AMILAURA")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("AMILAURA")
    calendar = page.get_by_test_id("calendar")
    expect(page.get_by_test_id("next-follow-up")).to_contain_text("06/05/2025")

    page.get_by_role("link", name="Marquer comme réalisé : Point semestriel du 06/05/2025").click()
    page.get_by_label("Réalisé le").fill("2025-05-05")
    page.get_by_label("Note (compte rendu, participants, suites)").fill(
        "Point semestriel tenu avec le CR GEIQ : 12 offres diffusées aux Missions Locales."
    )
    page.get_by_role("button", name="Enregistrer la réalisation").click()

    expect(page.get_by_role("alert").filter(has_text="réalisé")).to_be_visible()
    done_row = calendar.get_by_role("row").filter(has_text="06/05/2025")
    expect(done_row).to_contain_text("Réalisée")
    expect(done_row).to_contain_text("12 offres diffusées")
    expect(page.get_by_test_id("next-follow-up")).to_contain_text("Point semestriel")
    expect(page.get_by_test_id("next-follow-up")).to_contain_text("06/11/2025")
    next_row = calendar.get_by_role("row").filter(has_text="06/11/2025").filter(has_text="Point semestriel")
    expect(next_row).to_contain_text("Prévue")
    screenshot(page, "convention-aura")
