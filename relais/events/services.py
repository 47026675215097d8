"""Writes of the events domain: create, edit, reschedule, move (registrations: registrations.py)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from relais.core.scope import Scope
from relais.core.services import audit
from relais.core.workflows import apply
from relais.events.enums import (
    CLOSED_STATUSES,
    MANAGING_ROLES,
    AttendanceMode,
    EventStatus,
    OrganizerRole,
)
from relais.events.lifecycle import EVENT_LIFECYCLE
from relais.events.models import (
    Event,
    EventError,
    EventOrganizer,
    EventSlot,
    EventTransition,
)
from relais.events.perms import (
    acting_organization_ids,
    can_manage,
)
from relais.events.selectors import conventions_for_organizers
from relais.organizations.enums import OrganizationKind
from relais.organizations.models import Organization
from relais.organizations.perimeters import resolve_perimeter

EDITABLE_FIELDS = (
    "kind",
    "title",
    "description",
    "convention",
    "axis",
    "action",
    "mode",
    "commune",
    "address",
    "online_url",
    "audience",
    "capacity",
    "registration_deadline",
)
MAX_SLOTS = 20
MAX_ORGANIZERS = 20
MAX_CAPACITY = 100_000

Slots = list[tuple[datetime.datetime, datetime.datetime]]


# ---- validation --------------------------------------------------------------------------------------------


def validate_slots(slots: Slots, *, now: datetime.datetime | None = None) -> None:
    """Slots are aware, end after they start, at most MAX_SLOTS; with `now`, none has started yet."""
    if not slots:
        raise ValidationError({"slots": "Indiquez au moins un créneau."})
    if len(slots) > MAX_SLOTS:
        raise ValidationError({"slots": f"Un événement compte au plus {MAX_SLOTS} créneaux."})
    for start, end in slots:
        if timezone.is_naive(start) or timezone.is_naive(end):
            raise TypeError("Slots take aware datetimes.")
        if end <= start:
            raise ValidationError({"slots": "Chaque créneau doit finir après son début."})
        if now is not None and start < now:
            raise ValidationError({"slots": "Un créneau commence dans le passé."})


def validate_event(event: Event, *, publishing: bool, now: datetime.datetime | None = None) -> None:
    """Raise a ValidationError keyed by field, in French, when the event does not make sense."""
    errors: dict[str, list[str]] = {}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    if event.mode in {AttendanceMode.IN_PERSON, AttendanceMode.HYBRID} and not event.commune_id:
        add("commune", "Indiquez la commune où se tient l'événement.")
    if event.mode in {AttendanceMode.ONLINE, AttendanceMode.HYBRID} and not event.online_url:
        add("online_url", "Indiquez le lien de connexion.")
    if event.capacity is not None and not 1 <= event.capacity <= MAX_CAPACITY:
        add("capacity", "Le nombre de places doit être compris entre 1 et 100 000.")
    if event.axis_id and event.axis.convention_id != event.convention_id:
        add("axis", "Cet axe n'appartient pas à la convention choisie.")
    if event.action_id and event.action.convention_id != event.convention_id:
        add("action", "Cette action n'appartient pas à la convention choisie.")
    if event.convention_id and event.pk:
        allowed = conventions_for_organizers(managing_organization_ids(event))
        if not allowed.filter(pk=event.convention_id).exists():
            add("convention", "Cette convention ne concerne pas les structures qui organisent l'événement.")
    if event.registration_deadline and event.starts_at:
        if event.registration_deadline > timezone.localdate(event.starts_at):
            add(
                "registration_deadline",
                "Les inscriptions doivent se clore au plus tard le jour de l'événement.",
            )
    if publishing:
        now = now or timezone.now()
        if event.starts_at is None:
            add("slots", "Indiquez au moins un créneau.")
        elif event.starts_at < now:
            add("slots", "Le premier créneau est déjà passé.")
    if errors:
        raise ValidationError(errors)


def managing_organization_ids(event: Event) -> set[int]:
    return set(event.organizers.filter(role__in=MANAGING_ROLES).values_list("organization_id", flat=True))


def _check_fields(fields: dict) -> dict:
    unexpected = set(fields) - set(EDITABLE_FIELDS)
    if unexpected:
        raise TypeError(f"Unexpected event fields: {sorted(unexpected)}")
    return fields


def _set_slots(event: Event, slots: Slots) -> None:
    event.slots.all().delete()
    ordered = sorted(slots)
    EventSlot.objects.bulk_create([EventSlot(event=event, starts_at=s, ends_at=e) for s, e in ordered])
    event.starts_at = ordered[0][0]
    event.ends_at = max(end for _, end in ordered)


def _set_organizers(event: Event, organizer: Organization, partners: list[tuple[Organization, str]]) -> None:
    rows = {organizer.pk: OrganizerRole.ORGANISER}
    for organization, role in partners:
        if organization.pk != organizer.pk:
            rows[organization.pk] = role
    if len(rows) > MAX_ORGANIZERS:
        raise ValidationError({"partners": f"Au plus {MAX_ORGANIZERS} structures par événement."})
    event.organizers.all().delete()
    EventOrganizer.objects.bulk_create(
        [EventOrganizer(event=event, organization_id=pk, role=role) for pk, role in rows.items()]
    )


def _set_perimeter(event: Event, perimeter: str, region, departments, mission_locales) -> list[int]:
    """Resolve the invitation perimeter among every active Mission Locale; empty perimeter: nobody invited."""
    if not perimeter:
        event.perimeter, event.perimeter_details = "", {}
        event.invited_mission_locales.clear()
        return []
    allowed = Organization.objects.filter(kind=OrganizationKind.MISSION_LOCALE, is_active=True)
    resolved = resolve_perimeter(
        allowed, perimeter=perimeter, region=region, departments=departments, mission_locales=mission_locales
    )
    ids = sorted(set(resolved.targets.values_list("pk", flat=True)))
    if not ids:
        raise ValidationError({"perimeter": "Aucune Mission Locale active dans ce périmètre."})
    event.perimeter, event.perimeter_details = perimeter, resolved.details
    event.invited_mission_locales.set(ids)
    return ids


# ---- the event ---------------------------------------------------------------------------------------------


@transaction.atomic
def event_create(
    *,
    scope: Scope,
    organizer: Organization,
    slots: Slots,
    partners: list[tuple[Organization, str]] = (),
    perimeter: str = "",
    region=None,
    departments=(),
    mission_locales=(),
    **fields,
) -> Event:
    """Create a draft: its organisers (the acting structure first), slots and invitation perimeter."""
    if not (scope.is_platform or organizer.pk in acting_organization_ids(scope)):
        raise PermissionDenied("Vous ne pouvez pas organiser d'événement pour cette structure.")
    validate_slots(slots)
    event = Event(status=EventStatus.DRAFT, created_by=scope.actor, **_check_fields(fields))
    event.save()
    _set_organizers(event, organizer, list(partners))
    _set_slots(event, slots)
    invited = _set_perimeter(event, perimeter, region, departments, mission_locales)
    validate_event(event, publishing=False)
    event.save()
    EventTransition.record(event, name="create", to_status=EventStatus.DRAFT, by=scope.actor)
    audit(actor=scope.actor, action="event.create", obj=event, organizer=organizer.pk, invited=len(invited))
    return event


@transaction.atomic
def event_update(
    *,
    event: Event,
    scope: Scope,
    slots: Slots | None = None,
    partners: list[tuple[Organization, str]] | None = None,
    perimeter: str | None = None,
    region=None,
    departments=(),
    mission_locales=(),
    **fields,
) -> Event:
    """Edit an event not yet held or cancelled; a published event's slots move through event_reschedule."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not can_manage(scope, event):
        raise PermissionDenied("Vous ne pouvez pas modifier cet événement.")
    if event.status in CLOSED_STATUSES:
        raise EventError("Un événement tenu ou annulé ne se modifie plus.")
    changed = [name for name, value in _check_fields(fields).items() if getattr(event, name) != value]
    for name in changed:
        setattr(event, name, fields[name])
    if slots is not None:
        current = [(s.starts_at, s.ends_at) for s in event.slots.all()]
        if sorted(slots) != current:
            if event.status != EventStatus.DRAFT:
                raise EventError("Pour changer les créneaux d'un événement publié, reportez-le.")
            validate_slots(slots)
            _set_slots(event, slots)
            changed += ["starts_at", "ends_at"]
    if partners is not None:
        organizer = (
            event.organizers.filter(role=OrganizerRole.ORGANISER).select_related("organization").first()
        )
        _set_organizers(event, organizer.organization, list(partners))
        changed.append("organizers")
    if perimeter is not None:
        before = set(event.invited_mission_locales.values_list("pk", flat=True))
        after = set(_set_perimeter(event, perimeter, region, departments, mission_locales))
        if before != after:
            changed.append("invited_mission_locales")
    validate_event(event, publishing=False)
    if changed:
        event.sequence += 1
        event.save()
        audit(actor=scope.actor, action="event.update", obj=event, fields=sorted(set(changed)))
    return event


@transaction.atomic
def event_reschedule(*, event: Event, scope: Scope, slots: Slots, note: str = "") -> Event:
    """New slots for a published event (status "reporté", SEQUENCE raised; registrations kept)."""
    validate_slots(slots, now=timezone.now())
    event = apply(EVENT_LIFECYCLE, event, "reschedule", scope=scope, note=note)
    _set_slots(event, slots)
    event.save(update_fields=["starts_at", "ends_at", "updated_at"])
    return event


def event_move(*, event: Event, name: str, scope: Scope, note: str = "", **fields) -> Event:
    """One move of the event's table (publish, mark_full, reopen, cancel, hold)."""
    return apply(EVENT_LIFECYCLE, event, name, scope=scope, note=note, **fields)
