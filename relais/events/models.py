"""Events and actions (C7): the event, its organisers, time slots, invitations, registrations and documents."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from relais.conventions.models import Action, Axis, Convention
from relais.conventions.storage import private_storage
from relais.core.models import TransitionLog
from relais.core.workflows import DomainError
from relais.events.enums import (
    AttendanceMode,
    Audience,
    DocumentKind,
    EventKind,
    EventStatus,
    OrganizerRole,
    ParticipantKind,
    RegistrationRole,
    RegistrationStatus,
)
from relais.mentoring.models import Mentor
from relais.organizations.models import Organization, Person
from relais.organizations.perimeters import PerimeterKind
from relais.territories.models import Commune
from relais.youths.models import Youth


class EventError(DomainError):
    """An event or registration rule was broken (wrong state, no seat left...); the message is French."""


class Event(models.Model):
    kind = models.CharField("type", max_length=30, choices=EventKind.choices, db_index=True)
    title = models.CharField("intitulé", max_length=200)
    description = models.TextField("description", blank=True)
    convention = models.ForeignKey(
        Convention, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    axis = models.ForeignKey(Axis, null=True, blank=True, on_delete=models.SET_NULL, related_name="events")
    action = models.ForeignKey(
        Action, null=True, blank=True, on_delete=models.SET_NULL, related_name="events", verbose_name="action"
    )
    mode = models.CharField(
        "modalité", max_length=20, choices=AttendanceMode.choices, default=AttendanceMode.IN_PERSON
    )
    commune = models.ForeignKey(
        Commune,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
        verbose_name="commune",
    )
    address = models.CharField("adresse", max_length=255, blank=True)
    online_url = models.URLField("lien de connexion", max_length=500, blank=True)
    audience = models.CharField("public", max_length=20, choices=Audience.choices, default=Audience.BOTH)
    capacity = models.PositiveIntegerField("nombre de places", null=True, blank=True)
    registration_deadline = models.DateField("date limite d'inscription", null=True, blank=True)
    # The invitation perimeter as chosen (same choice as a diffusion) and the Missions Locales it resolved to.
    perimeter = models.CharField(
        "périmètre d'invitation", max_length=20, choices=PerimeterKind.choices, blank=True
    )
    perimeter_details = models.JSONField(default=dict, blank=True)
    invited_mission_locales = models.ManyToManyField(
        Organization, blank=True, related_name="event_invitations", verbose_name="Missions Locales invitées"
    )
    status = models.CharField(
        "statut", max_length=20, choices=EventStatus.choices, default=EventStatus.DRAFT, db_index=True
    )
    # iCalendar SEQUENCE: raised on every change a calendar shows (edit, reschedule, status).
    sequence = models.PositiveIntegerField(default=0)
    # The first slot's start and the last slot's end, kept by the services: the calendar filters on them.
    starts_at = models.DateTimeField("début", null=True, blank=True, db_index=True)
    ends_at = models.DateTimeField("fin", null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.TextField("motif d'annulation", blank=True)
    held_at = models.DateTimeField(null=True, blank=True)
    outcome = models.TextField("bilan", blank=True)
    outcome_at = models.DateTimeField(null=True, blank=True)
    headcount = models.PositiveIntegerField("fréquentation (sans inscription)", null=True, blank=True)
    attendance_recorded_at = models.DateTimeField("présences enregistrées le", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = "événement"
        indexes = [models.Index(fields=["status", "starts_at"])]

    def __str__(self):
        return self.title

    @property
    def ical_uid(self) -> str:
        """Stable whatever is edited: calendars update the same entry."""
        return f"event-{self.pk}@relais"

    @property
    def takes_youths(self) -> bool:
        return self.audience in {Audience.YOUTHS, Audience.BOTH}

    @property
    def takes_staff(self) -> bool:
        return self.audience in {Audience.STAFF, Audience.BOTH}

    @property
    def place(self) -> str:
        parts = [self.address, str(self.commune) if self.commune_id else ""]
        return ", ".join(p for p in parts if p)


class EventOrganizer(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="organizers")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="organized_events")
    role = models.CharField(
        "rôle", max_length=20, choices=OrganizerRole.choices, default=OrganizerRole.ORGANISER
    )

    class Meta:
        ordering = ["role", "pk"]
        verbose_name = "organisateur"
        constraints = [
            models.UniqueConstraint(fields=["event", "organization"], name="one_role_per_organizer")
        ]

    def __str__(self):
        return f"{self.organization} ({self.get_role_display()})"


class EventSlot(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField("début")
    ends_at = models.DateTimeField("fin")

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = "créneau"
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="slot_ends_after_start"
            )
        ]

    def __str__(self):
        return f"{self.starts_at:%d/%m/%Y %H:%M}"


class Registration(models.Model):
    """One person at one event: a young person (registered by their Mission Locale) or a professional."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    kind = models.CharField("participant", max_length=10, choices=ParticipantKind.choices)
    # Null once the young person's record is anonymised: the registration still counts.
    youth = models.ForeignKey(
        Youth, null=True, blank=True, on_delete=models.SET_NULL, related_name="event_registrations"
    )
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="event_registrations"
    )
    mentor = models.ForeignKey(
        Mentor, null=True, blank=True, on_delete=models.PROTECT, related_name="event_registrations"
    )
    # The young person's Mission Locale, or the organisation the professional comes from.
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="event_registrations"
    )
    role = models.CharField(
        "rôle", max_length=20, choices=RegistrationRole.choices, default=RegistrationRole.PARTICIPANT
    )
    status = models.CharField("statut", max_length=20, choices=RegistrationStatus.choices, db_index=True)
    consent_recorded = models.BooleanField("accord du jeune recueilli", default=False)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    registered_at = models.DateTimeField(auto_now_add=True)
    # The waiting list is served in this order.
    waitlisted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["registered_at", "pk"]
        verbose_name = "inscription"
        constraints = [
            models.UniqueConstraint(
                fields=["event", "youth"], condition=Q(youth__isnull=False), name="one_registration_per_youth"
            ),
            models.UniqueConstraint(
                fields=["event", "person"],
                condition=Q(person__isnull=False),
                name="one_registration_per_person",
            ),
            models.CheckConstraint(
                condition=(Q(kind=ParticipantKind.YOUTH) & Q(person__isnull=True))
                | (Q(kind=ParticipantKind.STAFF) & Q(person__isnull=False) & Q(youth__isnull=True)),
                name="registration_youth_or_person",
            ),
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.get_status_display()}"


def document_path(instance, filename):
    return f"events/{instance.event_id}/{instance.stored_name}"


class EventDocument(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField("type", max_length=20, choices=DocumentKind.choices, default=DocumentKind.OTHER)
    title = models.CharField("titre", max_length=255)
    file = models.FileField(storage=private_storage, upload_to=document_path, max_length=255)
    stored_name = models.CharField(max_length=80)
    original_name = models.CharField("nom du fichier", max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField("taille (octets)")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = "document d'événement"

    def __str__(self):
        return self.title


EventTransition = TransitionLog.for_subject(Event)
RegistrationTransition = TransitionLog.for_subject(Registration)
