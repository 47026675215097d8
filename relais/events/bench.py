"""Measurements of the events pages for `python -m relais.bench`: a region's calendar, a crowded event page.

The generated data has no events; the first measurement adds them once, deterministically from the seed: as many
events over a year as there are young people (5,000 at the default scale), organised in turn by the region's
ARML, its two Missions Locales and the partners, each inviting both Missions Locales; and one event with 300
registrations (200 professionals, 100 of the Mission Locale's young people).
"""

import datetime
import random

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from relais.bench.registry import PageRequest, register
from relais.events.enums import Audience, EventKind, EventStatus, OrganizerRole, RegistrationStatus
from relais.events.models import Event, EventOrganizer, EventSlot, Registration
from relais.organizations.enums import Role
from relais.organizations.models import Membership, Person

CROWDED_TITLE = "Forum de l'alternance (données générées)"
STAFF_REGISTRATIONS = 200
YOUTH_REGISTRATIONS = 100


@transaction.atomic
def ensure_events(data) -> Event:
    """Add the year of events and the crowded event once; return the crowded event."""
    crowded = Event.objects.filter(title=CROWDED_TITLE).first()
    if crowded is not None:
        return crowded
    rng = random.Random(data.seed + 7)
    now = timezone.now()
    organisers = [data.arml, data.mission_locale, data.other_mission_locale, *data.partners]
    kinds = EventKind.values
    count = max(len(data.youth_ids), 100)
    events = []
    for index in range(count):
        start = now + datetime.timedelta(days=rng.randint(-180, 184), hours=rng.randint(-3, 3))
        start = start.replace(minute=0, second=0, microsecond=0)
        events.append(
            Event(
                kind=kinds[index % len(kinds)],
                title=f"Événement généré n°{index + 1}",
                mode="in_person",
                commune_id=data.mission_locale.commune_id,
                audience=rng.choice(Audience.values),
                status=EventStatus.HELD if start < now else EventStatus.PLANNED,
                starts_at=start,
                ends_at=start + datetime.timedelta(hours=2),
                published_at=now,
            )
        )
    start = now + datetime.timedelta(days=5)
    events.append(
        Event(
            kind=EventKind.FORUM,
            title=CROWDED_TITLE,
            mode="in_person",
            commune_id=data.mission_locale.commune_id,
            audience=Audience.BOTH,
            status=EventStatus.PLANNED,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=4),
            published_at=now,
        )
    )
    events = Event.objects.bulk_create(events, batch_size=500)
    EventSlot.objects.bulk_create(
        [EventSlot(event=e, starts_at=e.starts_at, ends_at=e.ends_at) for e in events], batch_size=1000
    )
    # The crowded event (the last one) is the Mission Locale's own, so that its CRE runs the checklist.
    organisers_of = [organisers[i % len(organisers)] for i in range(len(events) - 1)] + [data.mission_locale]
    EventOrganizer.objects.bulk_create(
        [
            EventOrganizer(event=e, organization=organiser, role=OrganizerRole.ORGANISER)
            for e, organiser in zip(events, organisers_of, strict=True)
        ],
        batch_size=1000,
    )
    invited = Event.invited_mission_locales.through
    invited.objects.bulk_create(
        [
            invited(event_id=e.pk, organization_id=ml.pk)
            for e in events
            for ml in (data.mission_locale, data.other_mission_locale)
        ],
        batch_size=2000,
    )
    crowded = events[-1]
    _register_crowd(data, crowded, rng)
    return crowded


def _register_crowd(data, event: Event, rng: random.Random) -> None:
    people = Person.objects.bulk_create(
        [
            Person(
                first_name=f"Participant {i + 1}",
                last_name="Généré",
                email=f"bench-participant-{i}@relais.test",
            )
            for i in range(STAFF_REGISTRATIONS)
        ]
    )
    homes = [data.mission_locale, data.other_mission_locale, *data.partners]
    Membership.objects.bulk_create(
        [
            Membership(person=p, organization=homes[i % len(homes)], role=Role.PARTNER_RECRUITER)
            for i, p in enumerate(people)
        ]
    )
    statuses = [RegistrationStatus.REGISTERED] * 8 + [
        RegistrationStatus.WAITLISTED,
        RegistrationStatus.CANCELLED,
    ]
    rows = [
        Registration(
            event=event,
            kind="staff",
            person=p,
            organization=homes[i % len(homes)],
            status=rng.choice(statuses),
        )
        for i, p in enumerate(people)
    ]
    rows += [
        Registration(
            event=event,
            kind="youth",
            youth_id=pk,
            organization=data.mission_locale,
            status=rng.choice(statuses),
            consent_recorded=True,
        )
        for pk in sorted(data.youth_ids)[:YOUTH_REGISTRATIONS]
    ]
    Registration.objects.bulk_create(rows, batch_size=500)


@register("events_calendar_month", "Calendrier des événements : mois en cours (CRE)", target_ms=150)
def events_calendar_month(data):
    ensure_events(data)
    month = timezone.localdate().replace(day=1)
    return PageRequest(data.cre, reverse("events:calendar") + f"?vue=mois&mois={month:%Y-%m}")


@register(
    "events_calendar_list", "Calendrier des événements : liste à venir (coordinateur ARML)", target_ms=100
)
def events_calendar_list(data):
    ensure_events(data)
    return PageRequest(data.coordinator, reverse("events:calendar") + "?vue=liste")


@register("event_page_crowded", "Page d'un événement à 300 inscrits (CRE de la ML)", target_ms=100)
def event_page_crowded(data):
    return PageRequest(data.cre, reverse("events:detail", args=[ensure_events(data).pk]))


@register("event_checklist_crowded", "Émargement d'un événement à 300 inscrits (organisateur)", target_ms=100)
def event_checklist_crowded(data):
    return PageRequest(data.cre, reverse("events:attendance", args=[ensure_events(data).pk]))
