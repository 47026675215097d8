"""The event and registration workflows: their transition tables, actors, guards and effects.

Pages, jobs and commands run a move with ``apply(EVENT_LIFECYCLE, event, name, scope=...)`` (or
``REGISTRATION_LIFECYCLE``). Every event move raises the iCalendar SEQUENCE; publishing and cancelling tell
the invited Missions Locales' CREs once.
"""

from relais.core.scope import Scope
from relais.core.workflows import Field, Transition, Workflow, apply
from relais.events.enums import OPEN_STATUSES, SEATED, RegistrationRole
from relais.events.enums import EventStatus as E
from relais.events.enums import RegistrationStatus as R
from relais.events.models import Event, EventError, EventTransition, Registration, RegistrationTransition
from relais.events.perms import can_manage

ORGANISER = "organiser"
REGISTRANT = "registrant"
SYSTEM = "system"


# ---- events ------------------------------------------------------------------------------------------------


def event_actors(scope, event: Event) -> set[str]:
    if scope.is_system:
        return {SYSTEM}
    return {ORGANISER} if can_manage(scope, event) else set()


def next_sequence(event, step) -> dict:
    return {"sequence": event.sequence + 1}


def publishable(event, step):
    from relais.events.services import validate_event

    validate_event(event, publishing=True, now=step.now)


def published_now(event, step) -> dict:
    return {"published_at": step.now}


def cancelled_now(event, step) -> dict:
    return {"cancelled_at": step.now}


def has_started(event, step):
    if event.starts_at is None or event.starts_at > step.now:
        return "Un événement ne peut être marqué comme tenu qu'une fois son premier créneau commencé."
    return None


def cancel_the_registrations(event, step) -> dict:
    """Those invited, registered or waiting for a cancelled event are cancelled with it, each move logged."""
    cancelled = []
    for registration in event.registrations.filter(status__in=[R.INVITED, R.REGISTERED, R.WAITLISTED]):
        registration.event = event
        apply(REGISTRATION_LIFECYCLE, registration, "cancel", scope=Scope.system(), note="Événement annulé")
        cancelled.append(registration.pk)
    return {"registrations_cancelled": len(cancelled)}


def held_now(event, step) -> dict:
    return {"held_at": step.now}


def seat_freed(event, step) -> dict:
    return {"promoted": promote_waitlisted(event)}


def notify_event(event, transition, scope, log) -> None:
    from relais.core.notifications import notify
    from relais.events.notifications import EventAnnounced

    # The key makes it once per event and move: a retried job or a second cancel records nothing new.
    notify(EventAnnounced, obj=event, scope=scope, key=transition.name, move=transition.name)


EVENT_LIFECYCLE = Workflow(
    model=Event,
    log_model=EventTransition,
    actors_of=event_actors,
    error=EventError,
    wrong_state="Impossible de « {label_lower} » un événement au statut « {status_lower} ».",
    denied="Seules les structures qui organisent l'événement peuvent faire cela.",
    notify=notify_event,
    transitions=(
        Transition(
            "publish",
            {E.DRAFT},
            E.PLANNED,
            "Publier",
            actors={ORGANISER},
            guards=(publishable,),
            updates=(published_now, next_sequence),
            notifies="published",
        ),
        # The service (services.event_reschedule) replaces the slots in the same transaction.
        Transition(
            "reschedule",
            {E.PLANNED, E.RESCHEDULED, E.FULL},
            E.RESCHEDULED,
            "Reporter",
            actors={ORGANISER},
            updates=(next_sequence,),
            offered=lambda event: False,
        ),
        Transition(
            "mark_full",
            {E.PLANNED, E.RESCHEDULED},
            E.FULL,
            "Marquer complet",
            actors={ORGANISER},
            updates=(next_sequence,),
        ),
        Transition(
            "reopen",
            {E.FULL},
            E.PLANNED,
            "Rouvrir les inscriptions",
            actors={ORGANISER},
            updates=(next_sequence,),
            effects=(seat_freed,),
        ),
        Transition(
            "cancel",
            {E.DRAFT, E.PLANNED, E.RESCHEDULED, E.FULL},
            E.CANCELLED,
            "Annuler",
            actors={ORGANISER},
            fields=(Field("cancel_reason", "Indiquez le motif de l'annulation."),),
            updates=(cancelled_now, next_sequence),
            effects=(cancel_the_registrations,),
            needs_confirmation=True,
            notifies="cancelled",
        ),
        Transition(
            "hold",
            {E.PLANNED, E.RESCHEDULED, E.FULL},
            E.HELD,
            "Marquer comme tenu",
            actors={ORGANISER, SYSTEM},
            guards=(has_started,),
            updates=(held_now, next_sequence),
            needs_confirmation=True,
        ),
    ),
)


# ---- registrations -----------------------------------------------------------------------------------------


def registration_actors(scope, registration: Registration) -> set[str]:
    if scope.is_system:
        return {SYSTEM}
    actors = set()
    if can_manage(scope, registration.event):
        actors.add(ORGANISER)
    if registration.kind == "youth":
        if registration.organization_id in scope.mission_locale_ids:
            actors.add(REGISTRANT)
    elif scope.person_id is not None and registration.person_id == scope.person_id:
        actors.add(REGISTRANT)
    return actors


def seats_left(event: Event) -> int | None:
    """Seats still free (None: no limit); a full event has none whatever its capacity."""
    if event.status == E.FULL:
        return 0
    if event.capacity is None:
        return None
    taken = event.registrations.filter(status__in=SEATED, role=RegistrationRole.PARTICIPANT).count()
    return max(event.capacity - taken, 0)


def has_seat(event: Event) -> bool:
    left = seats_left(event)
    return left is None or left > 0


def event_open(registration, step):
    if registration.event.status not in OPEN_STATUSES:
        return "Les inscriptions à cet événement sont closes."
    return None


def seat_available(registration, step):
    return event_open(registration, step) or (
        None if has_seat(registration.event) else "Il n'y a plus de place : inscrivez en liste d'attente."
    )


def event_started(registration, step):
    event = registration.event
    if event.status in {E.DRAFT, E.CANCELLED} or event.starts_at is None or event.starts_at > step.now:
        return "La présence s'enregistre une fois l'événement commencé."
    return None


def waitlisted_now(registration, step) -> dict:
    return {"waitlisted_at": step.now}


def free_the_seat(registration, step) -> dict:
    # A cancelled event gives no seat to anyone (its registrations are cancelled with it).
    if step.from_status in SEATED and registration.event.status != E.CANCELLED:
        return {"promoted": promote_waitlisted(registration.event)}
    return {}


def promote_waitlisted(event: Event) -> list[int]:
    """Give the freed seats to the waiting list, first come first served; returns the promoted ids."""
    promoted = []
    waiting = event.registrations.filter(status=R.WAITLISTED).order_by("waitlisted_at", "pk")
    for registration in waiting:
        if not has_seat(event):
            break
        registration.event = event
        apply(REGISTRATION_LIFECYCLE, registration, "promote", scope=Scope.system())
        promoted.append(registration.pk)
    return promoted


ATTENDANCE = {"actors": {ORGANISER}, "guards": (event_started,)}

REGISTRATION_LIFECYCLE = Workflow(
    model=Registration,
    log_model=RegistrationTransition,
    actors_of=registration_actors,
    error=EventError,
    wrong_state="Impossible de « {label_lower} » une inscription au statut « {status_lower} ».",
    denied="Vous ne pouvez pas modifier cette inscription.",
    transitions=(
        Transition(
            "register",
            {R.INVITED},
            R.REGISTERED,
            "Confirmer l'inscription",
            actors={REGISTRANT, ORGANISER},
            guards=(seat_available,),
        ),
        Transition(
            "waitlist",
            {R.INVITED},
            R.WAITLISTED,
            "Mettre en liste d'attente",
            actors={REGISTRANT, ORGANISER},
            guards=(event_open,),
            updates=(waitlisted_now,),
        ),
        Transition(
            "promote",
            {R.WAITLISTED},
            R.REGISTERED,
            "Confirmer depuis la liste d'attente",
            actors={ORGANISER, SYSTEM},
            guards=(seat_available,),
        ),
        Transition(
            "cancel",
            {R.INVITED, R.REGISTERED, R.WAITLISTED},
            R.CANCELLED,
            "Annuler l'inscription",
            actors={REGISTRANT, ORGANISER, SYSTEM},
            effects=(free_the_seat,),
            needs_confirmation=True,
        ),
        Transition(
            "excuse",
            {R.REGISTERED},
            R.EXCUSED,
            "Excuser l'absence",
            actors={REGISTRANT, ORGANISER},
            effects=(free_the_seat,),
        ),
        Transition(
            "attend", {R.REGISTERED, R.WAITLISTED, R.EXCUSED, R.NO_SHOW}, R.ATTENDED, "Présent", **ATTENDANCE
        ),
        Transition("no_show", {R.REGISTERED, R.EXCUSED, R.ATTENDED}, R.NO_SHOW, "Absent", **ATTENDANCE),
    ),
)
