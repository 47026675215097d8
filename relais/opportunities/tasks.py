"""Background jobs of the opportunities domain: immediate e-mails and the daily digest."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from relais.opportunities.models import Delivery, Digest, DigestItem

# Local hour (Europe/Paris) from which the day's digest goes out. The periodic task runs every hour, so a
# worker that was down at that hour still sends the digest later the same day, and the Digest row
# (unique per user and day) keeps a restarted worker from sending it twice.
DIGEST_HOUR = 7


def _absolute(path: str) -> str:
    return settings.RELAIS_BASE_URL.rstrip("/") + path


def _delivery_rows(deliveries) -> list[dict]:
    return [
        {
            "opportunity": delivery.opportunity,
            "mission_locale": delivery.mission_locale,
            "url": _absolute(reverse("opportunities:detail", args=[delivery.opportunity_id])),
        }
        for delivery in deliveries
    ]


def _deliveries(ids):
    return (
        Delivery.objects.filter(pk__in=ids)
        .select_related(
            "opportunity__rome_title", "opportunity__commune", "opportunity__publisher", "mission_locale"
        )
        .order_by("opportunity__start_date", "pk")
    )


def deliver_email(user, delivery_ids) -> bool:
    rows = _delivery_rows(_deliveries(delivery_ids))
    if not rows or not user.is_active or not user.email:
        return False
    context = {"user": user, "rows": rows, "preferences_url": _absolute(reverse("opportunities:preferences"))}
    if len(rows) == 1:
        subject = f"Nouvelle opportunité diffusée : {rows[0]['opportunity'].display_title}"
    else:
        subject = f"{len(rows)} nouvelles opportunités diffusées à votre Mission Locale"
    body = render_to_string("opportunities/emails/delivery.txt", context)
    send_mail(subject, body, None, [user.email])
    return True


@db_task()
def send_delivery_email(user_id: int, delivery_ids: list[int]) -> bool:
    user = get_user_model().objects.filter(pk=user_id).first()
    return bool(user) and deliver_email(user, delivery_ids)


def send_daily_digests(now: datetime.datetime | None = None) -> int:
    """Send each user with pending items their digest of the day, at most once a day; return how many."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    if local.hour < DIGEST_HOUR:
        return 0
    day = local.date()
    user_ids = sorted(set(DigestItem.objects.filter(digest__isnull=True).values_list("user_id", flat=True)))
    users = get_user_model().objects.in_bulk(user_ids)
    sent = 0
    for user_id in user_ids:
        with transaction.atomic():
            digest, created = Digest.objects.get_or_create(
                user_id=user_id, day=day, defaults={"sent_at": now}
            )
            if not created:
                continue  # already sent today: what arrived since waits for tomorrow's digest
            items = DigestItem.objects.select_for_update().filter(user_id=user_id, digest__isnull=True)
            delivery_ids = list(items.values_list("delivery_id", flat=True))
            items.update(digest=digest)
        # Sent after the commit: a crash between the two loses one digest rather than doubling it.
        user = users.get(user_id)
        if user is not None and _send_digest(user, delivery_ids, day):
            sent += 1
    return sent


def _send_digest(user, delivery_ids, day) -> bool:
    rows = _delivery_rows(_deliveries(delivery_ids))
    if not rows or not user.is_active or not user.email:
        return False
    context = {
        "user": user,
        "rows": rows,
        "day": day,
        "preferences_url": _absolute(reverse("opportunities:preferences")),
    }
    subject = f"Récapitulatif du {day:%d/%m/%Y} : {len(rows)} opportunité(s) reçue(s)"
    send_mail(subject, render_to_string("opportunities/emails/digest.txt", context), None, [user.email])
    return True


@db_periodic_task(crontab(minute="5"))
def daily_digests():
    return send_daily_digests()
