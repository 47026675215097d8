"""The API's pages in a browser: a director creates a token (secret shown once), calls the API with it,
revokes it after confirmation; the documentation page runs from local files under the site's CSP."""

import pytest
from playwright.sync_api import expect

from tests.organizations.factories import user_with_role


@pytest.fixture
def director(personas):
    return user_with_role(personas.network.ml_a, "director", "direction@ml-lyon.test")


def test_a_director_creates_uses_and_revokes_a_token(page, login, director, live_server):
    login(director)
    page.get_by_role("link", name="API").first.click()
    expect(page.get_by_role("heading", name="Jetons d'API")).to_be_visible()
    page.get_by_role("link", name="Nouveau jeton").click()
    page.get_by_label("Libellé").fill("Synchronisation I-Milo")
    page.get_by_text("Lire l'annuaire et les conventions").click()
    page.get_by_role("button", name="Créer le jeton").click()
    secret = page.get_by_test_id("token-secret").input_value()
    assert secret.startswith("rls_")

    answer = page.request.get(
        f"{live_server.url}/api/v1/directory/missions-locales/", headers={"Authorization": f"Bearer {secret}"}
    )
    assert answer.status == 200 and answer.json()["count"] == 2

    page.get_by_role("link", name="Voir le jeton").click()
    page.reload()
    expect(page.get_by_text("/api/v1/directory/missions-locales/")).to_be_visible()
    page.get_by_role("link", name="Révoquer ce jeton").click()
    expect(page.get_by_test_id("revoke-confirm")).to_be_visible()
    page.get_by_role("button", name="Révoquer le jeton").click()
    expect(page.get_by_test_id("token-status")).to_contain_text("Révoqué")
    again = page.request.get(
        f"{live_server.url}/api/v1/directory/missions-locales/", headers={"Authorization": f"Bearer {secret}"}
    )
    assert again.status == 401


def test_the_documentation_page_runs_from_local_files(browser, live_server, db):
    # Swagger UI is a third-party page: it is checked for errors and outside requests, not audited by axe.
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    page = context.new_page()
    errors, outside = [], []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(live_server.url) else None)
    page.goto("/api/v1/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("API Relais")
    expect(page.get_by_text("Journal des modifications")).to_be_visible()
    context.close()
    assert not outside, outside
    assert not errors, errors
