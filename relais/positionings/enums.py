"""Choices of the positioning pipeline: statuses, not-retained reasons, notification events."""

from django.db import models


class PositioningStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposé par le conseiller"
    RETURNED = "returned", "Renvoyé au conseiller"
    TRANSMITTED = "transmitted", "Transmis au partenaire"
    ACKNOWLEDGED = "acknowledged", "Pris en compte par le partenaire"
    INTERVIEW_PLANNED = "interview_planned", "Entretien ou information collective prévu"
    HIRED = "hired", "Recruté"
    ENTERED_TRAINING = "entered_training", "Entré en formation ou en POE"
    IMMERSION_COMPLETED = "immersion_completed", "Immersion réalisée"
    NOT_RETAINED = "not_retained", "Non retenu"
    WITHDRAWN = "withdrawn", "Désistement du jeune"
    CANCELLED = "cancelled", "Annulé"
    EXPIRED = "expired", "Expiré sans réponse"


S = PositioningStatus

# A positioning is open until it reaches an outcome, is cancelled or expires; one open per youth and opportunity.
OPEN_STATUSES = frozenset({S.PROPOSED, S.RETURNED, S.TRANSMITTED, S.ACKNOWLEDGED, S.INTERVIEW_PLANNED})
OUTCOME_STATUSES = frozenset(
    {S.HIRED, S.ENTERED_TRAINING, S.IMMERSION_COMPLETED, S.NOT_RETAINED, S.WITHDRAWN}
)
CLOSED_STATUSES = frozenset(set(S) - OPEN_STATUSES)
# Statuses that are the partner's answer to a transmitted candidate (used by reminders and delays).
PARTNER_ANSWER_STATUSES = frozenset(
    {S.ACKNOWLEDGED, S.INTERVIEW_PLANNED, S.HIRED, S.ENTERED_TRAINING, S.IMMERSION_COMPLETED, S.NOT_RETAINED}
)
# Statuses in which the young person has entered the job, training or immersion.
ENTRY_STATUSES = frozenset({S.HIRED, S.ENTERED_TRAINING, S.IMMERSION_COMPLETED})


class NotRetainedReason(models.TextChoices):
    PROFILE_MISMATCH = "profile_mismatch", "Profil ne correspondant pas au poste"
    PREREQUISITES = "prerequisites", "Prérequis non remplis (permis, qualification, âge…)"
    POSITION_FILLED = "position_filled", "Poste déjà pourvu"
    NO_SHOW = "no_show", "Absence à l'entretien ou à l'information collective"
    MOTIVATION = "motivation", "Motivation ou projet professionnel insuffisants"
    MOBILITY = "mobility", "Mobilité ou horaires incompatibles"
    OTHER = "other", "Autre motif"


class NotificationEvent(models.TextChoices):
    TRANSMISSION = "transmission", "Candidature transmise (partenaires)"
    RETURNED = "returned", "Positionnement renvoyé au conseiller par le référent (conseillers)"
    PARTNER_ANSWER = "partner_answer", "Réponse du partenaire (conseillers et référents)"
    OUTCOME = (
        "outcome",
        (
            "Issue d'un positionnement (conseillers et référents ; partenaires quand une candidature reçue est "
            "annulée ou que le jeune se désiste)"
        ),
    )
    REMINDER = "reminder", "Relance d'une candidature sans réponse (partenaires)"
