"""Private calendar subscription links: one per user, regenerable, checked in constant time.

The link carries a public key (to find the feed) and a secret (compared with `hmac.compare_digest`), so that
neither the database lookup nor the comparison tells an attacker how much of a guessed secret is right. It
gives the user's own follow-up calendar (conventions, commitments, points, reviews): never a young person.
"""

import hmac
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from relais.conventions.models import CalendarFeed
from relais.core.scope import Scope
from relais.core.services import audit


def feed_of(scope: Scope) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=scope.actor).first() if scope.actor is not None else None


def feed_url(feed: CalendarFeed) -> str:
    path = reverse("conventions:feed", args=[feed.key, feed.secret])
    return settings.RELAIS_BASE_URL.rstrip("/") + path


@transaction.atomic
def calendar_feed_regenerate(*, scope: Scope) -> CalendarFeed:
    """Create the user's subscription link, or replace it: the previous link stops working at once."""
    user = scope.actor
    if user is None or not user.is_active:
        raise PermissionDenied
    values = {"key": secrets.token_hex(16), "secret": secrets.token_urlsafe(32), "created_at": timezone.now()}
    feed, created = CalendarFeed.objects.update_or_create(user=user, defaults=values)
    audit(actor=user, action="calendar_feed.create" if created else "calendar_feed.regenerate", obj=feed)
    return feed


def user_of_feed(key: str, secret: str):
    """The active user this link belongs to, or None."""
    feed = CalendarFeed.objects.select_related("user").filter(key=key).first()
    expected = feed.secret if feed is not None else "x" * 43
    if not hmac.compare_digest(expected.encode(), secret.encode()) or feed is None or not feed.user.is_active:
        return None
    return feed.user
