"""The axe-core audit every browser test runs finds violations: on a page, on the pages left, after a swap."""

import pytest
from playwright.sync_api import expect

from tests.browser.axe import AxeAudit

BROKEN = """<!doctype html><html lang="fr"><head><title>Page cassée</title></head><body><main>
<h1>Page cassée</h1>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<form><input type="text" name="nom"></form>
<a href="/comptes/connexion/">Se connecter</a>
</main></body></html>"""


@pytest.fixture
def bare_page(browser, live_server):
    """A page without the audit of the `page` fixture, so that a test can look at what the audit found."""
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_an_image_without_alt_and_an_input_without_label_are_reported(bare_page):
    audit = AxeAudit(bare_page)
    bare_page.set_content(BROKEN)
    audit.check()
    found = {(v.rule, v.impact, v.targets) for v in audit.violations}
    assert ("image-alt", "critical", ("img",)) in found
    assert ("label", "critical", ("input",)) in found
    assert "about:blank: label (critical) Form elements must have labels — input" in audit.report()


def test_a_page_is_audited_before_the_test_acts_on_it_and_the_same_state_only_once(bare_page, live_server):
    broken_url = f"{live_server.url}/page-cassee/"
    bare_page.route(broken_url, lambda route: route.fulfill(content_type="text/html", body=BROKEN))
    audit = AxeAudit(bare_page)
    with audit.before_each_call():
        bare_page.goto("/page-cassee/")
        assert not audit.violations
        bare_page.get_by_role("link", name="Se connecter").click()
        assert {(v.url, v.rule) for v in audit.violations} >= {
            (broken_url, "image-alt"),
            (broken_url, "label"),
        }
        bare_page.wait_for_url("**/comptes/connexion/")
        bare_page.get_by_label("Adresse e-mail").fill(
            "personne@example.org"
        )  # the login page, which is clean
        bare_page.get_by_label("Mot de passe").fill("x")  # the same state again: not audited twice
    assert len(audit.seen) == 2
    assert {v.url for v in audit.violations} == {broken_url}
    assert not audit.failures


CLEAN_THEN_SWAPPED = """<!doctype html><html lang="fr"><head><title>Page modifiée</title></head><body><main>
<h1>Page modifiée</h1>
<button type="button" id="swap">Afficher la photo</button>
<div id="target"></div>
<script>
document.getElementById("swap").addEventListener("click", () => {
    document.getElementById("target").innerHTML = '<p>Photo :</p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">';
});
</script>
</main></body></html>"""


def test_a_page_changed_in_place_like_an_htmx_swap_is_audited_again(bare_page, live_server):
    url = f"{live_server.url}/page-modifiee/"
    bare_page.route(url, lambda route: route.fulfill(content_type="text/html", body=CLEAN_THEN_SWAPPED))
    audit = AxeAudit(bare_page)
    with audit.before_each_call():
        bare_page.goto("/page-modifiee/")
        bare_page.get_by_role("button", name="Afficher la photo").click()  # audits the clean page first
        assert not audit.violations
        expect(bare_page.get_by_text("Photo :")).to_be_visible()  # audits the changed page
    assert [(v.url, v.rule) for v in audit.violations] == [(url, "image-alt")]
    assert len(audit.seen) == 2
