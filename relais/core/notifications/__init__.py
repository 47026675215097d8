"""One notification system: a class per event, one preference model, one outbox, one daily digest.

Services call ``notify(NotificationClass, obj=..., scope=...)`` inside their transaction; the e-mails are
recorded then, and sent by a job after the commit (see ``outbox``). Apps declare their notifications in
``<app>/notifications.py`` with ``@register``.
"""

from relais.core.notifications.base import Notification, absolute, notification_for, register, registered
from relais.core.notifications.digest import DailyDigest, send_daily_digests
from relais.core.notifications.models import Frequency, NotificationPreference, OutboxEmail
from relais.core.notifications.outbox import deliver, notify

__all__ = [
    "DailyDigest",
    "Frequency",
    "Notification",
    "NotificationPreference",
    "OutboxEmail",
    "absolute",
    "deliver",
    "notification_for",
    "notify",
    "register",
    "registered",
    "send_daily_digests",
]
