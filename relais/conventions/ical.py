"""iCalendar exports of a convention's follow-up calendar and of a user's."""

import datetime

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event


def add_entry(calendar: Calendar, entry, stamp) -> None:
    """One timed entry (conventions.hooks.CalendarEntry): stable UID, SEQUENCE, Europe/Paris times."""
    event = Event()
    event.add("uid", entry.uid)
    event.add("dtstamp", stamp)
    event.add("sequence", entry.sequence)
    event.add("summary", entry.summary)
    event.add("dtstart", timezone.localtime(entry.start))
    event.add("dtend", timezone.localtime(entry.end))
    event.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
    if entry.description:
        event.add("description", entry.description)
    if entry.location:
        event.add("location", entry.location)
    if entry.url:
        event.add("url", entry.url)
    if entry.categories:
        event.add("categories", list(entry.categories))
    calendar.add_component(event)


def calendar_response(
    occurrences, *, name: str, filename: str, attachment: bool = True, entries=()
) -> HttpResponse:
    """Dated items only: an undated one-off commitment has no place in a calendar. `entries` are timed
    entries of later apps (conventions.hooks.CalendarEntry)."""
    calendar = Calendar()
    calendar.add("prodid", "-//Relais//Conventions//FR")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    base = settings.RELAIS_BASE_URL.rstrip("/")
    for occurrence in occurrences:
        if occurrence.due_date is None:
            continue
        event = Event()
        event.add("uid", f"convention-occurrence-{occurrence.pk}@relais")
        event.add("dtstamp", stamp)
        event.add("summary", f"{occurrence.title} — {occurrence.convention.title}")
        # All-day items: the texts fix a month or a deadline, never an hour.
        event.add("dtstart", occurrence.due_date)
        event.add("dtend", occurrence.due_date + datetime.timedelta(days=1))
        event.add("status", "CONFIRMED")
        event.add("description", f"{occurrence.get_kind_display()} — {occurrence.get_status_display()}")
        event.add("url", base + reverse("conventions:detail", args=[occurrence.convention_id]))
        calendar.add_component(event)
    for entry in entries:
        add_entry(calendar, entry, stamp)
    if entries:
        calendar.add_missing_timezones()  # the VTIMEZONE of Europe/Paris the timed entries name
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}.ics"'
    return response
