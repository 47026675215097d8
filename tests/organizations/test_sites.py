"""Points d'accueil: managers of a Mission Locale (and its ARML) add, edit and delete them."""

import pytest

from relais.core.models import AuditEvent
from relais.organizations.models import Site
from tests.territories.factories import CommuneFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def director_a(personas):
    from relais.organizations.enums import Role
    from tests.organizations.factories import user_with_role

    return user_with_role(personas.network.ml_a, Role.DIRECTOR, "direction@ml-lyon.test")


def _site_data(**overrides):
    data = {
        "name": "Antenne de la Croix-Rousse",
        "address": "10 rue d'Austerlitz",
        "postal_code": "69001",
        "commune_code": "69123",
        "phone": "04 72 00 00 00",
        "is_main": "on",
    }
    data.update(overrides)
    return data


def test_director_adds_a_site_and_it_shows_on_the_page(client, personas, director_a):
    client.force_login(director_a)
    ml = personas.network.ml_a
    response = client.post(f"/reseau/organisations/{ml.pk}/points-d-accueil/nouveau/", _site_data())
    assert response.status_code == 302
    site = Site.objects.get(organization=ml)
    assert (site.commune, site.is_main) == (personas.network.lyon, True)
    assert AuditEvent.objects.filter(action="site.create", object_id=str(site.pk)).exists()
    assert "Antenne de la Croix-Rousse" in client.get(f"/reseau/organisations/{ml.pk}/").content.decode()


def test_only_one_main_site_is_kept(client, personas, director_a):
    client.force_login(director_a)
    ml = personas.network.ml_a
    url = f"/reseau/organisations/{ml.pk}/points-d-accueil/nouveau/"
    client.post(url, _site_data(name="Siège historique"))
    client.post(url, _site_data(name="Nouveau siège"))
    assert list(Site.objects.filter(organization=ml, is_main=True).values_list("name", flat=True)) == [
        "Nouveau siège"
    ]


def test_unknown_commune_and_mismatched_postal_code_are_refused_and_the_input_is_kept(
    client, personas, director_a
):
    client.force_login(director_a)
    url = f"/reseau/organisations/{personas.network.ml_a.pk}/points-d-accueil/nouveau/"
    body = client.post(url, _site_data(commune_code="99999")).content.decode()
    assert "Aucune commune ne porte ce code INSEE." in body
    assert 'value="Antenne de la Croix-Rousse"' in body
    body = client.post(url, _site_data(postal_code="38000")).content.decode()
    assert "Le code postal 38000 ne correspond pas à la commune Lyon." in body
    assert 'name="commune_code" value="69123" checked' in body
    assert not Site.objects.exists()


def test_arml_coordinator_edits_a_site_of_its_mission_locale(client, personas):
    ml = personas.network.ml_b
    site = Site.objects.create(organization=ml, name="Antenne", commune=personas.network.grenoble)
    villeurbanne = CommuneFactory(
        code="69266", name="Villeurbanne", department=personas.network.rhone, postal_codes=["69100"]
    )
    client.force_login(personas.arml_coordinator)
    url = f"/reseau/organisations/{ml.pk}/points-d-accueil/{site.pk}/"
    assert 'value="Antenne"' in client.get(url).content.decode()
    response = client.post(url, _site_data(name="Antenne Est", commune_code="69266", postal_code="69100"))
    assert response.status_code == 302
    site.refresh_from_db()
    assert (site.name, site.commune) == ("Antenne Est", villeurbanne)


def test_delete_asks_for_confirmation_first(client, personas, director_a):
    site = Site.objects.create(
        organization=personas.network.ml_a, name="Antenne", commune=personas.network.lyon
    )
    client.force_login(director_a)
    url = f"/reseau/organisations/{personas.network.ml_a.pk}/points-d-accueil/{site.pk}/supprimer/"
    assert "Cette action est définitive" in client.get(url).content.decode()
    assert Site.objects.filter(pk=site.pk).exists()
    assert client.post(url).status_code == 302
    assert not Site.objects.filter(pk=site.pk).exists()


@pytest.mark.parametrize(
    "persona", ["counsellor_a", "cre_a", "counsellor_b", "geiq_recruiter", "state_observer"]
)
def test_people_who_do_not_manage_the_mission_locale_get_404(client, personas, persona):
    site = Site.objects.create(
        organization=personas.network.ml_a, name="Antenne", commune=personas.network.lyon
    )
    client.force_login(getattr(personas, persona))
    base = f"/reseau/organisations/{personas.network.ml_a.pk}/points-d-accueil"
    assert client.get(f"{base}/nouveau/").status_code == 404
    assert client.post(f"{base}/{site.pk}/", _site_data()).status_code == 404
    assert client.post(f"{base}/{site.pk}/supprimer/").status_code == 404
    assert Site.objects.filter(pk=site.pk, name="Antenne").exists()
