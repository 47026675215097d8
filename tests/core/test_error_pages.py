"""Error pages are in French and keep the site's layout."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_missing_page_answers_a_french_404(client, personas):
    client.force_login(personas.counsellor_a)
    response = client.get("/reseau/organisations/999999/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_a_forbidden_page_answers_a_french_403(client, personas):
    client.force_login(personas.state_observer)
    response = client.get("/jeunes/")
    assert response.status_code == 403
    assert "Accès refusé" in response.content.decode()


def test_under_debug_an_object_out_of_reach_still_answers_the_french_404(client, personas, settings):
    """`make run` serves with DEBUG: an out-of-scope link showed Django's English technical 404."""
    settings.DEBUG = True
    client.force_login(personas.counsellor_a)
    response = client.get("/reseau/organisations/999999/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Page introuvable" in body and "Django tried these URL patterns" not in body
    assert "Retour à l&#x27;accueil" in body or "Retour à l'accueil" in body


def test_the_favicon_is_served_to_anyone(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response.url.endswith("favicon/favicon.ico")


def test_the_login_page_offers_no_skip_link_to_a_menu_it_does_not_have(client):
    body = client.get("/comptes/connexion/").content.decode()
    assert 'href="#content"' in body and 'href="#menu"' not in body


def test_under_debug_an_address_no_route_matches_answers_the_french_404(client, personas, settings):
    """`make run`: /jeunes/importer/ showed Django's English « Page not found at » with the URL patterns."""
    settings.DEBUG = True
    client.force_login(personas.counsellor_a)
    response = client.get("/jeunes/importer/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Page introuvable" in body and "Django tried these URL patterns" not in body
    # A known address typed without its final slash is still redirected to it.
    assert client.get("/jeunes/import").status_code == 301
