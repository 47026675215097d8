"""Factories of the events app: an event organised by one structure, its slots, registrations."""

import datetime

from django.utils import timezone

from relais.core.scope import Scope
from relais.events.enums import EventKind, EventStatus
from relais.events.models import Event
from relais.events.services import event_create
from tests.territories.factories import CommuneFactory


def in_days(days: int, hour: int = 9) -> datetime.datetime:
    local = timezone.localtime() + datetime.timedelta(days=days)
    return local.replace(hour=hour, minute=0, second=0, microsecond=0)


def make_event(
    organizer,
    *,
    status: str = EventStatus.PLANNED,
    days: int = 10,
    capacity=None,
    audience="both",
    invite=(),
    partners=(),
    convention=None,
    title="Collective métiers du BTP",
    kind=EventKind.TRADES_YOUTHS,
    **fields,
) -> Event:
    """An event through the service (so its organisers, slots and invitations are real), then set to `status`."""
    start = in_days(days)
    event = event_create(
        scope=Scope.system(),
        organizer=organizer,
        slots=[(start, start + datetime.timedelta(hours=3))],
        partners=list(partners),
        perimeter="list" if invite else "",
        mission_locales=list(invite),
        kind=kind,
        title=title,
        mode=fields.pop("mode", "in_person"),
        commune=fields.pop("commune", organizer.commune or CommuneFactory()),
        audience=audience,
        capacity=capacity,
        convention=convention,
        **fields,
    )
    if status != EventStatus.DRAFT:
        Event.objects.filter(pk=event.pk).update(status=status, published_at=timezone.now())
        event.refresh_from_db()
    return event
