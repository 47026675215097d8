"""Webhook endpoints of organisations, the deliveries of events to them and every attempt of each."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from relais.organizations.models import Organization
from relais.webhooks.enums import DeliveryStatus, EventType


class WebhookEndpoint(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="webhook_endpoints", verbose_name="organisation"
    )
    label = models.CharField("libellé", max_length=100)
    url = models.URLField("adresse", max_length=500)
    events = models.JSONField("événements", default=list)
    # The signing secret is not stored: it is derived from the site's SECRET_KEY and this random salt (see
    # relais.webhooks.signing), so that the database alone never reveals it. Changing SECRET_KEY changes it.
    secret_salt = models.CharField(max_length=64, editable=False)
    secret_prefix = models.CharField("préfixe du secret", max_length=12)
    is_active = models.BooleanField("actif", default=True)
    disabled_at = models.DateTimeField(null=True, blank=True)
    disabled_reason = models.CharField(max_length=200, blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organization__name", "label", "pk"]
        verbose_name = "point de réception de webhooks"
        verbose_name_plural = "points de réception de webhooks"

    def __str__(self):
        return f"{self.label} ({self.url})"

    @property
    def status_label(self) -> str:
        return "Actif" if self.is_active else "Désactivé"

    @property
    def event_labels(self) -> list[str]:
        labels = dict(EventType.choices)
        return [labels.get(code, code) for code in self.events]


class WebhookDelivery(models.Model):
    """One event for one endpoint; its body is fixed when recorded, so every retry signs the same bytes."""

    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries")
    event_id = models.UUIDField(default=uuid.uuid4, editable=False)
    event_type = models.CharField(max_length=60)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    body = models.TextField()
    # One row per endpoint and event: a re-run job records nothing new.
    dedup_key = models.CharField(max_length=255, unique=True)
    status = models.CharField(max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.event_type} → {self.endpoint_id}"


class WebhookAttempt(models.Model):
    """One HTTP request of a delivery (append-only)."""

    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="attempt_log")
    number = models.PositiveSmallIntegerField()
    started_at = models.DateTimeField()
    duration_ms = models.PositiveIntegerField()
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    succeeded = models.BooleanField(default=False)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]

    def __str__(self):
        return f"{self.delivery_id} #{self.number}: {self.status_code or self.error}"
