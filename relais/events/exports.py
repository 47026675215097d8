"""CSV and XLSX exports of the event lists (upcoming events with the calendar's filters, my events)."""

from django.utils import timezone

from relais.core.exports import list_export
from relais.events.enums import OrganizerRole

HEADER = [
    "N°",
    "Début",
    "Fin",
    "Événement",
    "Type",
    "Public",
    "Organisé par",
    "Lieu",
    "Modalité",
    "Inscrits",
    "Places",
    "En attente",
    "Statut",
]


def _local(moment):
    return timezone.localtime(moment) if moment else None


def event_row(event) -> list:
    organisers = [o.organization.name for o in event.organizers.all() if o.role != OrganizerRole.SPEAKER]
    return [
        event.pk,
        _local(event.starts_at),
        _local(event.ends_at),
        event.title,
        event.get_kind_display(),
        event.get_audience_display(),
        ", ".join(organisers),
        event.commune.name if event.commune else "",
        event.get_mode_display(),
        event.seated_count,
        event.capacity,
        event.waiting_count,
        event.get_status_display(),
    ]


def event_export(request, *, fmt: str, filename: str, title: str, queryset):
    """Events carry no young person: nothing goes to the access log."""
    return list_export(
        request, fmt=fmt, filename=filename, title=title, header=HEADER, items=queryset, row=event_row
    )
