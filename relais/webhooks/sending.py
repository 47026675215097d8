"""Sending deliveries: one signed POST per attempt, retried with exponential backoff, each attempt logged.

``attempt`` claims a due delivery by a conditional update (a second worker or a retried job finds nothing to
do), posts its stored body signed now, never follows a redirect (a 3xx is a failure), stops at the request
timeout, and logs the attempt. A failure schedules the next attempt ``retry_delay`` later (base × 2^(n-1),
capped) until ``RELAIS_WEBHOOKS_MAX_ATTEMPTS``; ``RELAIS_WEBHOOKS_DISABLE_AFTER`` consecutive failed attempts
of an endpoint disable it and e-mail its organisation's coordinators and managers. ``send_due`` is the
periodic sweep that sends what a lost job left due, and takes back a claim left by a stopped worker.
"""

from __future__ import annotations

import datetime
import logging
import time
import urllib.error
import urllib.request

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from relais.webhooks.enums import DeliveryStatus as Status
from relais.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from relais.webhooks.signing import endpoint_secret, signature_header

logger = logging.getLogger(__name__)
MAX_DELAY = datetime.timedelta(hours=6)
# A claim older than this is a stopped worker's (far longer than the request timeout).
CLAIM_LEASE = datetime.timedelta(minutes=5)
SWEEP_BATCH = 200
USER_AGENT = "Relais-Webhooks/1"


def retry_delay(attempts: int) -> datetime.timedelta:
    """How long after its `attempts`-th failed attempt a delivery is tried again."""
    base = datetime.timedelta(seconds=settings.RELAIS_WEBHOOKS_RETRY_BASE_SECONDS)
    return min(base * 2 ** (attempts - 1), MAX_DELAY)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the 3xx answer is returned as an HTTPError, never followed


_opener = urllib.request.build_opener(_NoRedirect)


def post(url: str, body: bytes, headers: dict) -> tuple[int | None, str]:
    """(status code or None, French error or "") of one POST."""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with _opener.open(request, timeout=settings.RELAIS_WEBHOOKS_TIMEOUT_SECONDS) as response:
            return response.status, ""
    except urllib.error.HTTPError as error:
        error.close()
        if 300 <= error.code < 400:
            return error.code, f"Redirection non suivie (HTTP {error.code})."
        return error.code, f"Réponse HTTP {error.code}."
    except TimeoutError:
        return None, f"Pas de réponse en {settings.RELAIS_WEBHOOKS_TIMEOUT_SECONDS} s."
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        if isinstance(reason, TimeoutError):
            return None, f"Pas de réponse en {settings.RELAIS_WEBHOOKS_TIMEOUT_SECONDS} s."
        return None, f"Connexion impossible : {reason}"[:500]


def headers_for(delivery: WebhookDelivery, body: bytes, timestamp: int) -> dict:
    secret = endpoint_secret(delivery.endpoint.secret_salt)
    return {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": USER_AGENT,
        "X-Relais-Event": delivery.event_type,
        "X-Relais-Event-Id": str(delivery.event_id),
        "X-Relais-Delivery": str(delivery.pk),
        "X-Relais-Signature": signature_header(secret, timestamp, body),
    }


def attempt(pk: int, *, now: datetime.datetime | None = None) -> WebhookAttempt | None:
    """Try one due delivery now; None when it was not due (sent, waiting for its retry, being sent)."""
    now = now or timezone.now()
    claimed = WebhookDelivery.objects.filter(pk=pk, status=Status.PENDING, next_attempt_at__lte=now).update(
        status=Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    if not claimed:
        return None
    delivery = WebhookDelivery.objects.select_related("endpoint").get(pk=pk)
    endpoint = delivery.endpoint
    if not endpoint.is_active:
        WebhookDelivery.objects.filter(pk=pk).update(
            status=Status.SKIPPED, claimed_at=None, attempts=F("attempts") - 1
        )
        return None
    body = delivery.body.encode()
    started, clock = timezone.now(), time.monotonic()
    code, error = post(endpoint.url, body, headers_for(delivery, body, int(started.timestamp())))
    succeeded = code is not None and 200 <= code < 300
    logged = WebhookAttempt.objects.create(
        delivery=delivery,
        number=delivery.attempts,
        started_at=started,
        duration_ms=int((time.monotonic() - clock) * 1000),
        status_code=code,
        succeeded=succeeded,
        error=error,
    )
    if succeeded:
        _succeeded(delivery, now)
    else:
        _failed(delivery, now)
    return logged


def _succeeded(delivery: WebhookDelivery, now) -> None:
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=Status.SUCCEEDED, delivered_at=timezone.now(), claimed_at=None
    )
    WebhookEndpoint.objects.filter(pk=delivery.endpoint_id).update(consecutive_failures=0)


def _failed(delivery: WebhookDelivery, now) -> None:
    if delivery.attempts < settings.RELAIS_WEBHOOKS_MAX_ATTEMPTS:
        next_at = now + retry_delay(delivery.attempts)
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            status=Status.PENDING, next_attempt_at=next_at, claimed_at=None
        )
        _schedule(delivery.pk, next_at)
    else:
        WebhookDelivery.objects.filter(pk=delivery.pk).update(status=Status.FAILED, claimed_at=None)
    _count_failure(delivery.endpoint_id)


@transaction.atomic
def _count_failure(endpoint_id: int) -> None:
    from relais.webhooks.services import endpoint_disable_after_failures

    endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint_id)
    endpoint.consecutive_failures += 1
    endpoint.save(update_fields=["consecutive_failures"])
    if endpoint.is_active and endpoint.consecutive_failures >= settings.RELAIS_WEBHOOKS_DISABLE_AFTER:
        endpoint_disable_after_failures(endpoint=endpoint)


def _schedule(pk: int, at: datetime.datetime) -> None:
    from relais.webhooks.tasks import send_webhook

    # The sweep sends it too if this scheduled job is lost (a restart with an in-memory schedule).
    send_webhook.schedule(args=(pk,), delay=max((at - timezone.now()).total_seconds(), 0))


def send_due(now: datetime.datetime | None = None) -> int:
    """The periodic sweep: take back stale claims, then attempt every due delivery; returns how many ran."""
    now = now or timezone.now()
    WebhookDelivery.objects.filter(status=Status.SENDING, claimed_at__lte=now - CLAIM_LEASE).update(
        status=Status.PENDING, claimed_at=None
    )
    # A disabled endpoint's due deliveries are claimed too, and marked skipped.
    due = WebhookDelivery.objects.filter(Q(status=Status.PENDING) & Q(next_attempt_at__lte=now))
    ids = list(due.order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:SWEEP_BATCH])
    return sum(1 for pk in ids if attempt(pk, now=now) is not None)
