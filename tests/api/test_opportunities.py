"""Opportunities through the API: a partner's writes go through the same services (audit, lifecycle), a
Mission Locale reads what was diffused to it (read receipt), idempotent creation, scopes and 404s."""

import pytest

from relais.api.models import ApiDeliveryReading, IdempotentResponse
from relais.core.models import AuditEvent
from relais.opportunities.enums import OpportunityStatus
from relais.opportunities.models import Delivery, Opportunity
from tests.api.conftest import client_for, make_token
from tests.opportunities.factories import OpportunityFactory, in_days
from tests.positionings.factories import published_opportunity

pytestmark = pytest.mark.django_db

URL = "/api/v1/opportunities/"


@pytest.fixture
def payload(managers, rome):
    return {
        "publisher_id": managers.network.geiq.pk,
        "kind": "apprenticeship",
        "rome_title_code": rome.mason.ogr_code,
        "commune_code": "69123",
        "positions": 3,
        "start_date": in_days(40).isoformat(),
        "closing_date": in_days(30).isoformat(),
        "duration_months": 24,
        "weekly_hours": "35.0",
        "priority_publics": ["qpv_resident"],
    }


def test_a_partner_creates_publishes_and_closes_its_opportunity(geiq_client, payload):
    created = geiq_client.post(URL, payload, format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["status"] == "draft" and body["commune_code"] == "69123" and body["rome_code"] == "F1703"
    opportunity = Opportunity.objects.get(pk=body["id"])
    assert AuditEvent.objects.filter(action="opportunity.create", object_id=str(opportunity.pk)).exists()

    edited = geiq_client.patch(f"{URL}{opportunity.pk}/", {"positions": 4}, format="json")
    assert edited.status_code == 200 and edited.json()["positions"] == 4
    assert AuditEvent.objects.filter(action="opportunity.update", object_id=str(opportunity.pk)).exists()

    published = geiq_client.post(f"{URL}{opportunity.pk}/publish/", {}, format="json")
    assert published.status_code == 200 and published.json()["status"] == "published"
    assert published.json()["published_at"].endswith(("Z", "+01:00", "+02:00", "+00:00"))
    closed = geiq_client.post(f"{URL}{opportunity.pk}/close/", {}, format="json")
    assert closed.json()["status"] == "closed"
    assert opportunity.transitions.filter(name="close").exists()
    assert AuditEvent.objects.filter(action="opportunity.close", object_id=str(opportunity.pk)).exists()

    again = geiq_client.post(f"{URL}{opportunity.pk}/close/", {}, format="json")
    assert again.status_code == 400 and "Impossible" in again.json()["non_field_errors"][0]


def test_validation_errors_come_back_per_field_in_french(geiq_client, payload):
    payload.update(kind="job_cdi", duration_months=12, commune_code="00000", rome_title_code="nope")
    response = geiq_client.post(URL, payload, format="json")
    assert response.status_code == 400
    assert response.json()["commune_code"] == ["Aucune commune n'a ce code INSEE."]
    assert "OGR" in response.json()["rome_title_code"][0]

    payload.update(commune_code="69123", rome_title_code="15830")
    response = geiq_client.post(URL, payload, format="json")
    assert response.json() == {"duration_months": ["Un CDI n'a pas de durée : laissez ce champ vide."]}


def test_a_partner_cannot_publish_for_another_structure(geiq_client, payload, managers):
    payload["publisher_id"] = managers.network.geiq_2.pk
    response = geiq_client.post(URL, payload, format="json")
    assert response.status_code == 400 and "publiez pas" in response.json()["publisher_id"][0]
    assert not Opportunity.objects.exists()


def test_an_idempotent_retry_returns_the_first_answer_and_creates_nothing(geiq_client, payload):
    first = geiq_client.post(URL, payload, format="json", HTTP_IDEMPOTENCY_KEY="offre-42")
    retry = geiq_client.post(URL, payload, format="json", HTTP_IDEMPOTENCY_KEY="offre-42")
    assert first.status_code == retry.status_code == 201
    assert retry.json() == first.json() and retry["Idempotent-Replayed"] == "true"
    assert Opportunity.objects.count() == 1
    assert AuditEvent.objects.filter(action="opportunity.create").count() == 1
    other = geiq_client.post(URL, {**payload, "positions": 9}, format="json", HTTP_IDEMPOTENCY_KEY="offre-42")
    assert other.status_code == 422 and Opportunity.objects.count() == 1
    assert geiq_client.post(URL, payload, format="json", HTTP_IDEMPOTENCY_KEY="offre-43").status_code == 201
    assert Opportunity.objects.count() == 2 and IdempotentResponse.objects.count() == 2


def test_idempotency_keys_belong_to_their_token(managers, payload):
    _, one = make_token(managers.geiq_manager, managers.network.geiq)
    _, two = make_token(managers.geiq_manager, managers.network.geiq)
    client_for(one).post(URL, payload, format="json", HTTP_IDEMPOTENCY_KEY="k")
    client_for(two).post(URL, payload, format="json", HTTP_IDEMPOTENCY_KEY="k")
    assert Opportunity.objects.count() == 2


def test_a_mission_locale_reads_what_was_diffused_to_it_with_a_read_receipt(ml_a_client, managers, rome):
    network = managers.network
    diffused = published_opportunity(network, rome_title=rome.mason, mission_locales=[network.ml_a])
    OpportunityFactory(publisher=network.geiq, rome_title=rome.mason, commune=network.lyon)  # a draft
    ids = [row["id"] for row in ml_a_client.get(URL).json()["results"]]
    assert ids == [diffused.pk]
    assert not ApiDeliveryReading.objects.exists()  # a list is not a reading

    assert ml_a_client.get(f"{URL}{diffused.pk}/").status_code == 200
    delivery = Delivery.objects.get(opportunity=diffused, mission_locale=network.ml_a)
    assert ApiDeliveryReading.objects.filter(delivery=delivery).count() == 1
    delivery.refresh_from_db()
    assert delivery.first_read_at is not None  # ML A has a CRE: its reading counts as the ML's
    assert AuditEvent.objects.filter(action="opportunity.first_read", object_id=str(diffused.pk)).count() == 1
    ml_a_client.get(f"{URL}{diffused.pk}/")
    assert ApiDeliveryReading.objects.filter(delivery=delivery).count() == 1


def test_another_organisations_opportunity_answers_404(ml_b_client, geiq_client, managers, rome):
    network = managers.network
    only_a = published_opportunity(network, rome_title=rome.mason, mission_locales=[network.ml_a])
    assert ml_b_client.get(f"{URL}{only_a.pk}/").status_code == 404
    other = OpportunityFactory(publisher=network.geiq_2, rome_title=rome.mason, commune=network.lyon)
    assert geiq_client.get(f"{URL}{other.pk}/").status_code == 404
    assert geiq_client.post(f"{URL}{other.pk}/publish/", {}, format="json").status_code == 404


def test_a_mission_locale_cannot_edit_a_received_opportunity(ml_a_client, managers, rome):
    diffused = published_opportunity(managers.network, rome_title=rome.mason)
    response = ml_a_client.post(f"{URL}{diffused.pk}/close/", {}, format="json")
    assert response.status_code == 403
    diffused.refresh_from_db()
    assert diffused.status == OpportunityStatus.PUBLISHED


def test_a_read_only_token_cannot_write(managers, payload):
    _, secret = make_token(managers.geiq_manager, managers.network.geiq, scopes=["opportunities:read"])
    client = client_for(secret)
    assert client.get(URL).status_code == 200
    response = client.post(URL, payload, format="json")
    assert response.status_code == 403 and "opportunities:write" in response.json()["detail"]
    assert not Opportunity.objects.exists()
    _, other = make_token(managers.geiq_manager, managers.network.geiq, scopes=["directory:read"])
    assert client_for(other).get(URL).status_code == 403


def test_opportunities_filter_on_codes_and_dates(geiq_client, managers, rome):
    network = managers.network
    soon = published_opportunity(network, rome_title=rome.mason, start_date=in_days(10))
    published_opportunity(network, rome_title=rome.cleaner, start_date=in_days(60))
    rows = geiq_client.get(URL, {"rome_code": "F1703"}).json()["results"]
    assert [row["id"] for row in rows] == [soon.pk]
    rows = geiq_client.get(URL, {"start_date_to": in_days(20).isoformat()}).json()["results"]
    assert [row["id"] for row in rows] == [soon.pk]
