"""Choices of the events app: kinds, organiser roles, modes, audiences, statuses (codes English, labels French)."""

from django.db import models


class EventKind(models.TextChoices):
    TRADES_YOUTHS = "trades_youths", "Collective métiers pour les jeunes"
    TRADES_STAFF = "trades_staff", "Collective métiers pour les conseillers"
    INFO_SESSION = "info_session", "Information collective (alternance, CEJ)"
    VISIT_STAFF = "visit_staff", "Visite d'entreprise pour les équipes des Missions Locales"
    VISIT_YOUTHS = "visit_youths", "Visite d'entreprise pour les jeunes"
    FORUM = "forum", "Forum ou job dating"
    PROFESSIONAL_DAY = "professional_day", "Journée professionnelle"
    WEBINAR = "webinar", "Webinaire partenaire"
    WORKSHOP = "workshop", "Atelier"
    CEJ_GROUP = "cej_group", "Intervention dans un groupe CEJ"
    STAFF_IMMERSION = "staff_immersion", "Immersion de professionnels entre structures"
    NATIONAL_SEMINAR = "national_seminar", "Séminaire national"
    STEERING = "steering", "Réunion de pilotage ou de suivi"
    OTHER = "other", "Autre"


class OrganizerRole(models.TextChoices):
    ORGANISER = "organiser", "Organisateur"
    CO_ORGANISER = "co_organiser", "Co-organisateur"
    SPEAKER = "speaker", "Intervenant"


# Organisations in these roles run the event (edit it, move its status, record attendance).
MANAGING_ROLES = frozenset({OrganizerRole.ORGANISER, OrganizerRole.CO_ORGANISER})


class AttendanceMode(models.TextChoices):
    IN_PERSON = "in_person", "En présentiel"
    ONLINE = "online", "À distance"
    HYBRID = "hybrid", "En présentiel et à distance"


class Audience(models.TextChoices):
    YOUTHS = "youths", "Jeunes"
    STAFF = "staff", "Professionnels"
    BOTH = "both", "Jeunes et professionnels"


class EventStatus(models.TextChoices):
    DRAFT = "draft", "Brouillon"
    PLANNED = "planned", "Programmé"
    RESCHEDULED = "rescheduled", "Reporté"
    FULL = "full", "Complet"
    CANCELLED = "cancelled", "Annulé"
    HELD = "held", "Tenu"


# Statuses in which people may still be registered (a full event takes the waiting list only).
OPEN_STATUSES = frozenset({EventStatus.PLANNED, EventStatus.RESCHEDULED, EventStatus.FULL})
PUBLISHED_STATUSES = frozenset(set(EventStatus.values) - {EventStatus.DRAFT})
# Statuses after which an event no longer changes.
CLOSED_STATUSES = frozenset({EventStatus.CANCELLED, EventStatus.HELD})


class ParticipantKind(models.TextChoices):
    YOUTH = "youth", "Jeune"
    STAFF = "staff", "Professionnel"


class RegistrationRole(models.TextChoices):
    PARTICIPANT = "participant", "Participant"
    SPEAKER = "speaker", "Intervenant"


class RegistrationStatus(models.TextChoices):
    INVITED = "invited", "Invité"
    REGISTERED = "registered", "Inscrit"
    WAITLISTED = "waitlisted", "En liste d'attente"
    CANCELLED = "cancelled", "Annulé"
    EXCUSED = "excused", "Excusé"
    ATTENDED = "attended", "Présent"
    NO_SHOW = "no_show", "Absent"


# Registrations that hold a seat: counted against the capacity.
SEATED = frozenset({RegistrationStatus.REGISTERED, RegistrationStatus.ATTENDED})
# Still expected (or waiting): what the calendar and reminders consider "registered".
ACTIVE = frozenset({RegistrationStatus.INVITED, RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED})


class DocumentKind(models.TextChoices):
    MINUTES = "minutes", "Compte rendu"
    SLIDES = "slides", "Support de présentation"
    ATTENDANCE_SHEET = "attendance_sheet", "Feuille d'émargement"
    OTHER = "other", "Autre document"
