"""Events over a year with their registrations, and mentorships, in the activity region."""

import datetime

from relais.bench.bulk import bulk
from relais.events.enums import Audience, EventKind, EventStatus, OrganizerRole, RegistrationStatus
from relais.events.models import Event, EventOrganizer, EventSlot, Registration
from relais.mentoring.enums import MentorshipKind, MentorshipStatus
from relais.mentoring.models import Mentor, Mentorship
from relais.organizations.models import Person
from relais.positionings.facts import countable_facts_of

CROWDED_TITLE = "Forum de l'alternance (données générées)"
REGISTERED = [RegistrationStatus.REGISTERED] * 8 + [
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.CANCELLED,
]


def events(rng, count, *, organisers, mls, youths_of, staff_of, now) -> Event:
    """`count` events over a year (±6 months), organised in turn, each inviting the organiser's Mission Locale
    and a few others, with registrations of staff and young people; returns the crowded event (300 rows)."""
    rows = []
    for index in range(count):
        start = (now + datetime.timedelta(days=rng.randint(-180, 184), hours=rng.randint(-3, 3))).replace(
            minute=0, second=0, microsecond=0
        )
        rows.append(
            Event(
                kind=EventKind.values[index % len(EventKind.values)],
                title=f"Événement généré n°{index + 1}",
                mode="in_person",
                commune_id=organisers[index % len(organisers)].commune_id or mls[0].commune_id,
                audience=rng.choice(Audience.values),
                status=EventStatus.HELD if start < now else EventStatus.PLANNED,
                starts_at=start,
                ends_at=start + datetime.timedelta(hours=2),
                published_at=now,
            )
        )
    start = (now + datetime.timedelta(days=5)).replace(minute=0, second=0, microsecond=0)
    home = mls[0]
    rows.append(
        Event(
            kind=EventKind.FORUM,
            title=CROWDED_TITLE,
            mode="in_person",
            commune_id=home.commune_id,
            audience=Audience.BOTH,
            status=EventStatus.PLANNED,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=4),
            published_at=now,
        )
    )
    created = bulk(Event, rows)
    bulk(EventSlot, [EventSlot(event=e, starts_at=e.starts_at, ends_at=e.ends_at) for e in created])
    owners = [organisers[i % len(organisers)] for i in range(len(created) - 1)] + [home]
    bulk(
        EventOrganizer,
        [
            EventOrganizer(event=e, organization=o, role=OrganizerRole.ORGANISER)
            for e, o in zip(created, owners, strict=True)
        ],
    )
    invited = Event.invited_mission_locales.through
    links, registrations = [], []
    for event, owner in zip(created, owners, strict=True):
        guests = {home.pk, *(ml.pk for ml in rng.sample(mls, min(len(mls), 3)))}
        if owner.pk in staff_of:  # a Mission Locale's event invites it too
            guests.add(owner.pk)
        links += [invited(event_id=event.pk, organization_id=pk) for pk in sorted(guests)]
        crowded = event.title == CROWDED_TITLE
        staff_count, youth_count = (200, 100) if crowded else (rng.randint(0, 8), rng.randint(0, 12))
        for ml_pk in sorted(guests):
            for person in rng.sample(staff_of[ml_pk], min(len(staff_of[ml_pk]), staff_count // len(guests))):
                registrations.append(
                    Registration(
                        event=event,
                        kind="staff",
                        person=person,
                        organization_id=ml_pk,
                        status=rng.choice(REGISTERED),
                    )
                )
            pool = youths_of.get(ml_pk) or []
            for youth in rng.sample(pool, min(len(pool), youth_count // len(guests))):
                registrations.append(
                    Registration(
                        event=event,
                        kind="youth",
                        youth_id=youth.pk,
                        organization_id=ml_pk,
                        status=rng.choice(REGISTERED),
                        consent_recorded=True,
                    )
                )
    bulk(invited, links, batch_size=5000)
    bulk(Registration, registrations)
    return created[-1]


def mentorships(rng, count, *, partners, mls, youths_of, convention_of, users_of, today) -> int:
    """`count` mentorships: mentors employed by the partners, supervised by a Mission Locale, each with a young
    person of that Mission Locale, under its local convention."""
    if not count:
        return 0
    people = bulk(
        Person,
        [Person(first_name=f"Parrain {i + 1}", last_name="Généré") for i in range(max(1, count // 2))],
    )
    mentors = bulk(
        Mentor,
        [
            Mentor(
                person=p,
                employer=rng.choice(partners),
                supervisor=mls[i % len(mls)],
                charter_accepted_on=today,
            )
            for i, p in enumerate(people)
        ],
    )
    rows = []
    for index in range(count):
        mentor = mentors[index % len(mentors)]
        ml = mentor.supervisor
        pool = youths_of.get(ml.pk)
        if not pool:
            continue
        youth = rng.choice(pool)
        started = today - datetime.timedelta(days=rng.randint(0, 300))
        ended = rng.random() < 0.3
        rows.append(
            Mentorship(
                mentor=mentor,
                kind=MentorshipKind.INDIVIDUAL,
                youth=youth,
                convention=convention_of[ml.pk],
                status=MentorshipStatus.ENDED if ended else MentorshipStatus.ONGOING,
                started_on=started,
                planned_end_on=started + datetime.timedelta(days=180),
                ended_on=started + datetime.timedelta(days=rng.randint(30, 180)) if ended else None,
                created_by=users_of[ml.pk],
                department_id=youth.commune.department_id if youth.commune_id else None,
                **countable_facts_of(youth),
            )
        )
    return len(bulk(Mentorship, rows))
