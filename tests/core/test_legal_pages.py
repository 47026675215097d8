"""The footer pages: public, in French, naming the operator configured in the settings."""

import pytest
from django.conf import settings
from django.test import override_settings

pytestmark = pytest.mark.django_db
BRAND = {**settings.RELAIS_BRAND, "operator_name": "Association Relais Emploi Jeunes"}
LEGAL = {
    **settings.RELAIS_LEGAL,
    "contact_email": "contact@relais-emploi.example",
    "dpo_email": "dpo@relais-emploi.example",
    "hosting_provider": "OVH SAS",
}


@override_settings(RELAIS_BRAND=BRAND, RELAIS_LEGAL=LEGAL)
@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/mentions-legales/", ["Mentions légales", "OVH SAS", "GeoNames", "CC BY 4.0"]),
        (
            "/donnees-personnelles/",
            ["visibles par <strong>tout membre connecté</strong>", "CNIL", "dpo@relais-emploi.example"],
        ),
        ("/accessibilite/", ["est non conforme</strong>", "Défenseur des droits"]),
        ("/plan-du-site/", ["Plan du site", "Mot de passe oublié"]),
    ],
)
def test_footer_pages_are_public_and_name_the_operator(client, url, expected):
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Association Relais Emploi Jeunes" in body
    for text in expected:
        assert text in body, text


def test_every_page_footer_links_to_the_legal_pages(client, personas):
    body = client.get("/comptes/connexion/").content.decode()
    for label, url in [
        ("Plan du site", "/plan-du-site/"),
        ("Accessibilité : non conforme", "/accessibilite/"),
        ("Mentions légales", "/mentions-legales/"),
        ("Données personnelles", "/donnees-personnelles/"),
    ]:
        assert f'href="{url}">{label}</a>' in body
    client.force_login(personas.counsellor_a)
    sitemap = client.get("/plan-du-site/").content.decode()
    assert "/reseau/missions-locales/" in sitemap and "Changer mon mot de passe" in sitemap


@override_settings(
    RELAIS_RETENTION_INACTIVE_MONTHS=18,
    RELAIS_RETENTION_NOTICE_DAYS=45,
    RELAIS_RETENTION_AGE_CAP_YEARS=3,
    RELAIS_LOG_RETENTION_MONTHS=6,
)
def test_the_personal_data_page_states_the_retention_durations_of_the_settings(client):
    body = client.get("/donnees-personnelles/").content.decode()
    for text in (
        "<strong>18 mois</strong>",
        "<strong>45 jours</strong>",
        "<strong>3 ans après les 26 ans</strong>",
    ):
        assert text in body, text
    assert "sont conservés <strong>6 mois</strong>" in body
    assert "n'apparaît plus dans aucune page ni aucun export des partenaires" in body
