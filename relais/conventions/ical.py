"""iCalendar exports of a convention's follow-up calendar and of a user's."""

import datetime

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event


def calendar_response(occurrences, *, name: str, filename: str, attachment: bool = True) -> HttpResponse:
    """Dated items only: an undated one-off commitment has no place in a calendar."""
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
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}.ics"'
    return response
