"""What the events give other apps: the convention page's section, the private calendar feed's entries, the
young people's last activity (retention)."""

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from relais.conventions.hooks import DETAIL_SECTIONS, FEED_ENTRIES, CalendarEntries, DetailSection, SectionRow
from relais.events.enums import ACTIVE, SEATED, EventStatus
from relais.events.ical import entries_of
from relais.events.models import Event, Registration, RegistrationTransition
from relais.events.selectors import LIST_PREFETCH, events_of_convention, events_visible_to
from relais.youths.hooks import LAST_ACTIVITY

SECTION_ROWS = 20


@DETAIL_SECTIONS.register
def convention_events(convention, scope) -> DetailSection:
    events = list(events_of_convention(scope, convention)[: SECTION_ROWS + 1])
    rows = tuple(
        SectionRow(
            label=event.title,
            url=reverse("events:detail", args=[event.pk]),
            when=timezone.localtime(event.starts_at) if event.starts_at else None,
            detail=event.get_kind_display()
            + (f" — {event.convention.title}" if event.convention_id != convention.pk else "")
            + f" — {event.seated_count} inscrit(s)",
            status=event.get_status_display(),
        )
        for event in events[:SECTION_ROWS]
    )
    more = len(events) > SECTION_ROWS
    return DetailSection(
        title="Événements",
        rows=rows,
        empty="Aucun événement rattaché à cette convention ni à ses conventions d'application.",
        more_url=reverse("events:calendar") + f"?vue=liste&convention={convention.pk}" if more else "",
        more_label="Tous les événements de la convention" if more else "",
    )


@FEED_ENTRIES.register
def my_calendar(scope) -> CalendarEntries:
    """Events the user is registered to or that their organisations run (cancelled ones say so)."""
    if scope.person_id is None:
        return CalendarEntries()
    from django.db.models import Q

    mine = Q(registrations__person_id=scope.person_id, registrations__status__in=[*ACTIVE, *SEATED]) | Q(
        organizers__organization_id__in=scope.organization_ids,
        organizers__role__in=["organiser", "co_organiser"],
    )
    ids = events_visible_to(scope).exclude(status=EventStatus.DRAFT).filter(mine).values("pk")
    events = (
        Event.objects.filter(pk__in=ids).select_related("commune").prefetch_related(*LIST_PREFETCH)[:1000]
    )
    return CalendarEntries(tuple(entry for event in events for entry in entries_of(event)))


@LAST_ACTIVITY.register
def youths_last_registration(youth_ids) -> dict:
    """A registration (or any later move of it) counts as activity for the young person."""
    latest = dict(
        Registration.objects.filter(youth_id__in=youth_ids)
        .values("youth_id")
        .annotate(at=Max("registered_at"))
        .values_list("youth_id", "at")
    )
    moved = (
        RegistrationTransition.objects.filter(registration__youth_id__in=youth_ids)
        .values("registration__youth_id")
        .annotate(at=Max("at"))
        .values_list("registration__youth_id", "at")
    )
    for pk, at in moved:
        if pk not in latest or at > latest[pk]:
            latest[pk] = at
    return latest
