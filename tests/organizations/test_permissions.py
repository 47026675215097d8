"""Who may see and change what in the directory, per persona."""

import pytest

from relais.core.models import AuditEvent
from relais.organizations.models import PartnerReferent

pytestmark = pytest.mark.django_db

DIRECTORY_PAGES = ["/", "/reseau/missions-locales/", "/reseau/partenaires/", "/reseau/couverture/"]
PERSONAS = [
    "arml_coordinator",
    "geiq_coordinator",
    "cre_a",
    "counsellor_a",
    "counsellor_b",
    "geiq_recruiter",
    "state_observer",
    "admin",
]


@pytest.mark.parametrize("url", DIRECTORY_PAGES + ["/reseau/organisations/1/"])
def test_every_page_requires_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith("/comptes/connexion/")


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_persona_reads_the_directory(client, personas, persona):
    client.force_login(getattr(personas, persona))
    for url in DIRECTORY_PAGES:
        assert client.get(url).status_code == 200, url


def test_team_page_is_visible_inside_the_organisation_and_from_its_arml(client, personas):
    url = f"/reseau/organisations/{personas.network.ml_a.pk}/equipe/"
    for persona in ["counsellor_a", "cre_a", "arml_coordinator", "admin"]:
        client.force_login(getattr(personas, persona))
        assert client.get(url).status_code == 200, persona


@pytest.mark.parametrize("persona", ["counsellor_b", "geiq_recruiter", "geiq_coordinator", "state_observer"])
def test_team_page_of_another_organisation_answers_404(client, personas, persona):
    client.force_login(getattr(personas, persona))
    assert client.get(f"/reseau/organisations/{personas.network.ml_a.pk}/equipe/").status_code == 404


def test_cre_names_a_referent_for_their_mission_locale(client, personas):
    client.force_login(personas.cre_a)
    url = f"/reseau/organisations/{personas.network.ml_a.pk}/referents/nouveau/"
    response = client.post(
        url, {"partner": personas.network.geiq_2.pk, "person": personas.counsellor_a.person.pk}
    )
    assert response.status_code == 302
    referent = PartnerReferent.objects.get(
        mission_locale=personas.network.ml_a, partner=personas.network.geiq_2
    )
    assert referent.person == personas.counsellor_a.person
    assert AuditEvent.objects.filter(action="referent.assign", object_id=str(referent.pk)).exists()


def test_arml_coordinator_manages_referents_of_its_missions_locales(client, personas):
    client.force_login(personas.arml_coordinator)
    assert (
        client.get(f"/reseau/organisations/{personas.network.ml_b.pk}/referents/nouveau/").status_code == 200
    )


@pytest.mark.parametrize(
    "persona", ["counsellor_b", "counsellor_a", "geiq_recruiter", "geiq_coordinator", "state_observer"]
)
def test_referents_of_another_mission_locale_cannot_be_changed(client, personas, persona):
    client.force_login(getattr(personas, persona))
    url = f"/reseau/organisations/{personas.network.ml_a.pk}/referents/nouveau/"
    response = client.post(url, {"partner": personas.network.geiq_2.pk, "person": personas.cre_a.person.pk})
    assert response.status_code == 404
    assert not PartnerReferent.objects.filter(partner=personas.network.geiq_2).exists()
    delete_url = (
        f"/reseau/organisations/{personas.network.ml_a.pk}/referents/{personas.cre_a_referent.pk}/retirer/"
    )
    assert client.post(delete_url).status_code == 404
    assert PartnerReferent.objects.filter(pk=personas.cre_a_referent.pk).exists()


def test_referent_must_belong_to_the_mission_locale_and_the_form_keeps_the_choice(client, personas):
    client.force_login(personas.cre_a)
    url = f"/reseau/organisations/{personas.network.ml_a.pk}/referents/nouveau/"
    outsider = personas.counsellor_b.person
    response = client.post(url, {"partner": personas.network.geiq_2.pk, "person": outsider.pk})
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert response.context["form"].data["partner"] == str(personas.network.geiq_2.pk)


def test_cre_removes_a_referent_after_confirmation(client, personas):
    client.force_login(personas.cre_a)
    url = f"/reseau/organisations/{personas.network.ml_a.pk}/referents/{personas.cre_a_referent.pk}/retirer/"
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    assert not PartnerReferent.objects.filter(pk=personas.cre_a_referent.pk).exists()


def test_admin_site_is_for_platform_administrators_only(client, personas):
    client.force_login(personas.arml_coordinator)
    assert client.get("/admin/").status_code == 302
    client.force_login(personas.admin)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/organizations/organization/").status_code == 200


def test_an_inactive_organisation_answers_404_except_to_platform_staff(client, personas):
    n = personas.network
    n.geiq_2.is_active = False
    n.geiq_2.save(update_fields=["is_active"])
    url = f"/reseau/organisations/{n.geiq_2.pk}/"
    client.force_login(personas.geiq_coordinator)
    assert client.get(url).status_code == 404
    client.force_login(personas.admin)
    response = client.get(url)
    assert response.status_code == 200 and "Inactive" in response.content.decode()


def test_an_inactive_partner_is_neither_listed_among_members_nor_among_referents(client, personas):
    n = personas.network
    n.geiq.is_active = False
    n.geiq.save(update_fields=["is_active"])
    client.force_login(personas.geiq_coordinator)
    assert [c.name for c in client.get(f"/reseau/organisations/{n.cr_geiq.pk}/").context["children"]] == [
        "GEIQ Propreté Isère"
    ]
    assert not client.get(f"/reseau/organisations/{n.ml_a.pk}/").context["referents"]


def test_referent_pages_of_another_mission_locale_answer_404(client, personas):
    client.force_login(personas.cre_a)
    assert (
        client.get(f"/reseau/organisations/{personas.network.ml_b.pk}/referents/nouveau/").status_code == 404
    )
    client.force_login(personas.arml_coordinator)
    assert (
        client.get(f"/reseau/organisations/{personas.network.ml_b.pk}/referents/nouveau/").status_code == 200
    )
