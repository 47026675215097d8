"""Headers of every page (CSP, Referrer-Policy, Permissions-Policy) and no-store on what shows young people."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from tests.positionings.factories import consenting_youth

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_every_page_carries_the_csp_referrer_and_permissions_policies(client, personas):
    for response in (client.get("/comptes/connexion/"), client.get("/page-qui-n-existe-pas/")):
        csp = response.headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp and "style-src 'self'" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
        assert response.headers["Referrer-Policy"] == "same-origin"
        permissions = response.headers["Permissions-Policy"]
        for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
            assert feature in permissions


def test_pages_and_exports_showing_young_people_are_never_stored(client, personas, rome):
    youth = consenting_youth(
        personas.network.ml_a, counsellor=personas.counsellor_a.person, last_name="Canari"
    )
    client.force_login(personas.counsellor_a)
    urls = [
        reverse("youths:list"),
        reverse("youths:detail", args=[youth.pk]),
        reverse("youths:archive", args=[youth.pk]),
        reverse("youths:export") + "?format=csv",
        reverse("youths:import"),
        reverse("positionings:mine"),
        reverse("positionings:for_youth", args=[youth.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response.headers["Cache-Control"], url


TEMPLATE_DIRS = [ROOT / "relais"]
INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "inline event handler"),
    (re.compile(r"\shx-on[:-]", re.I), "hx-on (evaluated code)"),
    (re.compile(r"\sstyle\s*=", re.I), "style attribute"),
    (re.compile(r"<style", re.I), "inline <style>"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def test_no_template_holds_code_or_styles_the_csp_would_refuse():
    found = []
    for path in sorted(ROOT.glob("relais/**/templates/**/*.html")):
        text = path.read_text(encoding="utf-8")
        found += [f"{path.relative_to(ROOT)}: {what}" for pattern, what in INLINE if pattern.search(text)]
    assert found == []
