"""Playwright driving Debian's chromium (never a downloaded browser) against pytest-django's live server."""

import os
import shutil

import pytest
from playwright.sync_api import sync_playwright

from tests.browser.axe import AxeAudit
from tests.organizations.factories import DEFAULT_PASSWORD

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail("Debian's chromium is missing: `make test` installs it (apt-get install chromium).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="fr-FR", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors = []
    # A page answered with a 4xx status on purpose (a refused form is a 400, another organisation's object a 404)
    # is logged by the browser as a failed load: that is the document, not a script error.
    documents = set()
    page.on("response", lambda r: documents.add(r.url) if r.request.resource_type == "document" else None)

    def on_console(message):
        if message.type != "error":
            return
        if message.text.startswith("Failed to load resource") and message.location.get("url") in documents:
            return
        errors.append(f"{message.text} ({message.location.get('url', '')})")

    # A script or style refused by the Content-Security-Policy, or any JavaScript error, fails the test.
    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(f"{error}\n{error.stack}"))
    # Every page state the test acts on is audited by axe-core (before each call, and the last state here).
    audit = AxeAudit(page)
    with audit.before_each_call():
        yield page
        audit.check()
    context.close()
    assert not errors, f"console errors in the browser: {errors}"
    assert not audit.report(), audit.report()


@pytest.fixture
def login(page):
    """Log a user in through the real login form."""

    def _login(user):
        page.goto("/comptes/connexion/")
        page.get_by_label("Adresse e-mail").fill(user.email)
        page.get_by_label("Mot de passe").fill(DEFAULT_PASSWORD)
        page.get_by_role("button", name="Se connecter").click()
        page.wait_for_url(lambda url: "/comptes/connexion/" not in url)
        return page

    return _login


@pytest.fixture
def screenshot():
    """Save a full-page screenshot when RELAIS_SCREENSHOTS names a folder (to look at new pages)."""
    folder = os.environ.get("RELAIS_SCREENSHOTS", "")

    def _screenshot(page, name: str):
        if folder:
            os.makedirs(folder, exist_ok=True)
            page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)

    return _screenshot
