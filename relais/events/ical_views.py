"""The per-event iCalendar file."""

from relais.conventions.ical import calendar_response
from relais.events import selectors
from relais.events.ical import entries_of


def event_ics(request, pk):
    event = selectors.event_for(request.scope, pk)
    return calendar_response(
        [], name=event.title, filename=f"evenement-{event.pk}", entries=entries_of(event)
    )
