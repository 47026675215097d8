"""Positionings through the API: a Mission Locale proposes and follows its own, a partner reads its
transmitted candidates within consent (never a priority-public flag) and answers; same audit, log and
e-mails as the pages."""

import datetime

import pytest
from django.utils import timezone

from relais.core.models import AccessLog, AuditEvent
from relais.core.notifications import OutboxEmail
from relais.core.scope import Scope
from relais.core.workflows import apply
from relais.positionings.enums import PositioningStatus as S
from relais.positionings.lifecycle import POSITIONING_LIFECYCLE
from relais.positionings.models import Positioning
from tests.api.conftest import client_for, make_token
from tests.positionings.factories import consenting_youth, positioning_at, published_opportunity

pytestmark = pytest.mark.django_db

URL = "/api/v1/positionings/"
CANARY = "CANARI-RQTH"


@pytest.fixture
def opportunity(managers, rome):
    return published_opportunity(managers.network, rome_title=rome.mason)


@pytest.fixture
def youth(managers, rome):
    return consenting_youth(
        managers.network.ml_a,
        counsellor=managers.counsellor_a.person,
        imilo_id=CANARY,
        first_name="Léa",
        last_name="Dupont",
        commune=managers.network.lyon,
        qpv_resident=True,
        rqth=True,
        cej_beneficiary=True,
        school_dropout=True,
        no_diploma=True,
    )


def test_a_mission_locale_proposes_one_of_its_young_people(ml_a_client, youth, opportunity):
    response = ml_a_client.post(
        URL,
        {"youth_id": youth.pk, "opportunity_id": opportunity.pk, "motivation": "Très motivée"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="prop-1",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "proposed" and body["youth"]["imilo_id"] == CANARY
    assert body["youth"]["priority_flags"]["rqth"] is True and body["candidate"] is None
    assert AuditEvent.objects.filter(action="positioning.propose", object_id=str(body["id"])).exists()
    retry = ml_a_client.post(
        URL,
        {"youth_id": youth.pk, "opportunity_id": opportunity.pk, "motivation": "Très motivée"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="prop-1",
    )
    assert retry.json() == body and Positioning.objects.count() == 1


def test_another_mission_locales_young_person_answers_404(ml_b_client, youth, opportunity):
    response = ml_b_client.post(URL, {"youth_id": youth.pk, "opportunity_id": opportunity.pk}, format="json")
    assert response.status_code == 404
    assert not Positioning.objects.exists()


def test_a_partner_never_sees_a_priority_public_flag(managers, geiq_client, youth, opportunity):
    transmitted = positioning_at(managers, S.TRANSMITTED, youth=youth, opportunity=opportunity)
    positioning_at(  # still waiting for the referent: not the partner's
        managers,
        S.PROPOSED,
        youth=consenting_youth(managers.network.ml_a, counsellor=managers.counsellor_a.person),
        opportunity=opportunity,
    )
    listed = geiq_client.get(URL)
    one = geiq_client.get(f"{URL}{transmitted.pk}/")
    for response in (listed, one):
        text = response.content.decode()
        assert response.status_code == 200
        assert CANARY not in text
        assert "priority_flags" not in text.replace('"youth":null', "")
        for flag in ("qpv_resident", "rqth", "cej_beneficiary", "school_dropout", "no_diploma"):
            assert flag not in text
    assert [row["id"] for row in listed.json()["results"]] == [transmitted.pk]
    assert one.json()["candidate"]["last_name"] == "Dupont" and one.json()["youth"] is None
    # The reads are in the access log, as on the pages.
    assert AccessLog.objects.filter(subjects__subject_id=youth.pk, kind="list").count() == 2


def test_a_partner_acknowledges_and_records_an_outcome_like_on_the_pages(
    managers, geiq_client, youth, opportunity
):
    positioning = positioning_at(managers, S.TRANSMITTED, youth=youth, opportunity=opportunity)
    before = OutboxEmail.objects.count()
    response = geiq_client.post(f"{URL}{positioning.pk}/transitions/", {"name": "acknowledge"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "acknowledged"
    assert AuditEvent.objects.filter(action="positioning.acknowledge", object_id=str(positioning.pk)).exists()
    assert positioning.transitions.filter(name="acknowledge").exists()
    api_mails = set(OutboxEmail.objects.all()[before:].values_list("code", "recipient_id"))

    # The same answer through the page's path (the service with a person's Scope) tells the same people.
    other = positioning_at(
        managers,
        S.TRANSMITTED,
        youth=consenting_youth(managers.network.ml_a, counsellor=managers.counsellor_a.person),
        opportunity=opportunity,
    )
    mark = OutboxEmail.objects.count()
    apply(POSITIONING_LIFECYCLE, other, "acknowledge", scope=Scope.for_user(managers.geiq_recruiter))
    page_mails = set(OutboxEmail.objects.all()[mark:].values_list("code", "recipient_id"))
    assert api_mails and api_mails == page_mails

    not_retained = geiq_client.post(
        f"{URL}{positioning.pk}/transitions/",
        {"name": "not_retain", "not_retained_reason": "no_show"},
        format="json",
    )
    assert not_retained.json()["status"] == "not_retained"


def test_a_missing_value_comes_back_under_its_field(managers, geiq_client, youth, opportunity):
    positioning = positioning_at(managers, S.TRANSMITTED, youth=youth, opportunity=opportunity)
    response = geiq_client.post(
        f"{URL}{positioning.pk}/transitions/", {"name": "plan_interview"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "interview_at": ["Indiquez la date de l'entretien ou de l'information collective."]
    }
    wrong = geiq_client.post(f"{URL}{positioning.pk}/transitions/", {"name": "transmit"}, format="json")
    assert wrong.status_code in (400, 403)


def test_positionings_scopes_are_enforced(managers, youth, opportunity):
    positioning = positioning_at(managers, S.TRANSMITTED, youth=youth, opportunity=opportunity)
    _, read_only = make_token(managers.geiq_manager, managers.network.geiq, scopes=["positionings:read"])
    client = client_for(read_only)
    assert client.get(URL).status_code == 200
    response = client.post(f"{URL}{positioning.pk}/transitions/", {"name": "acknowledge"}, format="json")
    assert response.status_code == 403
    _, none = make_token(managers.geiq_manager, managers.network.geiq, scopes=["opportunities:read"])
    assert client_for(none).get(URL).status_code == 403


def test_an_observer_token_reaches_no_positioning(managers, youth, opportunity):
    positioning_at(managers, S.TRANSMITTED, youth=youth, opportunity=opportunity)
    managers.state_manager.person.memberships.update(role="observer")
    from relais.api.models import ApiToken
    from relais.api.tokens import hash_secret

    secret = "rls_observer-token-of-the-state-service-0001"
    ApiToken.objects.create(
        organization=managers.network.state,
        label="Tableau de bord",
        scopes=["positionings:read", "opportunities:read"],
        prefix=secret[4:12],
        key_hash=hash_secret(secret),
        expires_at=timezone.now() + datetime.timedelta(days=30),
    )
    client = client_for(secret)
    assert client.get(URL).json()["count"] == 0
    assert client.get("/api/v1/opportunities/").json()["count"] == 0
