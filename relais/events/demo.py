"""Demo events (all people invented): a year of joint activity under the AURA and Grand Est charters and the
MEDEF Midi-Pyrénées convention, replayed through the events services at the moment each step happened.

The services stamp every row with ``timezone.now()`` and refuse to publish an event that has started, as they
should. To show held events, the demo replays the past: each step runs under ``replayed_at(moment)``, so the
event is published weeks before it takes place, people register in the days after, attendance is recorded
once it is over, and the logs, audit rows and registrations carry those dates. ``load_demo`` calls
``create_demo_events(users)`` with its persona accounts (keyed as in ``relais.demo.people.PERSONAS``).
"""

import datetime
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.utils import timezone

from relais.conventions.models import Convention
from relais.core.scope import Scope
from relais.events import services
from relais.events.attendance import attendance_record, event_outcome_set
from relais.events.models import Event
from relais.events.registrations import registration_add_staff, registration_add_youth, registration_move
from relais.organizations.enums import Role
from relais.organizations.models import Membership, Organization, Person
from relais.territories.models import Commune, Region
from relais.youths.selectors import youths_visible_to

_real_now = timezone.now
PUBLISHED_BEFORE = datetime.timedelta(days=24)


@contextmanager
def replayed_at(moment: datetime.datetime):
    """Run the services as if the clock showed `moment` (and kept ticking from there)."""
    offset = moment - _real_now()
    timezone.now = lambda: _real_now() + offset
    try:
        yield
    finally:
        timezone.now = _real_now


@dataclass
class Spec:
    """One event of the demo year: when (days from today), what, who organises, who comes, how it ends."""

    days: int
    kind: str
    title: str
    description: str
    organizer: str
    actor: str
    convention: str
    axis: int
    action: str = ""
    partners: list[tuple[str, str]] = field(default_factory=list)
    hours: tuple[int, int] = (9, 12)
    mode: str = "in_person"
    commune: str = ""
    address: str = ""
    online_url: str = ""
    audience: str = "staff"
    capacity: int | None = None
    perimeter: tuple = ()
    staff: list[str] = field(default_factory=list)
    youths: tuple[str, int] = ("", 0)
    absent: int = 0
    cancelled: int = 0
    fate: str = "held"
    outcome: str = ""
    headcount: int | None = None
    cancel_reason: str = ""


def _day(days: int) -> datetime.date:
    day = timezone.localdate() + datetime.timedelta(days=days)
    while day.weekday() >= 5:  # nobody holds a collective on a weekend
        day += datetime.timedelta(days=1 if days >= 0 else -1)
    return day


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _period(slug: str, day: datetime.date) -> Convention:
    """The period of a renewed convention that covers `day` (the last one after its end; undated: itself)."""
    convention = Convention.objects.get(slug=slug)
    while convention.end_date and convention.end_date < day:
        following = Convention.objects.filter(previous_period=convention).first()
        if following is None:
            break
        convention = following
    return convention


def _staff(token: str, users) -> list[Person]:
    """A persona key, or ``cre:<department codes>:<n>``: the CREs of the first n Missions Locales there."""
    if not token.startswith("cre:"):
        return [users[token].person]
    _, codes, count = token.split(":")
    memberships = (
        Membership.objects.filter(
            role=Role.CRE,
            is_active=True,
            organization__departments__code__in=codes.split(","),
        )
        .exclude(person__user__isnull=False)
        .select_related("person")
        .order_by("organization__imilo_code")
        .distinct()
    )
    return [m.person for m in memberships[: int(count)]]


def _perimeter(spec: Spec) -> dict:
    if not spec.perimeter:
        return {}
    kind, values = spec.perimeter
    if kind == "region":
        return {"perimeter": kind, "region": Region.objects.get(code=values)}
    if kind == "departments":
        from relais.territories.models import Department

        return {"perimeter": kind, "departments": list(Department.objects.filter(code__in=values))}
    return {"perimeter": kind, "mission_locales": list(Organization.objects.filter(imilo_code__in=values))}


def _create(spec: Spec, users, day: datetime.date) -> Event:
    convention = _period(spec.convention, day)
    action = convention.actions.filter(text__startswith=spec.action).first() if spec.action else None
    axis = (action.axis if action and action.axis_id else None) or convention.axes.all()[spec.axis]
    start, end = _at(day, spec.hours[0]), _at(day, spec.hours[1])
    return services.event_create(
        scope=Scope.for_user(users[spec.actor]),
        organizer=Organization.objects.get(slug=spec.organizer),
        slots=[(start, end)],
        partners=[(Organization.objects.get(slug=slug), role) for slug, role in spec.partners],
        kind=spec.kind,
        title=spec.title,
        description=spec.description,
        convention=convention,
        axis=axis,
        action=action,
        mode=spec.mode,
        commune=Commune.objects.get(code=spec.commune, kind=Commune.Kind.CURRENT) if spec.commune else None,
        address=spec.address,
        online_url=spec.online_url,
        audience=spec.audience,
        capacity=spec.capacity,
        **_perimeter(spec),
    )


def _register(event: Event, spec: Spec, users, organiser: Scope) -> list:
    registrations = []
    for token in spec.staff:
        for person in _staff(token, users):
            own = getattr(person, "user", None)
            # A persona registers themself; the organiser registers the others (invented people have no account).
            scope = Scope.for_user(own) if own is not None else organiser
            registrations.append(registration_add_staff(event=event, scope=scope, person=person))
    counsellor_key, count = spec.youths
    if count:
        counsellor = Scope.for_user(users[counsellor_key])
        young_people = (
            youths_visible_to(counsellor).filter(consent_given_at__isnull=False).order_by("-imilo_id")
        )
        for youth in young_people[:count]:
            registrations.append(
                registration_add_youth(event=event, youth=youth, scope=counsellor, consent_recorded=True)
            )
    return registrations


def _build(spec: Spec, users) -> Event:
    day = _day(spec.days)
    start = _at(day, spec.hours[0])
    published = min(start - PUBLISHED_BEFORE, _real_now() - datetime.timedelta(days=3))
    organiser = Scope.for_user(users[spec.actor])
    with replayed_at(published):
        event = _create(spec, users, day)
        event = services.event_move(event=event, name="publish", scope=organiser)
    with replayed_at(published + datetime.timedelta(days=2, hours=3)):
        registrations = _register(event, spec, users, organiser)
    if spec.fate == "cancelled":
        with replayed_at(published + datetime.timedelta(days=2, hours=12)):
            services.event_move(event=event, name="cancel", scope=organiser, cancel_reason=spec.cancel_reason)
        return event
    if spec.fate != "held":
        return event
    # Someone withdraws in the last days (an excused absence would be turned into « absent » by the roll call).
    invented = [r for r in registrations if r.kind == "staff" and getattr(r.person, "user", None) is None]
    dropped = invented[: spec.cancelled]
    with replayed_at(start - datetime.timedelta(days=2)):
        for registration in dropped:
            registration_move(registration=registration, name="cancel", scope=organiser)
    after = _at(day, spec.hours[1]) + datetime.timedelta(hours=1)
    with replayed_at(after):
        event = services.event_move(event=event, name="hold", scope=organiser)
        expected = [r for r in registrations if r not in dropped]
        missing = {r.pk for r in expected[len(expected) - spec.absent :]} if spec.absent else set()
        attendance_record(
            event=event, scope=organiser, present_ids=[r.pk for r in expected if r.pk not in missing]
        )
    with replayed_at(after + datetime.timedelta(days=1, hours=2)):
        event_outcome_set(event=event, scope=organiser, outcome=spec.outcome, headcount=spec.headcount)
    return event


def create_demo_events(users, events: list[dict]) -> dict[str, int]:
    """Build the demo year from `events` (Spec fields; relais/demo/year.py) once: nothing is made when one of
    them exists already. Returns the counts by fate."""
    specs = [Spec(**values) for values in events]
    if Event.objects.filter(title__in=[s.title for s in specs]).exists():
        return {"events": 0}
    counts: dict[str, int] = {"events": 0}
    for spec in sorted(specs, key=lambda s: s.days):
        _build(spec, users)
        counts["events"] += 1
        counts[spec.fate] = counts.get(spec.fate, 0) + 1
    return counts
