"""The directory through the API: Missions Locales with sites, I-Milo codes and coverage, partners, referents,
conventions; scopes, filters and pagination bounds."""

import datetime

import pytest
from django.utils import timezone

from relais.organizations.models import Organization, Site
from tests.api.conftest import client_for, make_token
from tests.organizations.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

ML_LIST = "/api/v1/directory/missions-locales/"


def test_missions_locales_come_with_their_codes_and_sites(ml_a_client, managers):
    network = managers.network
    Site.objects.create(
        organization=network.ml_a, name="Antenne Part-Dieu", commune=network.lyon, is_main=True
    )
    network.ml_a.covered_communes.add(network.lyon)
    body = ml_a_client.get(ML_LIST).json()
    by_code = {row["imilo_code"]: row for row in body["results"]}
    lyon = by_code["69123S00"]
    assert lyon["name"] == "Mission Locale de Lyon"
    assert lyon["region_code"] == "84" and lyon["department_codes"] == ["69"]
    assert lyon["sites"] == [
        {
            "id": network.ml_a.sites.get().pk,
            "name": "Antenne Part-Dieu",
            "address": "",
            "postal_code": "",
            "commune_code": "69123",
            "phone": "",
            "is_main": True,
        }
    ]
    coverage = ml_a_client.get(f"{ML_LIST}{network.ml_a.pk}/coverage/").json()
    assert coverage == {"mission_locale_id": network.ml_a.pk, "commune_codes": ["69123"]}


def test_missions_locales_filter_on_codes(ml_a_client, managers):
    rows = ml_a_client.get(ML_LIST, {"imilo_code": "38185S00"}).json()["results"]
    assert [row["name"] for row in rows] == ["Mission Locale de Grenoble"]
    rows = ml_a_client.get(ML_LIST, {"department_code": "69"}).json()["results"]
    assert [row["imilo_code"] for row in rows] == ["69123S00"]


def test_updated_since_returns_only_what_changed(ml_a_client, managers):
    later = timezone.now() + datetime.timedelta(hours=1)
    Organization.objects.filter(pk=managers.network.ml_b.pk).update(
        updated_at=later + datetime.timedelta(minutes=1)
    )
    rows = ml_a_client.get(ML_LIST, {"updated_since": later.isoformat()}).json()["results"]
    assert [row["id"] for row in rows] == [managers.network.ml_b.pk]
    bad = ml_a_client.get(ML_LIST, {"updated_since": "hier"})
    assert bad.status_code == 400 and "updated_since" in bad.json()


def test_partners_carry_siret_and_naf_codes(geiq_client, managers):
    rows = geiq_client.get("/api/v1/directory/partners/", {"kind": "geiq"}).json()["results"]
    assert {row["name"] for row in rows} == {"GEIQ BTP Rhône", "GEIQ Propreté Isère"}
    assert all(set(row) >= {"siret", "naf_codes", "parent_id", "commune_code"} for row in rows)


def test_referents_are_listed_per_mission_locale(geiq_client, managers):
    rows = geiq_client.get(
        "/api/v1/directory/referents/", {"mission_locale_id": managers.network.ml_a.pk}
    ).json()["results"]
    assert [(row["partner_id"], row["last_name"]) for row in rows] == [(managers.network.geiq.pk, "Martin")]


def test_a_token_without_directory_scope_is_refused(managers):
    _, secret = make_token(managers.director_a, managers.network.ml_a, scopes=["opportunities:read"])
    response = client_for(secret).get(ML_LIST)
    assert response.status_code == 403
    assert "directory:read" in response.json()["detail"]


def test_pagination_is_bounded(ml_a_client, managers):
    for number in range(205):
        OrganizationFactory(name=f"Mission Locale n° {number:03}", imilo_code=f"99{number:03}S00")
    body = ml_a_client.get(ML_LIST, {"page_size": 1000}).json()
    assert len(body["results"]) == 200 and body["count"] == 207 and body["next"]
    assert len(ml_a_client.get(ML_LIST).json()["results"]) == 50
    assert ml_a_client.get(ML_LIST, {"page": 99}).status_code == 404


def test_list_queries_do_not_grow_with_rows(ml_a_client, managers, django_assert_max_num_queries):
    def count_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as context:
            assert ml_a_client.get(ML_LIST).status_code == 200
        return len(context)

    before = count_queries()
    for number in range(10):
        ml = OrganizationFactory(name=f"ML {number}", imilo_code=f"98{number:03}S00")
        Site.objects.create(organization=ml, name="Siège", commune=managers.network.lyon)
    assert count_queries() == before


def test_conventions_are_those_the_organisation_reads(ml_a_client, ml_b_client, managers):
    from tests.conventions.factories import ConventionFactory, PartyFactory

    convention = ConventionFactory(title="Convention ML Lyon – GEIQ BTP")
    PartyFactory(convention=convention, organization=managers.network.ml_a)
    PartyFactory(convention=convention, organization=managers.network.geiq)
    ids = [row["id"] for row in ml_a_client.get("/api/v1/conventions/").json()["results"]]
    assert ids == [convention.pk]
    assert ml_b_client.get(f"/api/v1/conventions/{convention.pk}/").status_code == 404


def test_an_id_filter_beyond_the_primary_keys_range_is_a_400_not_a_500(client, personas):
    """Found by schemathesis: ?partner_id=2**70 overflowed the SQLite driver."""
    client.force_login(personas.arml_coordinator)
    response = client.get("/api/v1/directory/referents/", {"partner_id": str(2**70)})
    assert response.status_code == 400
    assert "partner_id" in response.json()


def test_an_updated_since_with_an_offset_no_time_zone_has_is_a_400_not_a_500(client, personas):
    """Found by schemathesis on PostgreSQL: +17:17 is valid ISO 8601 but beyond what the database accepts."""
    client.force_login(personas.arml_coordinator)
    refused = client.get(
        "/api/v1/directory/missions-locales/", {"updated_since": "3883-12-11T06:13:21+17:17"}
    )
    assert refused.status_code == 400 and "updated_since" in refused.json()
    accepted = client.get(
        "/api/v1/directory/missions-locales/", {"updated_since": "2026-01-01T00:00:00+14:00"}
    )
    assert accepted.status_code == 200
