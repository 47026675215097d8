"""Events delivered to real HTTP receivers on 127.0.0.1: signed, shaped by what each organisation reads through
the API (never a priority-public flag for a partner), only to organisations the event concerns."""

import datetime
import hashlib
import hmac
import time

import pytest

from relais.core.models import AccessLog
from relais.core.scope import Scope
from relais.core.workflows import apply
from relais.events.enums import EventStatus
from relais.events.lifecycle import EVENT_LIFECYCLE
from relais.opportunities.enums import PerimeterKind
from relais.opportunities.services import opportunity_diffuse
from relais.positionings.enums import PositioningStatus as S
from relais.webhooks.enums import DeliveryStatus
from relais.webhooks.models import WebhookDelivery
from tests.events.factories import make_event
from tests.positionings.factories import consenting_youth, positioning_at, published_opportunity
from tests.webhooks.conftest import register

pytestmark = pytest.mark.django_db

CANARY = "CANARI-RQTH"
TRANSMITTED = "positioning.transmitted"


def verify_signature(secret: str, header: str, body: bytes, tolerance: int = 300) -> bool:
    """What a receiver runs (the README's snippet): t=...,v1=... over "t.body", HMAC-SHA256."""
    fields = dict(part.split("=", 1) for part in header.split(","))
    timestamp = int(fields["t"])
    if abs(time.time() - timestamp) > tolerance:
        return False
    expected = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, fields["v1"])


@pytest.fixture
def opportunity(managers, rome):
    return published_opportunity(managers.network, rome_title=rome.mason)


@pytest.fixture
def youth(managers):
    return consenting_youth(
        managers.network.ml_a,
        counsellor=managers.counsellor_a.person,
        imilo_id=CANARY,
        first_name="Léa",
        last_name="Dupont",
        commune=managers.network.lyon,
        rqth=True,
        qpv_resident=True,
    )


def test_a_transmitted_candidate_reaches_the_partner_signed_and_without_any_priority_public_flag(
    managers, receiver, youth, opportunity, django_capture_on_commit_callbacks
):
    n = managers.network
    _, partner_secret = register(managers.geiq_manager, n.geiq, receiver.url("/geiq"), [TRANSMITTED])
    _, ml_secret = register(managers.director_a, n.ml_a, receiver.url("/ml-a"), [TRANSMITTED])
    with django_capture_on_commit_callbacks(execute=True):
        positioning = positioning_at(managers, S.TRANSMITTED, youth=youth, opportunity=opportunity)

    [to_partner] = receiver.at("/geiq")
    assert verify_signature(partner_secret, to_partner.headers["X-Relais-Signature"], to_partner.body)
    assert not verify_signature(ml_secret, to_partner.headers["X-Relais-Signature"], to_partner.body)
    assert to_partner.headers["X-Relais-Event"] == TRANSMITTED
    body = to_partner.json
    assert body["type"] == TRANSMITTED and body["organization_id"] == n.geiq.pk
    assert body["data"]["id"] == positioning.pk and body["data"]["youth"] is None
    assert body["data"]["candidate"]["first_name"] == "Léa"
    # The canary: neither the I-Milo identifier nor any priority-public flag leaves for the partner.
    assert CANARY.encode() not in to_partner.body
    for flag in (b"priority_flags", b"rqth", b"qpv"):
        assert flag not in to_partner.body

    # The Mission Locale's own endpoint gets its staff view, flags included (what its API token reads).
    [to_ml] = receiver.at("/ml-a")
    assert verify_signature(ml_secret, to_ml.headers["X-Relais-Signature"], to_ml.body)
    assert to_ml.json["data"]["youth"]["imilo_id"] == CANARY
    assert to_ml.json["data"]["youth"]["priority_flags"]["rqth"] is True
    assert WebhookDelivery.objects.filter(status=DeliveryStatus.SUCCEEDED).count() == 2
    # Sending a young person's data to an organisation is a reading of it: access-logged, one per organisation.
    assert AccessLog.objects.filter(description__startswith=f"Webhook {TRANSMITTED}").count() == 2


def test_a_tampered_body_or_an_old_timestamp_fails_the_signature(
    managers, receiver, youth, opportunity, django_capture_on_commit_callbacks
):
    _, secret = register(managers.geiq_manager, managers.network.geiq, receiver.url("/geiq"), [TRANSMITTED])
    with django_capture_on_commit_callbacks(execute=True):
        positioning_at(managers, S.TRANSMITTED, youth=youth, opportunity=opportunity)
    [received] = receiver.requests
    header = received.headers["X-Relais-Signature"]
    assert verify_signature(secret, header, received.body)
    assert not verify_signature(secret, header, received.body.replace(b"L\xc3\xa9a", b"Lia"))
    assert not verify_signature(secret, header, received.body, tolerance=-1)


def test_another_organisations_positioning_is_not_delivered(
    managers, receiver, youth, opportunity, django_capture_on_commit_callbacks
):
    n = managers.network
    register(managers.director_b, n.ml_b, receiver.url("/ml-b"), [TRANSMITTED])
    register(managers.geiq_2_manager, n.geiq_2, receiver.url("/geiq-2"), [TRANSMITTED])
    # Subscribed to other events only: nothing either.
    register(managers.geiq_manager, n.geiq, receiver.url("/geiq"), ["event.published"])
    with django_capture_on_commit_callbacks(execute=True):
        positioning_at(managers, S.TRANSMITTED, youth=youth, opportunity=opportunity)
    assert receiver.requests == []
    assert not WebhookDelivery.objects.exists()


def test_a_diffusion_reaches_the_missions_locales_it_reaches_and_the_publisher_only(
    managers, receiver, rome, django_capture_on_commit_callbacks
):
    n = managers.network
    opportunity = published_opportunity(n, rome_title=rome.mason, mission_locales=[])
    for user, organization, path in (
        (managers.director_a, n.ml_a, "/ml-a"),
        (managers.director_b, n.ml_b, "/ml-b"),
        (managers.geiq_manager, n.geiq, "/geiq"),
    ):
        register(user, organization, receiver.url(path), ["opportunity.diffused"])
    with django_capture_on_commit_callbacks(execute=True):
        opportunity_diffuse(
            opportunity=opportunity,
            scope=Scope.for_user(managers.arml_coordinator),
            perimeter=PerimeterKind.LIST,
            mission_locales=[n.ml_a],
        )
    assert sorted(request.path for request in receiver.requests) == ["/geiq", "/ml-a"]
    [to_ml] = receiver.at("/ml-a")
    assert to_ml.json["type"] == "opportunity.diffused"
    assert to_ml.json["data"]["id"] == opportunity.pk and to_ml.json["data"]["rome_title_code"]


def test_a_published_event_reaches_the_invited_mission_locale_and_not_the_other(
    managers, receiver, django_capture_on_commit_callbacks
):
    n = managers.network
    event = make_event(n.geiq, status=EventStatus.DRAFT, invite=[n.ml_a])
    register(managers.director_a, n.ml_a, receiver.url("/ml-a"), ["event.published"])
    register(managers.director_b, n.ml_b, receiver.url("/ml-b"), ["event.published"])
    with django_capture_on_commit_callbacks(execute=True):
        apply(EVENT_LIFECYCLE, event, "publish", scope=Scope.for_user(managers.geiq_manager))
    [received] = receiver.requests
    assert received.path == "/ml-a" and received.json["data"]["id"] == event.pk
    assert received.json["data"]["status"] == "planned"


def test_an_outcome_reaches_both_sides_once(
    managers, receiver, youth, opportunity, django_capture_on_commit_callbacks
):
    n = managers.network
    register(managers.geiq_manager, n.geiq, receiver.url("/geiq"), ["positioning.outcome_recorded"])
    register(managers.director_a, n.ml_a, receiver.url("/ml-a"), ["positioning.outcome_recorded"])
    with django_capture_on_commit_callbacks(execute=True):
        positioning = positioning_at(managers, S.HIRED, youth=youth, opportunity=opportunity)
    assert sorted(request.path for request in receiver.requests) == ["/geiq", "/ml-a"]
    assert all(request.json["data"]["status"] == "hired" for request in receiver.requests)
    assert {request.json["data"]["id"] for request in receiver.requests} == {positioning.pk}
    assert CANARY.encode() not in receiver.at("/geiq")[0].body


def test_a_delivery_is_not_recorded_when_the_event_rolls_back(managers, receiver, youth, opportunity):
    from django.db import transaction

    register(managers.geiq_manager, managers.network.geiq, receiver.url("/geiq"), [TRANSMITTED])
    with pytest.raises(RuntimeError), transaction.atomic():
        positioning_at(managers, S.TRANSMITTED, youth=youth, opportunity=opportunity)
        raise RuntimeError
    assert receiver.requests == [] and not WebhookDelivery.objects.exists()


def test_the_body_is_fixed_when_recorded_and_dated(
    managers, receiver, youth, opportunity, django_capture_on_commit_callbacks
):
    register(managers.geiq_manager, managers.network.geiq, receiver.url("/geiq"), [TRANSMITTED])
    with django_capture_on_commit_callbacks(execute=True):
        positioning_at(managers, S.TRANSMITTED, youth=youth, opportunity=opportunity)
    delivery = WebhookDelivery.objects.get()
    assert receiver.requests[0].body == delivery.body.encode()
    created = datetime.datetime.fromisoformat(receiver.requests[0].json["created_at"])
    assert created.tzinfo is not None
