"""Retries with exponential backoff, each attempt logged, no redirect followed, an endpoint disabled after
repeated failure with an e-mail to its organisation's managers; the addresses an endpoint may have."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from relais.core.models import AuditEvent
from relais.webhooks.enums import DeliveryStatus
from relais.webhooks.models import WebhookAttempt, WebhookDelivery
from relais.webhooks.recording import record_ping
from relais.webhooks.sending import attempt, retry_delay, send_due
from relais.webhooks.services import validate_url
from tests.webhooks.conftest import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def endpoint(managers, receiver):
    endpoint, _ = register(
        managers.geiq_manager, managers.network.geiq, receiver.url("/geiq"), ["event.published"]
    )
    return endpoint


def ping(endpoint, capture):
    with capture(execute=True):
        return record_ping(endpoint)


def test_a_delivery_answered_500_is_retried_later_and_later_until_it_succeeds(
    settings, receiver, endpoint, django_capture_on_commit_callbacks
):
    settings.RELAIS_WEBHOOKS_RETRY_BASE_SECONDS = 60
    receiver.answer("/geiq", 500, 500)
    before = timezone.now()
    delivery = ping(endpoint, django_capture_on_commit_callbacks)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.PENDING and delivery.attempts == 1
    first_retry = delivery.next_attempt_at
    assert (
        before + datetime.timedelta(seconds=60)
        <= first_retry
        <= timezone.now() + datetime.timedelta(seconds=60)
    )

    # Not due yet: nothing is sent.
    assert attempt(delivery.pk, now=first_retry - datetime.timedelta(seconds=1)) is None
    assert len(receiver.requests) == 1

    second = attempt(delivery.pk, now=first_retry)
    assert second.status_code == 500 and not second.succeeded
    delivery.refresh_from_db()
    assert delivery.next_attempt_at == first_retry + datetime.timedelta(seconds=120)

    assert send_due(now=delivery.next_attempt_at) == 1
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED and delivery.attempts == 3
    log = list(WebhookAttempt.objects.filter(delivery=delivery).order_by("number"))
    assert [(a.number, a.status_code, a.succeeded) for a in log] == [
        (1, 500, False),
        (2, 500, False),
        (3, 200, True),
    ]
    assert log[0].error == "Réponse HTTP 500." and log[2].error == ""
    assert all(a.duration_ms >= 0 for a in log)
    # Every attempt carried the same signed bytes, each with its own timestamp.
    assert len({request.body for request in receiver.requests}) == 1
    endpoint.refresh_from_db()
    assert endpoint.consecutive_failures == 0
    # A second sweep finds nothing to do.
    assert send_due(now=delivery.next_attempt_at + datetime.timedelta(days=1)) == 0


def test_backoff_doubles_and_is_capped(settings):
    settings.RELAIS_WEBHOOKS_RETRY_BASE_SECONDS = 30
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert retry_delay(30) == datetime.timedelta(hours=6)


def test_a_delivery_is_given_up_after_its_last_attempt(
    settings, receiver, endpoint, django_capture_on_commit_callbacks
):
    settings.RELAIS_WEBHOOKS_MAX_ATTEMPTS = 2
    receiver.answer("/geiq", 503, 503, 503)
    delivery = ping(endpoint, django_capture_on_commit_callbacks)
    delivery.refresh_from_db()
    attempt(delivery.pk, now=delivery.next_attempt_at)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED and delivery.attempts == 2
    assert send_due(now=timezone.now() + datetime.timedelta(days=2)) == 0
    assert len(receiver.requests) == 2


def test_a_redirect_is_not_followed(receiver, endpoint, django_capture_on_commit_callbacks):
    receiver.answer("/geiq", 302)
    delivery = ping(endpoint, django_capture_on_commit_callbacks)
    [logged] = WebhookAttempt.objects.filter(delivery=delivery)
    assert logged.status_code == 302 and not logged.succeeded
    assert logged.error == "Redirection non suivie (HTTP 302)."
    assert [request.path for request in receiver.requests] == ["/geiq"]


def test_an_endpoint_that_does_not_answer_is_given_up_at_the_timeout(
    settings, managers, receiver, django_capture_on_commit_callbacks
):
    settings.RELAIS_WEBHOOKS_TIMEOUT_SECONDS = 1
    endpoint, _ = register(
        managers.geiq_manager, managers.network.geiq, receiver.url("/silence"), ["event.published"]
    )
    delivery = ping(endpoint, django_capture_on_commit_callbacks)
    [logged] = WebhookAttempt.objects.filter(delivery=delivery)
    assert logged.status_code is None and logged.error == "Pas de réponse en 1 s."
    assert 1000 <= logged.duration_ms < 5000
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.PENDING


def test_the_sweep_takes_back_a_delivery_left_sending_by_a_stopped_worker(
    receiver, endpoint, django_capture_on_commit_callbacks
):
    delivery = ping(endpoint, django_capture_on_commit_callbacks)
    claimed = timezone.now() - datetime.timedelta(minutes=10)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.SENDING, claimed_at=claimed)
    # A recent claim is left to its worker.
    assert send_due(now=claimed + datetime.timedelta(minutes=1)) == 0
    assert send_due() == 1
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED and len(receiver.requests) == 2


def test_an_unreachable_address_is_logged_as_such(settings, managers, django_capture_on_commit_callbacks):
    settings.RELAIS_WEBHOOKS_ALLOW_LOCAL = True
    endpoint, _ = register(
        managers.geiq_manager, managers.network.geiq, "http://127.0.0.1:9/", ["event.published"]
    )
    delivery = ping(endpoint, django_capture_on_commit_callbacks)
    [logged] = WebhookAttempt.objects.filter(delivery=delivery)
    assert logged.status_code is None and logged.error.startswith("Connexion impossible")


def test_repeated_failures_disable_the_endpoint_and_tell_its_managers(
    settings, managers, receiver, endpoint, django_capture_on_commit_callbacks
):
    settings.RELAIS_WEBHOOKS_DISABLE_AFTER = 3
    receiver.answer("/geiq", 500, 500, 500, 500)
    for _ in range(3):
        ping(endpoint, django_capture_on_commit_callbacks)
    endpoint.refresh_from_db()
    assert not endpoint.is_active and endpoint.consecutive_failures == 3
    assert endpoint.disabled_reason == "Désactivé après 3 échecs consécutifs."
    assert AuditEvent.objects.filter(action="webhook.auto_disable", object_id=str(endpoint.pk)).count() == 1
    # The retries waiting are dropped, and a later sweep sends nothing.
    assert not WebhookDelivery.objects.filter(status=DeliveryStatus.PENDING).exists()
    assert send_due(now=timezone.now() + datetime.timedelta(days=1)) == 0
    assert len(receiver.requests) == 3
    [message] = [m for m in mail.outbox if "désactivé" in m.subject]
    assert message.to == ["coordination@geiq-btp.test"]
    assert "Système de test" in message.subject and f"/api/webhooks/{endpoint.pk}/" in message.body


def test_a_success_resets_the_failure_count(settings, receiver, endpoint, django_capture_on_commit_callbacks):
    settings.RELAIS_WEBHOOKS_DISABLE_AFTER = 3
    receiver.answer("/geiq", 500, 500, 200, 500, 500)
    for _ in range(5):
        ping(endpoint, django_capture_on_commit_callbacks)
    endpoint.refresh_from_db()
    assert endpoint.is_active and endpoint.consecutive_failures == 2


@pytest.mark.parametrize(
    ("url", "allow_local", "accepted"),
    [
        ("https://recrutement.exemple.fr/relais", False, True),
        ("http://recrutement.exemple.fr/relais", False, False),
        ("ftp://recrutement.exemple.fr/relais", False, False),
        ("https://user:secret@exemple.fr/", False, False),
        ("http://127.0.0.1:8000/hook", False, False),
        ("http://localhost:8000/hook", False, False),
        ("https://10.1.2.3/hook", False, False),
        ("http://127.0.0.1:8000/hook", True, True),
        ("http://localhost:8000/hook", True, True),
        ("http://10.1.2.3/hook", True, False),
        ("pas une adresse", True, False),
    ],
)
def test_an_endpoint_is_https_except_on_this_machine_when_allowed(settings, url, allow_local, accepted):
    settings.RELAIS_WEBHOOKS_ALLOW_LOCAL = allow_local
    if accepted:
        assert validate_url(url) == url
    else:
        with pytest.raises(ValidationError) as refused:
            validate_url(url)
        assert "url" in refused.value.message_dict
