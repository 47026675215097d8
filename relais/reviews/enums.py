"""The annual review's statuses."""

from django.db import models


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", "Brouillon (chiffres en direct)"
    COMPUTED = "computed", "Chiffres arrêtés"
    PRESENTED = "presented", "Présenté en COPIL"
    DECIDED = "decided", "Décision prise"


# The statuses whose figures are frozen in the snapshot: the only ones observers and roll-ups publish.
FROZEN = frozenset({ReviewStatus.COMPUTED, ReviewStatus.PRESENTED, ReviewStatus.DECIDED})


class ReviewDecision(models.TextChoices):
    RENEWED = "renewed", "Renouvellement"
    RENEWED_WITH_CHANGES = "renewed_with_changes", "Renouvellement avec modifications"
    ENDED = "ended", "Fin de la convention"


# The decisions that open the convention's next period.
RENEWING = frozenset({ReviewDecision.RENEWED, ReviewDecision.RENEWED_WITH_CHANGES})
# Parties comment the figures until they are presented.
COMMENTABLE = frozenset({ReviewStatus.DRAFT, ReviewStatus.COMPUTED})


class ExportStatus(models.TextChoices):
    PENDING = "pending", "En attente"
    RUNNING = "running", "En cours de préparation"
    DONE = "done", "Prêt"
    FAILED = "failed", "Échec"
