"""The events an endpoint subscribes to, and the states of a delivery."""

from django.db import models


class EventType(models.TextChoices):
    OPPORTUNITY_DIFFUSED = "opportunity.diffused", "Opportunité diffusée"
    POSITIONING_TRANSMITTED = "positioning.transmitted", "Candidature transmise au partenaire"
    POSITIONING_OUTCOME_RECORDED = "positioning.outcome_recorded", "Issue d'une candidature enregistrée"
    EVENT_PUBLISHED = "event.published", "Événement publié"


# Sent by the "send a test event" button only; nobody subscribes to it.
PING = "ping"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "En attente"
    SENDING = "sending", "En cours d'envoi"
    SUCCEEDED = "succeeded", "Reçue"
    FAILED = "failed", "Abandonnée"
    SKIPPED = "skipped", "Non envoyée (point de réception désactivé)"
