"""Every URL of the project asks an anonymous visitor to log in, except the documented public pages."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

# The public pages the README lists: login and password reset, health check, the footer pages.
PUBLIC = {
    "accounts:login",
    "accounts:reset",
    "accounts:reset_sent",
    "accounts:reset_confirm",
    "accounts:reset_complete",
    # ProConnect's start and return (404 while it is not configured).
    "accounts:proconnect_login",
    "accounts:proconnect_callback",
    "core:health",
    "core:legal_notice",
    "core:personal_data",
    "core:accessibility",
    "core:sitemap",
    # The browser's icon request, a redirect to the DSFR's static icon.
    "core:favicon",
    # Django's admin has its own login page, to which every other admin page redirects.
    "admin:login",
    # Calendar subscription links: the secret in the address stands for the login (404 for a wrong one).
    "conventions:feed",
    # The API's documentation and schema are public; any other address under /api/v1/ answers a JSON 404.
    "api:docs",
    "api:schema",
    "api:relais.api.urls.not_found",
}
SAMPLES = {"app_label": "accounts", "model_name": "user", "url": "x", "token": "set-password"}


def walk(resolver: URLResolver, prefix: str = "", namespace: str = ""):
    """(qualified name, sample path) of every pattern, filling each parameter with a plausible value."""
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry, prefix + _sample(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name or entry.lookup_str}", "/" + prefix + _sample(entry.pattern)


def _sample(pattern) -> str:
    text = str(pattern).lstrip("^").rstrip("$")
    text = re.sub(r"<(?:(\w+):)?(\w+)>", lambda m: SAMPLES.get(m.group(2), "1"), text)
    # Regular-expression routes (the admin's): a named group becomes its sample, alternatives their first branch.
    text = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: SAMPLES.get(m.group(1), "1"), text)
    return text.replace("\\", "")


ROUTES = sorted(set(walk(get_resolver())))


def test_the_walk_covers_the_whole_project():
    names = {name for name, _ in ROUTES}
    assert {"organizations:ml_list", "accounts:password_change", "core:home", "admin:index"} <= names
    assert len(ROUTES) > 60


@pytest.mark.parametrize(("name", "path"), ROUTES, ids=[name for name, _ in ROUTES])
def test_anonymous_visitors_are_sent_to_a_login_page(client, name, path):
    response = client.get(path)
    if name in PUBLIC:
        assert response.status_code in (200, 302, 404), (name, path, response.status_code)
        if response.status_code == 302:
            assert "connexion" not in response["Location"] or name == "accounts:login", (name, path)
        return
    if path.startswith("/api/v1/"):
        # The API answers a client, not a browser: 401 in JSON, never the login page (404 for an id not found).
        assert response.status_code in (401, 404), (name, path, response.status_code)
        assert response["Content-Type"].startswith("application/json"), (name, path)
        return
    assert response.status_code == 302, (name, path, response.status_code)
    logins = (
        ("/comptes/connexion/", "/admin/login/") if name.startswith("admin:") else ("/comptes/connexion/",)
    )
    assert response["Location"].startswith(logins), (name, path, response["Location"])
