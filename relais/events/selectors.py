"""Reads of events, always scoped to the acting Scope; young people's registrations only to their ML's staff."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from relais.conventions.enums import ConventionStatus
from relais.conventions.models import Convention
from relais.conventions.parents import descendants_of
from relais.conventions.selectors import conventions_visible_to
from relais.core.scope import Scope
from relais.events.enums import ACTIVE, SEATED, EventStatus, ParticipantKind, RegistrationStatus
from relais.events.models import Event, EventOrganizer, Registration
from relais.organizations.enums import INSTITUTION_KINDS, MISSION_LOCALE_NETWORK, PARTNER_KINDS
from relais.organizations.models import Organization
from relais.organizations.selectors import ancestor_ids, organizations_named
from relais.youths.selectors import partner_view

# What the calendar and the lists show of each event, in a constant number of queries.
LIST_PREFETCH = (
    Prefetch("organizers", queryset=EventOrganizer.objects.select_related("organization")),
    "slots",
)


def conventions_for_organizers(organization_ids) -> QuerySet[Convention]:
    """Conventions the organisers (or their network heads) are party to, and the local conventions below."""
    parties = set(organization_ids)
    for organization in Organization.objects.filter(pk__in=organization_ids):
        parties |= ancestor_ids(organization)
    direct = set(Convention.objects.filter(parties__organization_id__in=parties).values_list("pk", flat=True))
    return (
        Convention.objects.filter(pk__in=direct | descendants_of(direct))
        .exclude(status__in=[ConventionStatus.CANCELLED, ConventionStatus.ENDED])
        .order_by("title", "period_number")
    )


# Who may co-organise an event: the Missions Locales' network, the partners and the public institutions.
CO_ORGANISER_KINDS = frozenset(MISSION_LOCALE_NETWORK | PARTNER_KINDS | INSTITUTION_KINDS)


def co_organiser_candidates(query: str = "") -> QuerySet[Organization]:
    """Organisations offered as co-organisers, by name (every one when nothing is typed, for validation)."""
    if query.strip():
        return organizations_named(query, kinds=CO_ORGANISER_KINDS)
    return Organization.objects.filter(kind__in=CO_ORGANISER_KINDS, is_active=True).order_by("name", "pk")


def events_visible_to(scope: Scope) -> QuerySet[Event]:
    """Organisers see their events (drafts too); the invited Missions Locales' staff, the parties of the
    event's convention and the people registered see it once published; observers see held events only."""
    if not scope.is_authenticated:
        return Event.objects.none()
    if scope.is_platform:
        return Event.objects.all()
    if scope.aggregates_only:
        return Event.objects.filter(
            status=EventStatus.HELD, convention__in=conventions_visible_to(scope).values("pk")
        )
    orgs = scope.organization_ids
    # Parties of the event's convention or of one it declines (a charter's parties follow its local events).
    party_of = set(
        Convention.objects.filter(parties__organization_id__in=scope.party_ids).values_list("pk", flat=True)
    )
    reached = Q(invited_mission_locales__in=orgs) | Q(convention_id__in=party_of | descendants_of(party_of))
    if scope.person_id is not None:
        # An organisation's token has no person: "registered as nobody" would match every youth registration.
        reached |= Q(registrations__person_id=scope.person_id)
    published = ~Q(status=EventStatus.DRAFT) & reached
    condition = Q(organizers__organization_id__in=orgs) | published
    return Event.objects.filter(pk__in=Event.objects.filter(condition).values("pk"))


def event_for(scope: Scope, pk) -> Event:
    """The event with what its page shows; 404 outside the principal's scope."""
    queryset = (
        events_visible_to(scope)
        .select_related("convention", "axis", "action", "commune__department", "created_by")
        .prefetch_related(*LIST_PREFETCH, "invited_mission_locales", "documents")
    )
    try:
        return queryset.get(pk=pk)
    except (Event.DoesNotExist, ValueError, TypeError):
        raise Http404("Cet événement n'existe pas ou ne vous est pas ouvert.") from None


@dataclass
class CalendarFilters:
    kind: str = ""
    convention_id: int | None = None
    department_id: int | None = None
    audience: str = ""
    status: str = ""


def filter_events(queryset: QuerySet[Event], filters: CalendarFilters) -> QuerySet[Event]:
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.convention_id:
        queryset = queryset.filter(
            convention_id__in={filters.convention_id} | descendants_of({filters.convention_id})
        )
    if filters.department_id:
        queryset = queryset.filter(
            Q(commune__department_id=filters.department_id)
            | Q(invited_mission_locales__departments__id=filters.department_id)
        ).distinct()
    if filters.audience:
        queryset = queryset.filter(audience=filters.audience)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    return queryset


def with_counts(queryset: QuerySet[Event]) -> QuerySet[Event]:
    return queryset.annotate(
        seated_count=Count("registrations", filter=Q(registrations__status__in=SEATED), distinct=True),
        waiting_count=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED), distinct=True
        ),
    )


def calendar_events(scope: Scope, *, start: datetime.datetime, end: datetime.datetime, filters=None):
    """Events visible to the scope with a slot overlapping [start, end), in order, ready for the page."""
    queryset = events_visible_to(scope).filter(starts_at__lt=end, ends_at__gte=start)
    queryset = filter_events(queryset, filters or CalendarFilters())
    return (
        with_counts(queryset)
        .select_related("convention", "commune")
        .prefetch_related(*LIST_PREFETCH)
        .order_by("starts_at", "pk")
    )


def upcoming_events(scope: Scope, *, filters=None, now=None) -> QuerySet[Event]:
    now = now or timezone.now()
    queryset = filter_events(events_visible_to(scope).filter(ends_at__gte=now), filters or CalendarFilters())
    return (
        with_counts(queryset)
        .select_related("convention", "commune")
        .prefetch_related(*LIST_PREFETCH)
        .order_by("starts_at", "pk")
    )


def my_events(scope: Scope) -> QuerySet[Event]:
    """Events the user is registered to (still expected or attended) or that their organisations run."""
    if scope.person_id is None:
        return Event.objects.none()
    mine = Q(registrations__person_id=scope.person_id, registrations__status__in=[*ACTIVE, *SEATED]) | Q(
        organizers__organization_id__in=scope.organization_ids
    )
    ids = events_visible_to(scope).filter(mine).values("pk")
    return (
        with_counts(Event.objects.filter(pk__in=ids))
        .select_related("convention", "commune")
        .prefetch_related(*LIST_PREFETCH)
        .order_by("-starts_at", "pk")
    )


def events_of_convention(scope: Scope, convention: Convention) -> QuerySet[Event]:
    """The convention's events and those of the local conventions declining it."""
    ids = {convention.pk} | descendants_of({convention.pk})
    return (
        with_counts(events_visible_to(scope).filter(convention_id__in=ids))
        .select_related("convention")
        .prefetch_related(*LIST_PREFETCH)
        .order_by("-starts_at", "pk")
    )


# ---- registrations -----------------------------------------------------------------------------------------


@dataclass
class YouthLine:
    registration: Registration
    name: str
    # Seen by the young person's own Mission Locale (full record) or through the partner projection.
    own: bool


@dataclass
class Registrations:
    """What one principal sees of an event's registrations."""

    staff: list[Registration] = field(default_factory=list)
    youths: list[YouthLine] = field(default_factory=list)
    # Young people the principal may not see by name, counted by status label.
    hidden_youths: dict[str, int] = field(default_factory=dict)
    seated: int = 0
    waiting: int = 0

    @property
    def hidden_total(self) -> int:
        return sum(self.hidden_youths.values())

    @property
    def shown_youth_ids(self) -> list[int]:
        return [line.registration.youth_id for line in self.youths if line.registration.youth_id]


def registrations_seen_by(scope: Scope, event: Event, *, organiser: bool) -> Registrations:
    """Staff registrations for everyone who sees the event; young people by name to their own Mission Locale's
    staff, to the organisers only as far as the young person's consent goes; the rest as counts."""
    rows = list(
        event.registrations.select_related(
            "person__user", "organization", "youth__commune", "mentor"
        ).order_by("status", "registered_at", "pk")
    )
    result = Registrations()
    today = timezone.localdate()
    for row in rows:
        if row.status in SEATED:
            result.seated += 1
        elif row.status == RegistrationStatus.WAITLISTED:
            result.waiting += 1
        if row.kind == ParticipantKind.STAFF:
            result.staff.append(row)
            continue
        youth = row.youth
        if youth is not None and row.organization_id in scope.mission_locale_ids:
            result.youths.append(YouthLine(row, f"{youth.first_name} {youth.last_name}", own=True))
            continue
        shared = partner_view(youth, today) if (organiser and youth is not None) else None
        if shared is not None:
            result.youths.append(YouthLine(row, f"{shared.first_name} {shared.last_name}", own=False))
        else:
            label = row.get_status_display()
            result.hidden_youths[label] = result.hidden_youths.get(label, 0) + 1
    return result


def registration_for(scope: Scope, event: Event, pk) -> Registration:
    """A registration of this event the principal may act on (its registrant or an organiser); else 404."""
    from relais.events.lifecycle import registration_actors

    registration = event.registrations.select_related("event", "youth", "person").filter(pk=pk).first()
    if registration is None or not registration_actors(scope, registration):
        raise Http404("Inscription introuvable.")
    return registration


def own_registration(scope: Scope, event: Event) -> Registration | None:
    if scope.person_id is None:
        return None
    return event.registrations.filter(person_id=scope.person_id).first()
