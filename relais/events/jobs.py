"""The events' periodic work, idempotent and catching up what was missed: reminders two days before, requests
to record attendance after the event until it is done."""

import datetime

from django.db import transaction
from django.utils import timezone

from relais.core.notifications import notify
from relais.core.scope import Scope
from relais.events.enums import EventStatus
from relais.events.models import Event
from relais.events.notifications import AttendanceRequested, EventReminder

REMINDER_LEAD = datetime.timedelta(days=2)
LIVE = [EventStatus.PLANNED, EventStatus.RESCHEDULED, EventStatus.FULL]


@transaction.atomic
def send_reminders(*, now: datetime.datetime | None = None) -> int:
    """Events starting within two days: one reminder per registered professional and per start time (a
    rescheduled event reminds again for its new date)."""
    now = now or timezone.now()
    events = Event.objects.filter(status__in=LIVE, starts_at__gt=now, starts_at__lte=now + REMINDER_LEAD)
    sent = 0
    for event in events:
        sent += len(
            notify(
                EventReminder, obj=event, scope=Scope.system(), key=f"reminder-{event.starts_at:%Y%m%d%H%M}"
            )
        )
    return sent


@transaction.atomic
def request_attendance(*, now: datetime.datetime | None = None) -> int:
    """Events over with no attendance recorded: the organisers are asked once a day until it is done."""
    now = now or timezone.now()
    events = Event.objects.filter(
        status__in=[*LIVE, EventStatus.HELD],
        ends_at__lte=now,
        attendance_recorded_at__isnull=True,
        ends_at__gte=now - datetime.timedelta(days=60),
    )
    sent = 0
    for event in events:
        day = timezone.localdate(now)
        sent += len(
            notify(AttendanceRequested, obj=event, scope=Scope.system(), key=f"attendance-{day:%Y%m%d}")
        )
    return sent


def run_daily(*, now=None) -> dict:
    return {"reminders": send_reminders(now=now), "attendance_requests": request_attendance(now=now)}
