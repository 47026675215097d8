"""ProConnect journey against a real OpenID Connect provider process (oidc-provider-mock) on 127.0.0.1: log in
with the ProConnect button, land on the home page as the matched account, log out through its end-session page."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils.csp import CSP
from playwright.sync_api import expect

from relais.accounts.models import ProConnectIdentity
from relais.accounts.proconnect import provider as relais_provider
from tests.browser.axe import AxeAudit

PROVIDER_SCRIPT = Path(__file__).with_name("proconnect_provider.py")
CLIENT_ID = "relais-browser"


@pytest.fixture
def oidc_provider(personas):
    """The provider process, knowing the counsellor of ML A under a subject of its own."""
    user = {
        "sub": "agent-karim-benali",
        "email": personas.counsellor_a.email,
        "given_name": "Karim",
        "usual_name": "Benali",
    }
    process = subprocess.Popen(
        [sys.executable, str(PROVIDER_SCRIPT), "--client-id", CLIENT_ID, "--user", json.dumps(user)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        line = process.stdout.readline()
        assert line.startswith("PORT "), f"the provider did not start: {line!r}"
        yield f"http://127.0.0.1:{int(line.split()[1])}"
    finally:
        process.terminate()
        process.wait(10)
        process.stdout.close()


@pytest.fixture
def proconnect_on(settings, oidc_provider):
    settings.RELAIS_PROCONNECT_ISSUER = oidc_provider
    settings.RELAIS_PROCONNECT_CLIENT_ID = CLIENT_ID
    settings.RELAIS_PROCONNECT_CLIENT_SECRET = "browser-test-secret"  # noqa: S105
    # What relais/settings.py adds for a configured issuer (see test_proconnect_login): its origin may be
    # the target of a form, the login button's and the logout's, which the provider redirects.
    settings.SECURE_CSP = {**settings.SECURE_CSP, "form-action": [CSP.SELF, oidc_provider]}
    relais_provider.forget_discovery()
    yield oidc_provider
    relais_provider.forget_discovery()


class RelaisPagesAudit(AxeAudit):
    """axe-core on Relais' own pages only: the provider's test pages are not Relais' to fix."""

    origin: str = ""

    def _check(self):
        if self.page.url.startswith(self.origin):
            super()._check()


@pytest.fixture
def relais_page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="fr-FR", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors = []

    def on_console(message):
        if message.type == "error" and page.url.startswith(live_server.url):
            errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(f"{error}\n{error.stack}"))
    audit = RelaisPagesAudit(page)
    audit.origin = live_server.url
    with audit.before_each_call():
        yield page
        audit.check()
    context.close()
    assert not errors, f"console errors in the browser: {errors}"
    assert not audit.report(), audit.report()


def test_an_agent_logs_in_with_proconnect_and_logs_out_through_it(
    personas, proconnect_on, relais_page, screenshot
):
    page = relais_page
    page.goto("/comptes/connexion/")
    screenshot(page, "login-with-proconnect")
    page.get_by_role("button", name="S'identifier avec ProConnect").click()
    # The provider's own page: the person authenticates there (here, one click on their identity).
    page.wait_for_url(f"{proconnect_on}/**")
    page.get_by_role("button", name="Authorize as agent-karim-benali").click()
    expect(page.get_by_test_id("current-user")).to_have_text("Karim Benali")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bonjour Karim")
    identity = ProConnectIdentity.objects.get(user=personas.counsellor_a)
    assert identity.subject == "agent-karim-benali" and identity.issuer == proconnect_on

    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_url(f"{proconnect_on}/**")
    page.get_by_role("button", name="End session").click()
    expect(page.get_by_role("alert")).to_contain_text("Vous êtes déconnecté·e de Relais et de ProConnect.")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Connexion à")
    # Logged out for good: the home page asks to log in again.
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/comptes/connexion/\?next=/$"))


def test_a_manager_confirms_a_membership_suggested_by_proconnect(personas, page, login):
    from relais.accounts.models import MembershipSuggestion
    from relais.organizations.models import Membership
    from tests.organizations.factories import UserFactory

    geiq = personas.network.geiq
    geiq.siret = "73282932000074"
    geiq.save(update_fields=["siret"])
    newcomer = UserFactory(email="lea.durand@geiq-btp.test", first_name="Léa", last_name="Durand")
    other = UserFactory(email="intrus@ailleurs.test")
    MembershipSuggestion.objects.create(user=newcomer, organization=geiq, siret=geiq.siret)
    MembershipSuggestion.objects.create(user=other, organization=geiq, siret=geiq.siret)
    login(personas.geiq_coordinator)
    # The home page lists what waits for the manager.
    page.get_by_role("link", name="2 rattachements proposés par ProConnect à confirmer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rattachements proposés par ProConnect")
    page.get_by_role("row", name="lea.durand@geiq-btp.test").get_by_label(
        "Rôle dans l'organisation"
    ).select_option(label="Recruteur·se partenaire")
    page.get_by_role("button", name="Confirmer le rattachement de lea.durand@geiq-btp.test").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "lea.durand@geiq-btp.test est rattaché·e à GEIQ BTP Rhône"
    )
    page.get_by_role("link", name="Refuser le rattachement de intrus@ailleurs.test").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Refuser un rattachement")
    page.get_by_role("button", name="Refuser le rattachement").click()
    expect(page.get_by_role("alert")).to_contain_text("Le rattachement de intrus@ailleurs.test")
    expect(page.get_by_text("Aucun rattachement n'attend votre décision.")).to_be_visible()
    assert Membership.objects.get(person__user=newcomer).role == "partner_recruiter"
    assert not Membership.objects.filter(person__user=other).exists()
