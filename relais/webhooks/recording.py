"""Recording deliveries: one row per subscribed endpoint when a notified event commits, and test events.

The hook runs inside the event's transaction (from ``relais.core.notifications.notify``) and only looks for
subscribers there; the rows are written after the commit (``robust``: a failure here never undoes or breaks
the product's own write), then their sending is queued.
"""

from __future__ import annotations

import json
import logging
import uuid
from functools import partial

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from relais.webhooks.catalogue import RESOURCES, endpoint_scope, from_notification
from relais.webhooks.enums import PING
from relais.webhooks.models import WebhookDelivery, WebhookEndpoint

logger = logging.getLogger(__name__)


def subscribed_endpoints(event_type: str) -> list[WebhookEndpoint]:
    # Few endpoints, and JSON containment is not portable to SQLite: filtered here.
    endpoints = WebhookEndpoint.objects.filter(is_active=True, organization__is_active=True)
    return [
        endpoint for endpoint in endpoints.select_related("organization") if event_type in endpoint.events
    ]


def on_notify(notification, obj, key: str, data: dict) -> None:
    """The notification hook: queue the recording of the webhook event this notified event is, if any."""
    happening = from_notification(notification.code, obj, data)
    if happening is None or not subscribed_endpoints(happening.event_type):
        return
    organizations = happening.organizations() if happening.organizations else None
    transaction.on_commit(
        partial(
            record_event, happening.event_type, happening.object_id, key=key, organizations=organizations
        ),
        robust=True,
    )


def body_of(*, event_id, event_type: str, endpoint: WebhookEndpoint, at, data: dict) -> str:
    envelope = {
        "id": str(event_id),
        "type": event_type,
        "created_at": at.isoformat(),
        "organization_id": endpoint.organization_id,
        "data": data,
    }
    return json.dumps(envelope, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))


@transaction.atomic
def record_event(
    event_type: str, object_id: int, *, key: str, organizations: set[int] | None = None
) -> list[WebhookDelivery]:
    """One delivery per active endpoint subscribed to the event whose organisation reads the object through
    the API (and, when given, is one of `organizations`); returns the rows recorded now."""
    from relais.youths.services import log_youth_list

    resource = RESOURCES[event_type]
    event_id, now = uuid.uuid4(), timezone.now()
    readings: dict[int, tuple | None] = {}
    recorded = []
    for endpoint in subscribed_endpoints(event_type):
        if organizations is not None and endpoint.organization_id not in organizations:
            continue
        if endpoint.organization_id not in readings:
            scope = endpoint_scope(endpoint)
            obj = resource.read(scope, object_id)
            readings[endpoint.organization_id] = (
                None if obj is None else (obj, resource.serialize(obj, scope))
            )
            if obj is not None:
                log_youth_list(
                    scope=scope,
                    youth_ids=resource.youth_ids(obj),
                    what=f"Webhook {event_type} (organisation n°{endpoint.organization_id})",
                )
        reading = readings[endpoint.organization_id]
        if reading is None:
            continue
        row, created = WebhookDelivery.objects.get_or_create(
            dedup_key=f"{endpoint.pk}:{event_type}:{object_id}:{key}"[:255],
            defaults={
                "endpoint": endpoint,
                "event_id": event_id,
                "event_type": event_type,
                "object_type": resource.object_type,
                "object_id": str(object_id),
                "body": body_of(
                    event_id=event_id, event_type=event_type, endpoint=endpoint, at=now, data=reading[1]
                ),
            },
        )
        if created:
            recorded.append(row)
    _enqueue_on_commit([row.pk for row in recorded])
    return recorded


def record_ping(endpoint: WebhookEndpoint) -> WebhookDelivery:
    """A test event for one endpoint (the button of its page); the sending skips a disabled endpoint."""
    event_id, now = uuid.uuid4(), timezone.now()
    data = {"endpoint_id": endpoint.pk, "message": "Événement de test envoyé depuis Relais."}
    with transaction.atomic():
        row = WebhookDelivery.objects.create(
            endpoint=endpoint,
            event_id=event_id,
            event_type=PING,
            dedup_key=f"{endpoint.pk}:{PING}:{event_id}",
            body=body_of(event_id=event_id, event_type=PING, endpoint=endpoint, at=now, data=data),
        )
        _enqueue_on_commit([row.pk])
    return row


def _enqueue_on_commit(ids: list[int]) -> None:
    if ids:
        transaction.on_commit(partial(_enqueue, ids))


def _enqueue(ids: list[int]) -> None:
    from relais.webhooks.tasks import send_webhook

    for pk in ids:
        send_webhook(pk)
