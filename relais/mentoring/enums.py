"""Choices of the mentoring domain."""

from django.db import models


class WorkingStatus(models.TextChoices):
    ACTIVE = "active", "En activité"
    RETIRED = "retired", "Retraité"
