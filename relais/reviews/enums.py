"""The annual review's statuses."""

from django.db import models


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", "Brouillon (chiffres en direct)"
    COMPUTED = "computed", "Chiffres arrêtés"
    PRESENTED = "presented", "Présenté en COPIL"
    DECIDED = "decided", "Décision prise"


# The statuses whose figures are frozen in the snapshot: the only ones observers and roll-ups publish.
FROZEN = frozenset({ReviewStatus.COMPUTED, ReviewStatus.PRESENTED, ReviewStatus.DECIDED})
