"""The daily digest: one e-mail per user gathering the notifications they chose to receive once a day.

The job runs every hour and sends from ``DIGEST_HOUR`` (Europe/Paris), so a worker that was down at that
hour still sends the day's digest later the same day. The digest is itself an outbox row whose dedup key
is the user and the day: a second run the same day (a restart, a retry) finds it and sends nothing more,
and what arrives after it waits for the next morning.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from relais.core.notifications.base import (
    Notification,
    load_objects,
    notification_for,
    register,
    registered,
)
from relais.core.notifications.models import OutboxEmail
from relais.core.notifications.outbox import deliver

DIGEST_HOUR = 7
Status = OutboxEmail.Status


@register
class DailyDigest(Notification):
    code = "core.digest"
    section = "Récapitulatif"
    label = "Récapitulatif quotidien des e-mails que vous avez choisi de grouper"
    optional = False
    listed = False

    # The object of a digest is its own outbox row; its items are the rows it gathered.
    def sections(self) -> list[dict]:
        by_code: dict[str, list[OutboxEmail]] = defaultdict(list)
        for item in self.obj.digest_items.order_by("created_at", "pk"):
            by_code[item.code].append(item)
        sections = []
        for code, items in by_code.items():
            try:
                notification = notification_for(code)
            except KeyError:
                continue  # a notification nobody declares anymore
            objects = load_objects(notification, items[0].object_type, [i.object_id for i in items])
            instances = [notification(objects[i.object_id], i.data) for i in items if i.object_id in objects]
            entries = notification.digest_entries(instances) if instances else []
            if entries:
                sections.append(
                    {
                        "notification": notification,
                        "title": notification.digest_title or notification.label,
                        "summary": notification.digest_summary(len(entries)),
                        "template": notification.template("digest"),
                        "entries": entries,
                    }
                )
        order = {notification.code: index for index, notification in enumerate(registered())}
        return sorted(sections, key=lambda s: order.get(s["notification"].code, 0))

    def context(self, recipient) -> dict:
        sections = self.sections()
        return {
            "day": datetime.date.fromisoformat(self.data["day"]),
            "sections": sections,
            "summary": ", ".join(section["summary"] for section in sections),
        }


def digest_key(user_id: int, day: datetime.date) -> str:
    return f"{DailyDigest.code}:{user_id}:{day.isoformat()}"


def send_daily_digests(now: datetime.datetime | None = None) -> int:
    """Send each user with waiting items their digest of the day, at most once a day; return how many."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    if local.hour < DIGEST_HOUR:
        return 0
    day = local.date()
    user_ids = sorted(
        set(OutboxEmail.objects.filter(status=Status.WAITING).values_list("recipient_id", flat=True))
    )
    sent = 0
    for user_id in user_ids:
        with transaction.atomic():
            digest, created = OutboxEmail.objects.get_or_create(
                dedup_key=digest_key(user_id, day),
                defaults={
                    "recipient_id": user_id,
                    "code": DailyDigest.code,
                    "data": {"day": day.isoformat()},
                    "status": Status.PENDING,
                },
            )
            if not created:
                continue  # already sent today: what arrived since waits for tomorrow's digest
            items = OutboxEmail.objects.filter(recipient_id=user_id, status=Status.WAITING)
            if not items.update(status=Status.GROUPED, digest=digest):
                OutboxEmail.objects.filter(pk=digest.pk).update(status=Status.SKIPPED)
                continue
        # The job already runs in the worker: it sends the digest itself, after the commit.
        sent += deliver([digest.pk], raise_errors=False)
    return sent
