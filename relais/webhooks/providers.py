"""The webhooks listen to the product's notified events (the one hook every service's events go through)."""

from relais.core.notifications.outbox import ON_NOTIFY
from relais.webhooks.recording import on_notify

ON_NOTIFY.register(on_notify)
