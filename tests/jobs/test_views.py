"""The ROME title picker endpoints shared by the opportunity and young person forms."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from relais.jobs.models import RomeTitle

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "referentials"
SEARCH = reverse("jobs:rome_search")
SELECTION = reverse("jobs:rome_selection")


@pytest.fixture
def rome(db):
    call_command("load_rome", "--data-dir", str(FIXTURES / "data"), stdout=None)


@pytest.fixture
def counsellor_client(client, personas, rome):
    client.force_login(personas.counsellor_a)
    return client


def search(client, query, **params):
    response = client.get(SEARCH, {"rome_q": query, **params}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    return response.content.decode()


def test_the_search_finds_titles_by_words_whatever_the_accents(counsellor_client):
    pk = RomeTitle.objects.get(ogr_code="19369").pk
    html = search(counsellor_client, "secretaire MEDICALE")
    assert f'name="rome_title" value="{pk}"' in html
    assert "Secrétaire médical / médicale" in html and ">Secrétaire<" not in html
    assert "Hôte / Hôtesse d&#x27;accueil" in search(counsellor_client, "hôtesse")


def test_the_search_finds_titles_by_rome_code(counsellor_client):
    html = search(counsellor_client, "M1607")
    assert "Secrétaire médical / médicale" in html and "M1607 — Secrétariat" in html
    assert "Hôte" not in html


def test_the_search_asks_for_two_characters_and_says_when_nothing_matches(counsellor_client):
    assert "Saisissez au moins deux caractères" in search(counsellor_client, "s")
    assert "Aucune appellation ROME ne correspond à « zzz »" in search(counsellor_client, "zzz")


def test_a_single_choice_can_post_the_ogr_code_under_the_form_field_name(counsellor_client):
    html = search(counsellor_client, "secretaire medicale", field="job_code", key="code")
    assert 'name="job_code" value="19369"' in html


def test_a_multiple_choice_offers_buttons_that_add_a_tag(counsellor_client):
    html = search(counsellor_client, "secretaire", field="sought_codes", multiple="1")
    assert 'type="radio"' not in html
    assert f'hx-get="{SELECTION}"' in html
    assert '"field": "sought_codes", "add": "19369"' in html


def test_the_field_name_is_never_echoed_unless_it_is_a_plain_identifier(counsellor_client):
    html = search(counsellor_client, "secretaire", field='x" onclick="alert(1)')
    assert "onclick" not in html and 'name="rome_title"' in html


def test_the_selection_adds_a_title_once_and_keeps_the_order(counsellor_client):
    response = counsellor_client.get(
        SELECTION, {"field": "sought_codes", "sought_codes": ["19369", "12345"], "add": "19369"}
    )
    html = response.content.decode()
    assert html.count('type="hidden" name="sought_codes"') == 2
    assert html.index('value="19369"') < html.index('value="12345"')
    assert "fr-tag--dismiss" in html and 'aria-label="Retirer Secrétaire médical / médicale"' in html
    html = counsellor_client.get(SELECTION, {"field": "sought_codes", "add": "38630"}).content.decode()
    assert html.count('type="hidden"') == 1 and "Hôte / Hôtesse d&#x27;accueil (M1601)" in html


def test_the_selection_shows_an_unknown_code_so_it_can_be_removed(counsellor_client):
    html = counsellor_client.get(SELECTION, {"field": "sought_codes", "add": "00000"}).content.decode()
    assert "Code OGR inconnu : 00000" in html and 'value="00000"' in html


def test_the_endpoints_require_login(client, rome):
    response = client.get(SEARCH, {"rome_q": "secretaire"})
    assert response.status_code == 302 and "/comptes/connexion/" in response["Location"]
    assert client.get(SELECTION, {"add": "19369"}).status_code == 302
