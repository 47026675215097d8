"""The one way an e-mail leaves Relais: recorded in the event's transaction, sent by a job after the commit.

``notify`` is what services call, inside their transaction: it computes the recipients, drops those who
turned the notification off (and the actor, unless the notification tells them), records one row per
recipient (unique dedup key: a re-run job records nothing new), and queues the sending with
``transaction.on_commit``. Rows waiting for the daily digest are sent by the digest job instead.

``deliver`` is the sending job's body: each row is claimed by a conditional update before it is sent (status
"sending", the claim's time in ``sent_at``), so a retried job or a second worker never sends it at the same
time; a row whose sending failed goes back to pending and the periodic sweep sends it later.

A job is lost when its consumer is killed (huey removes a job from the queue when a worker takes it): what it
had to send is still in the outbox. Rows it had not claimed are pending and the sweep sends them; a row it
had claimed stays "sending", and once its claim is older than ``SENDING_LEASE`` (far longer than a sending,
the SMTP connection times out first) the sweep takes it back and sends it, up to ``MAX_ATTEMPTS`` attempts,
then marks it failed. Delivery is at least once: a worker killed after the mail server accepted a message but
before its row was marked sent makes it go out a second time.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import uuid

from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from relais.core.notifications.base import Notification, load_objects, model_label, notification_for
from relais.core.notifications.models import Frequency, OutboxEmail
from relais.core.notifications.preferences import choices_for
from relais.core.providers import ExtensionPoint

logger = logging.getLogger(__name__)
Status = OutboxEmail.Status
MAX_ATTEMPTS = 5
# How long a pending row is left to its own job before the periodic sweep sends it.
SWEEP_DELAY = datetime.timedelta(minutes=5)
# How long a row may stay "sending" before the sweep takes its worker for dead and sends it again.
SENDING_LEASE = datetime.timedelta(minutes=15)
SWEEP_BATCH = 500
# What other apps do with each event the product notifies, whoever its e-mails reach (the webhooks record
# their deliveries there): called in the event's transaction with (notification class, obj, key, data).
ON_NOTIFY = ExtensionPoint("core.notifications.on_notify")
LOST_SENDING = "Envoi interrompu : le processus qui l'envoyait s'est arrêté avant de le terminer."


def dedup_key(notification: type[Notification], object_id, recipient_id, key: str) -> str:
    text = f"{notification.code}:{object_id if object_id is not None else '-'}:{recipient_id}:{key}"
    if len(text) > 255:
        text = f"{notification.code}:{hashlib.sha256(text.encode()).hexdigest()}"
    return text


def notify(
    notification: type[Notification], *, obj, scope=None, key: str | None = None, **context
) -> list[OutboxEmail]:
    """Record the e-mails of one event and queue their sending on commit; returns the rows recorded now.

    Call it inside the service's transaction. ``scope`` is who acted (their own action is not e-mailed to
    them unless the notification says so). ``key`` names the event for deduplication: a periodic job passes
    one (the same reminder is then recorded once, however often the job runs); without it, every call is a
    new event. ``context`` (JSON values) is kept with each row for the templates.
    """
    data = {**notification.snapshot(obj), **context}
    instance = notification(obj, data)
    actor = getattr(scope, "actor", None)
    users = {user for user in instance.recipients() if user is not None and user.is_active and user.email}
    if actor is not None and not notification.tells_actor:
        users = {user for user in users if user.pk != actor.pk}
    choices = choices_for(notification, [user.pk for user in users])
    event = key if key is not None else uuid.uuid4().hex
    ON_NOTIFY.run(notification, obj, event, data)
    object_type = model_label(obj) if obj is not None else ""
    object_id = obj.pk if obj is not None else None
    recorded, to_send = [], []
    for user in sorted(users, key=lambda u: u.email):
        enabled, frequency = choices[user.pk]
        if not enabled:
            continue
        waiting = notification.digest and frequency == Frequency.DAILY
        row, created = OutboxEmail.objects.get_or_create(
            dedup_key=dedup_key(notification, object_id, user.pk, event),
            defaults={
                "recipient": user,
                "code": notification.code,
                "object_type": object_type,
                "object_id": object_id,
                "data": {**data, **instance.recipient_data(user)},
                "status": Status.WAITING if waiting else Status.PENDING,
            },
        )
        if created:
            recorded.append(row)
            if not waiting:
                to_send.append(row.pk)
    if to_send:
        transaction.on_commit(lambda: _enqueue(to_send))
    return recorded


def _enqueue(ids: list[int]) -> None:
    from relais.core.tasks import send_outbox_emails

    send_outbox_emails(ids)


def build_message(row: OutboxEmail) -> EmailMessage | None:
    """The e-mail of one row, rendered now; None when its recipient or its object is gone."""
    recipient = row.recipient
    if not recipient.is_active or not recipient.email:
        return None
    notification = notification_for(row.code)
    if row.object_type:
        obj = load_objects(notification, row.object_type, [row.object_id]).get(row.object_id)
        if obj is None:
            return None
    else:
        obj = row  # a digest is about the rows it gathers
    subject, body = notification(obj, row.data).render(recipient)
    return EmailMessage(
        subject=subject[:255],
        body=body,
        to=[recipient.email],
        headers={"Auto-Submitted": "auto-generated"},
    )


def deliver(ids, *, raise_errors: bool = True) -> int:
    """Send these rows (those still pending); returns how many were sent.

    After a failed send the other rows are still sent, then the error is raised (the job queue retries).
    """
    sent, failure = 0, None
    for pk in ids:
        claimed = OutboxEmail.objects.filter(pk=pk, status=Status.PENDING).update(
            status=Status.SENDING, attempts=F("attempts") + 1, sent_at=timezone.now()
        )
        if not claimed:
            continue  # sent, skipped or being sent by another worker
        row = OutboxEmail.objects.select_related("recipient").get(pk=pk)
        try:
            message = build_message(row)
        except Exception as error:  # a text that cannot be rendered will not render better later
            logger.exception("Notification %s could not be rendered", pk)
            _finish(pk, Status.FAILED, error=repr(error))
            continue
        if message is None:
            _finish(pk, Status.SKIPPED)
            continue
        try:
            message.send()
        except Exception as error:  # the mail server refused or was unreachable: try again later
            logger.warning("Notification %s could not be sent: %r", pk, error)
            retry = Status.PENDING if row.attempts < MAX_ATTEMPTS else Status.FAILED
            _finish(pk, retry, error=repr(error))
            failure = failure or error
            continue
        _finish(pk, Status.SENT, subject=message.subject)
        sent += 1
    if failure is not None and raise_errors:
        raise failure
    return sent


def _finish(pk: int, status: str, *, error: str = "", subject: str = "") -> None:
    fields = {"status": status, "last_error": error[:2000], "sent_at": None}
    if status == Status.SENT:
        fields.update(sent_at=timezone.now(), subject=subject)
    OutboxEmail.objects.filter(pk=pk).update(**fields)


def recover_lost(now: datetime.datetime | None = None) -> list[int]:
    """Rows left "sending" by a worker that died (claimed more than SENDING_LEASE ago): back to pending, or
    failed once they had MAX_ATTEMPTS attempts; returns the rows put back to pending."""
    now = now or timezone.now()
    # No claim time: claimed before claims were timed, stuck since.
    lost = Q(status=Status.SENDING) & (Q(sent_at__isnull=True) | Q(sent_at__lte=now - SENDING_LEASE))
    OutboxEmail.objects.filter(lost, attempts__gte=MAX_ATTEMPTS).update(
        status=Status.FAILED, sent_at=None, last_error=LOST_SENDING
    )
    ids = list(OutboxEmail.objects.filter(lost).order_by("pk").values_list("pk", flat=True)[:SWEEP_BATCH])
    if ids:
        # The same condition again: a row another sweep took back and claimed meanwhile is left to it.
        OutboxEmail.objects.filter(lost, pk__in=ids).update(
            status=Status.PENDING, sent_at=None, last_error=LOST_SENDING
        )
        logger.warning("%s notification(s) left sending by a stopped worker are sent again", len(ids))
    return ids


def send_pending(now: datetime.datetime | None = None) -> int:
    """The periodic sweep: send the rows whose own job was lost (a restart, a killed worker) or failed earlier.

    Idempotent: a row is sent by the first run that claims it; a second run finds nothing to send.
    """
    now = now or timezone.now()
    recovered = recover_lost(now)
    ids = list(
        OutboxEmail.objects.filter(status=Status.PENDING, created_at__lte=now - SWEEP_DELAY)
        .order_by("pk")
        .values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    return deliver(sorted({*recovered, *ids}), raise_errors=False)
