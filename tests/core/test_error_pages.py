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
