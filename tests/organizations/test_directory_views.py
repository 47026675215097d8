"""Directory pages: search, detail, exports, coverage."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from relais.organizations.enums import OrganizationKind
from tests.organizations.factories import OrganizationFactory, PartnerReferentFactory
from tests.territories.factories import DepartmentFactory, RegionFactory

pytestmark = pytest.mark.django_db


def test_mission_locale_directory_is_searchable_by_name(client, personas):
    client.force_login(personas.counsellor_b)
    response = client.get("/reseau/missions-locales/", {"q": "lyon"})
    assert response.status_code == 200
    assert "Mission Locale de Lyon" in response.content.decode()
    assert "Mission Locale de Grenoble" not in response.content.decode()


def test_mission_locale_directory_filters_by_department_and_region(client, personas):
    client.force_login(personas.arml_coordinator)
    body = client.get("/reseau/missions-locales/", {"department": "38"}).content.decode()
    assert "Mission Locale de Grenoble" in body and "Mission Locale de Lyon" not in body
    body = client.get("/reseau/missions-locales/", {"region": "44"}).content.decode()
    assert "Aucune Mission Locale ne correspond" in body


def test_mission_locale_directory_query_count_does_not_grow(client, personas):
    client.force_login(personas.arml_coordinator)

    def queries_for_list():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/reseau/missions-locales/").status_code == 200
        return len(captured)

    few = queries_for_list()
    for n in range(30):
        ml = OrganizationFactory(
            name=f"Mission Locale test {n}", parent=personas.network.arml, region=personas.network.aura
        )
        ml.departments.add(personas.network.rhone)
    assert queries_for_list() == few


def test_mission_locale_page_shows_its_referents_and_parent(client, personas):
    client.force_login(personas.state_observer)
    body = client.get(f"/reseau/organisations/{personas.network.ml_a.pk}/").content.decode()
    assert "AMILAURA" in body
    assert "GEIQ BTP Rhône" in body
    assert "Chloé Martin" in body


def test_partner_directory_lists_geiq_with_sector(client, personas):
    client.force_login(personas.counsellor_a)
    body = client.get("/reseau/partenaires/", {"kind": "geiq"}).content.decode()
    assert "GEIQ BTP Rhône" in body and "Bâtiment &amp; Travaux Publics" in body
    assert "AMILAURA" not in body


def test_coverage_page_shows_missing_referents(client, personas):
    client.force_login(personas.geiq_coordinator)
    response = client.get("/reseau/couverture/", {"network": personas.network.cr_geiq.pk, "region": "84"})
    rows = {row["mission_locale"].name: row for row in response.context["rows"]}
    # ML A has a referent for the GEIQ BTP only; ML B has none.
    assert rows["Mission Locale de Lyon"]["missing"] == 1
    assert rows["Mission Locale de Grenoble"]["missing"] == 2
    assert "2</strong> Missions Locales sur 2" in response.content.decode()
    PartnerReferentFactory(
        mission_locale=personas.network.ml_a, partner=personas.network.geiq_2, person=personas.cre_a.person
    )
    response = client.get("/reseau/couverture/", {"network": personas.network.cr_geiq.pk, "region": "84"})
    assert {r["mission_locale"].name: r["missing"] for r in response.context["rows"]}[
        "Mission Locale de Lyon"
    ] == 0


def test_mission_locale_page_lists_the_contacts_partners_need_but_not_the_counsellors(client, personas):
    client.force_login(personas.geiq_recruiter)
    response = client.get(f"/reseau/organisations/{personas.network.ml_a.pk}/")
    contacts = [m.person.email for m in response.context["contacts"]]
    assert contacts == ["cre@ml-lyon.test"]
    assert "conseil@ml-lyon.test" not in response.content.decode()


def test_an_arml_of_several_regions_shows_all_of_them(client, personas):
    guadeloupe = RegionFactory(code="01", name="Guadeloupe")
    martinique = RegionFactory(code="02", name="Martinique")
    arml = OrganizationFactory(
        kind=OrganizationKind.ARML, name="ARML Antilles-Guyane", slug="arml-01", region=guadeloupe
    )
    arml.departments.add(
        DepartmentFactory(code="971", name="Guadeloupe", region=guadeloupe),
        DepartmentFactory(code="972", name="Martinique", region=martinique),
    )
    client.force_login(personas.counsellor_a)
    body = client.get(f"/reseau/organisations/{arml.pk}/").content.decode()
    assert "Régions couvertes" in body
    assert "Guadeloupe, Martinique — Guadeloupe (971), Martinique (972)" in body
