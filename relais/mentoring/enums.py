"""Choices of the mentoring domain: mentors' situation, mentorships' statuses, end reasons and follow-ups."""

from django.db import models

from relais.positionings.enums import PositioningStatus


class WorkingStatus(models.TextChoices):
    ACTIVE = "active", "En activité"
    RETIRED = "retired", "Retraité"


class MentorshipStatus(models.TextChoices):
    ONGOING = "ongoing", "En cours"
    ENDED = "ended", "Terminé"
    CANCELLED = "cancelled", "Annulé (saisie erronée)"


class MentorshipKind(models.TextChoices):
    INDIVIDUAL = "individual", "Un jeune"
    GROUP = "group", "Un groupe (cohorte CEJ)"


class EndReason(models.TextChoices):
    OBJECTIVE_REACHED = "objective_reached", "Objectif atteint"
    YOUTH_LEFT = "youth_left", "Départ du jeune"
    MENTOR_LEFT = "mentor_left", "Départ du parrain"
    EARLY_BREAK = "early_break", "Rupture anticipée"
    OTHER = "other", "Autre motif"


class FollowUpKind(models.TextChoices):
    ONE_MONTH = "one_month", "Entretien à un mois"
    MIDWAY = "midway", "Entretien à mi-parcours"
    END = "end", "Entretien de fin de parrainage"


# The outcome of a mentorship speaks the positioning pipeline's vocabulary (its entry statuses, with the
# contract type of a hire from relais.jobs); NO_OUTCOME records that the young person entered none of them.
NO_OUTCOME = "none"
OUTCOME_CHOICES = [
    (PositioningStatus.HIRED.value, PositioningStatus.HIRED.label),
    (PositioningStatus.ENTERED_TRAINING.value, PositioningStatus.ENTERED_TRAINING.label),
    (PositioningStatus.IMMERSION_COMPLETED.value, PositioningStatus.IMMERSION_COMPLETED.label),
    (NO_OUTCOME, "Ni emploi, ni formation, ni immersion à ce jour"),
]
OUTCOME_VALUES = frozenset(value for value, _ in OUTCOME_CHOICES)
# Planned length of a mentorship, and the span before which an ended one counts as "broken before six months".
DEFAULT_MONTHS = 6
EARLY_BREAK_MONTHS = 6
