"""Events as calendar entries (conventions.hooks.CalendarEntry): one per slot, never a young person's name."""

from django.urls import reverse

from relais.conventions.hooks import CalendarEntry
from relais.core.notifications import absolute
from relais.events.enums import EventStatus


def entries_of(event) -> list[CalendarEntry]:
    """One entry per slot; the UID is the event's (with the slot's rank after the first), stable across edits."""
    url = absolute(reverse("events:detail", args=[event.pk]))
    place = event.place
    if event.online_url:
        place = f"{place} — {event.online_url}" if place else event.online_url
    description = "\n".join(
        part for part in (event.get_kind_display(), event.description[:2000], url) if part
    )
    entries = []
    for rank, slot in enumerate(event.slots.all()):
        uid = event.ical_uid if rank == 0 else event.ical_uid.replace("@", f"-{rank + 1}@")
        entries.append(
            CalendarEntry(
                uid=uid,
                summary=event.title,
                start=slot.starts_at,
                end=slot.ends_at,
                sequence=event.sequence,
                cancelled=event.status == EventStatus.CANCELLED,
                url=url,
                description=description,
                location=place,
                categories=(event.get_kind_display(),),
            )
        )
    return entries
