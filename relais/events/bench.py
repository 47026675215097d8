"""Measurements of the events pages for `python -m relais.bench`: a region's calendar, a crowded event page.
The events and registrations come from the generator (relais/bench/gen_activity.py)."""

from django.urls import reverse
from django.utils import timezone

from relais.bench.registry import PageRequest, register


@register("events_calendar_month", "Calendrier des événements : mois en cours (CRE)", target_ms=150)
def events_calendar_month(data):
    month = timezone.localdate().replace(day=1)
    return PageRequest(data.cre, reverse("events:calendar") + f"?vue=mois&mois={month:%Y-%m}")


@register(
    "events_calendar_list", "Calendrier des événements : liste à venir (coordinateur ARML)", target_ms=100
)
def events_calendar_list(data):
    return PageRequest(data.coordinator, reverse("events:calendar") + "?vue=liste")


@register("event_page_crowded", "Page d'un événement à 300 inscrits (CRE de la ML)", target_ms=100)
def event_page_crowded(data):
    return PageRequest(data.cre, reverse("events:detail", args=[data.crowded_event.pk]))


@register("event_checklist_crowded", "Émargement d'un événement à 300 inscrits (organisateur)", target_ms=100)
def event_checklist_crowded(data):
    return PageRequest(data.cre, reverse("events:attendance", args=[data.crowded_event.pk]))
