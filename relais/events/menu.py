"""Navigation entry and home section of the events: the coming ones, attendance to record."""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from relais.core.home import HOME_SECTIONS, HomeSection, WorkItem
from relais.core.menu import register
from relais.core.words import plural
from relais.events.enums import OPEN_STATUSES, EventStatus
from relais.events.selectors import my_events

register(45, "Événements", "events:calendar", lambda scope: scope.is_authenticated)

LISTED = 3


@HOME_SECTIONS.register
def home_section(scope, today):
    if scope.person_id is None or scope.aggregates_only:
        return None
    now = timezone.now()
    mine = my_events(scope)
    coming = list(
        mine.filter(status__in=OPEN_STATUSES, starts_at__gte=now).order_by("starts_at", "pk")[:LISTED]
    )
    # Organised events that started (or took place) and whose attendance is not recorded yet.
    to_record = (
        mine.filter(organizers__organization_id__in=scope.organization_ids, starts_at__lt=now)
        .filter(Q(status__in=OPEN_STATUSES) | Q(status=EventStatus.HELD))
        .filter(attendance_recorded_at__isnull=True)
        .distinct()
        .count()
    )
    items = []
    if to_record:
        items.append(
            WorkItem(
                plural(
                    to_record,
                    "événement passé dont les présences sont à saisir",
                    "événements passés dont les présences sont à saisir",
                ),
                reverse("events:mine"),
                count=to_record,
                urgent=True,
            )
        )
    for event in coming:
        items.append(
            WorkItem(
                f"{event.title} — le {timezone.localtime(event.starts_at):%d/%m/%Y à %H:%M}",
                reverse("events:detail", args=[event.pk]),
                detail=event.get_kind_display(),
            )
        )
    return HomeSection(
        "Mes événements",
        order=35,
        items=tuple(items),
        url=reverse("events:mine"),
        link_label="Voir mes événements",
        empty="Aucun événement à venir : voyez le calendrier du réseau.",
    )
