"""Login journey: a persona logs in through the real form and lands on the home page."""

from playwright.sync_api import expect


def test_a_user_logs_in_and_sees_the_home_page(personas, page, login):
    login(personas.arml_coordinator)
    expect(page.get_by_test_id("current-user")).to_have_text("Alexia Violet")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bonjour Alexia")
