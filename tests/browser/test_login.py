"""Login journey: a persona logs in through the real form and lands on the home page."""

from playwright.sync_api import expect

from tests.organizations.factories import DEFAULT_PASSWORD


def test_a_user_logs_in_and_sees_the_home_page(personas, page, login):
    login(personas.arml_coordinator)
    expect(page.get_by_test_id("current-user")).to_have_text("Alexia Violet")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bonjour Alexia")


def test_a_user_changes_their_password_from_the_header(personas, page, login, screenshot):
    login(personas.counsellor_a)
    page.get_by_role("link", name="Mot de passe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Changer mon mot de passe")
    page.get_by_label("Mot de passe actuel").fill(DEFAULT_PASSWORD)
    page.get_by_label("Nouveau mot de passe", exact=False).first.fill("Relais-Nouveau-2026!")
    page.get_by_label("Confirmation du nouveau mot de passe").fill("Relais-Nouveau-2026!")
    page.get_by_role("button", name="Enregistrer le nouveau mot de passe").click()
    expect(page.get_by_role("alert")).to_contain_text("Votre mot de passe est modifié.")
    screenshot(page, "password-changed")
    personas.counsellor_a.refresh_from_db()
    assert personas.counsellor_a.check_password("Relais-Nouveau-2026!")
