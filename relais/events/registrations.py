"""Writes of registrations: a young person, a professional (self or by the organisers), invitations, moves."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from relais.core.scope import Scope
from relais.core.services import audit
from relais.core.workflows import apply
from relais.events.enums import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    EventStatus,
    ParticipantKind,
    RegistrationRole,
    RegistrationStatus,
)
from relais.events.lifecycle import REGISTRATION_LIFECYCLE, has_seat
from relais.events.models import Event, EventError, Registration, RegistrationTransition
from relais.events.perms import (
    acting_organization_ids,
    can_manage,
    can_register_self,
    has_ended,
    youth_registering_ml_ids,
)
from relais.organizations.models import Person


def _registration_open(event: Event) -> None:
    if has_ended(event):
        raise EventError("L'événement est terminé : les inscriptions sont closes.")
    if event.registration_deadline and timezone.localdate() > event.registration_deadline:
        raise EventError("La date limite d'inscription est passée.")


def _create_registration(
    event: Event, scope: Scope, *, waitlist_if_full: bool = True, **values
) -> Registration:
    status = RegistrationStatus.REGISTERED if has_seat(event) else RegistrationStatus.WAITLISTED
    if status == RegistrationStatus.WAITLISTED and not waitlist_if_full:
        raise EventError("Il n'y a plus de place à cet événement.")
    now = timezone.now()
    registration = Registration.objects.create(
        event=event,
        status=status,
        registered_by=scope.actor,
        waitlisted_at=now if status == RegistrationStatus.WAITLISTED else None,
        **values,
    )
    name = "register" if status == RegistrationStatus.REGISTERED else "waitlist"
    RegistrationTransition.record(registration, name=name, to_status=status, by=scope.actor, at=now)
    audit(
        actor=scope.actor,
        action=f"registration.{name}",
        obj=registration,
        event=event.pk,
        kind=values["kind"],
    )
    return registration


def _locked_event(event: Event) -> Event:
    # One registration at a time per event: the seats are counted under this lock.
    return Event.objects.select_for_update().get(pk=event.pk)


@transaction.atomic
def registration_add_youth(*, event: Event, youth, scope: Scope, consent_recorded: bool) -> Registration:
    """A Mission Locale's staff register one of its young people, with the young person's agreement."""
    event = _locked_event(event)
    if youth.mission_locale_id not in youth_registering_ml_ids(scope, event):
        raise PermissionDenied("Vous ne pouvez pas inscrire ce jeune à cet événement.")
    if not consent_recorded:
        raise ValidationError({"consent_recorded": "Recueillez l'accord du jeune avant de l'inscrire."})
    _registration_open(event)
    if event.registrations.filter(youth=youth).exists():
        raise EventError("Ce jeune est déjà inscrit à cet événement.")
    return _create_registration(
        event,
        scope,
        kind=ParticipantKind.YOUTH,
        youth=youth,
        organization_id=youth.mission_locale_id,
        consent_recorded=True,
    )


def _home_organization_id(scope: Scope, person: Person) -> int | None:
    ids = sorted(acting_organization_ids(scope)) if scope.person_id == person.pk else []
    if ids:
        return ids[0]
    membership = person.memberships.filter(is_active=True).order_by("pk").first()
    return membership.organization_id if membership else None


@transaction.atomic
def registration_add_staff(
    *,
    event: Event,
    scope: Scope,
    person: Person | None = None,
    role: str = RegistrationRole.PARTICIPANT,
    mentor=None,
) -> Registration:
    """A professional registers themself; organisers also register (or invite) anyone, speakers included."""
    event = _locked_event(event)
    organiser = can_manage(scope, event)
    if mentor is not None:
        person = mentor.person
        role = RegistrationRole.SPEAKER
    if person is None:
        if scope.person_id is None:
            raise PermissionDenied
        person = Person.objects.get(pk=scope.person_id)
    if not organiser and not (person.pk == scope.person_id and can_register_self(scope, event)):
        raise PermissionDenied("Vous ne pouvez pas inscrire cette personne à cet événement.")
    if role == RegistrationRole.SPEAKER and not organiser:
        raise PermissionDenied("Seuls les organisateurs inscrivent les intervenants.")
    if not organiser:
        _registration_open(event)
    if event.status not in {EventStatus.DRAFT, *OPEN_STATUSES}:
        raise EventError("Les inscriptions à cet événement sont closes.")
    if event.registrations.filter(person=person).exists():
        raise EventError("Cette personne est déjà inscrite à cet événement.")
    values = {
        "kind": ParticipantKind.STAFF,
        "person": person,
        "mentor": mentor,
        "role": role,
        "organization_id": _home_organization_id(scope, person),
    }
    if role == RegistrationRole.SPEAKER:  # a speaker does not take a participant's seat
        registration = Registration.objects.create(
            event=event, status=RegistrationStatus.REGISTERED, registered_by=scope.actor, **values
        )
        RegistrationTransition.record(
            registration, name="register", to_status=registration.status, by=scope.actor
        )
        audit(
            actor=scope.actor, action="registration.register", obj=registration, event=event.pk, speaker=True
        )
        return registration
    return _create_registration(event, scope, **values)


@transaction.atomic
def registration_invite(*, event: Event, scope: Scope, person: Person) -> Registration:
    """An organiser invites a professional, who then confirms (or is put on the waiting list)."""
    if not can_manage(scope, event):
        raise PermissionDenied("Seuls les organisateurs invitent.")
    if event.status in CLOSED_STATUSES:
        raise EventError("Les inscriptions à cet événement sont closes.")
    if event.registrations.filter(person=person).exists():
        raise EventError("Cette personne est déjà inscrite à cet événement.")
    registration = Registration.objects.create(
        event=event,
        kind=ParticipantKind.STAFF,
        person=person,
        status=RegistrationStatus.INVITED,
        registered_by=scope.actor,
        organization_id=_home_organization_id(scope, person),
    )
    RegistrationTransition.record(
        registration, name="invite", to_status=RegistrationStatus.INVITED, by=scope.actor
    )
    audit(actor=scope.actor, action="registration.invite", obj=registration, event=event.pk)
    return registration


@transaction.atomic
def registration_move(*, registration: Registration, name: str, scope: Scope, note: str = "") -> Registration:
    """One move of a registration (confirm, waitlist, promote, cancel, excuse, attend, no_show)."""
    _locked_event(registration.event)
    return apply(REGISTRATION_LIFECYCLE, registration, name, scope=scope, note=note)


@transaction.atomic
def registration_accept(*, registration: Registration, scope: Scope) -> Registration:
    """An invited person confirms: a seat if one is left, else the waiting list."""
    event = _locked_event(registration.event)
    name = "register" if has_seat(event) else "waitlist"
    return apply(REGISTRATION_LIFECYCLE, registration, name, scope=scope)


@transaction.atomic
def registration_add_attendee(*, event: Event, scope: Scope, person: Person) -> Registration:
    """An organiser records a professional who came without registering (a sign-in sheet): registered now,
    whatever the seats left, so that attendance can then be recorded; the event must have started."""
    event = _locked_event(event)
    if not can_manage(scope, event):
        raise PermissionDenied("Seules les structures qui organisent l'événement enregistrent les présences.")
    if not event.takes_staff:
        raise EventError("Cet événement n'accueille pas de professionnels.")
    if event.status in {EventStatus.DRAFT, EventStatus.CANCELLED}:
        raise EventError("Un brouillon ou un événement annulé n'a pas de présences.")
    if event.starts_at is None or event.starts_at > timezone.now():
        raise EventError("Les présences s'enregistrent une fois l'événement commencé.")
    if event.registrations.filter(person=person).exists():
        raise EventError("Cette personne est déjà inscrite à cet événement.")
    registration = Registration.objects.create(
        event=event,
        kind=ParticipantKind.STAFF,
        person=person,
        status=RegistrationStatus.REGISTERED,
        registered_by=scope.actor,
        organization_id=_home_organization_id(scope, person),
    )
    RegistrationTransition.record(
        registration, name="register", to_status=registration.status, by=scope.actor
    )
    audit(actor=scope.actor, action="registration.register", obj=registration, event=event.pk, walk_in=True)
    return registration
