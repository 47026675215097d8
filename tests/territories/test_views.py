"""The commune picker endpoint shared by the opportunity and young person forms."""

import pytest
from django.urls import reverse

from relais.territories.models import Commune
from tests.territories.factories import CommuneFactory, DepartmentFactory

SEARCH = reverse("territories:commune_search")


@pytest.fixture
def communes(personas):
    rhone = DepartmentFactory(code="69", name="Rhône")
    loire = DepartmentFactory(code="42", name="Loire")
    return {
        "lyon_1": CommuneFactory(
            code="69381",
            kind=Commune.Kind.ARRONDISSEMENT,
            name="Lyon 1er Arrondissement",
            search_name="lyon 1er arrondissement",
            department=rhone,
            postal_codes=["69001"],
        ),
        "etienne": CommuneFactory(
            code="42218",
            name="Saint-Étienne",
            search_name="saint etienne",
            department=loire,
            postal_codes=["42000", "42100"],
            population=171000,
        ),
    }


@pytest.fixture
def counsellor_client(client, personas):
    client.force_login(personas.counsellor_a)
    return client


def search(client, query, **params):
    response = client.get(SEARCH, {"commune_q": query, **params}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    return response.content.decode()


def test_the_search_finds_communes_by_name(counsellor_client, personas):
    html = search(counsellor_client, "Greno")
    assert f'name="commune" value="{personas.network.grenoble.pk}"' in html
    assert "Grenoble (38185)" in html and "Isère (38) — 38000" in html


def test_the_search_ignores_accents_and_the_saint_abbreviation(counsellor_client, communes):
    assert "Saint-Étienne (42218)" in search(counsellor_client, "st etienne")
    assert "Saint-Étienne (42218)" in search(counsellor_client, "SAINT-ÉTIENNE")


def test_the_search_finds_communes_by_postal_code_and_insee_code(counsellor_client, communes):
    assert "Saint-Étienne (42218)" in search(counsellor_client, "42100")
    html = search(counsellor_client, "69381")
    assert "Lyon 1er Arrondissement (69381)" in html and "Saint-Étienne" not in html


def test_the_young_person_form_gets_the_insee_code_under_its_field_name(counsellor_client, communes):
    html = search(counsellor_client, "42000", field="commune_code", key="code")
    assert 'name="commune_code" value="42218"' in html


def test_the_search_asks_for_two_characters_and_says_when_nothing_matches(counsellor_client, communes):
    assert "Saisissez au moins deux caractères" in search(counsellor_client, "L")
    assert "Aucune commune ne correspond à « Zzz »" in search(counsellor_client, "Zzz")


def test_the_field_name_is_never_echoed_unless_it_is_a_plain_identifier(counsellor_client, personas):
    html = search(counsellor_client, "Greno", field="<script>")
    assert "script" not in html and 'name="commune"' in html


def test_the_endpoint_requires_login(client, personas):
    response = client.get(SEARCH, {"commune_q": "Greno"})
    assert response.status_code == 302 and "/comptes/connexion/" in response["Location"]
