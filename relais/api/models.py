"""API tokens of organisations, the append-only call log and the stored answers of idempotent creations."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from relais.organizations.models import Organization

PREFIX_LENGTH = 8


class ApiToken(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="api_tokens", verbose_name="organisation"
    )
    label = models.CharField("libellé", max_length=100, help_text="À quoi sert ce jeton (outil, usage).")
    scopes = models.JSONField("droits", default=list)
    # The secret itself is never stored: its first characters (to recognise it) and its keyed hash.
    prefix = models.CharField("préfixe", max_length=PREFIX_LENGTH, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField("expire le")
    revoked_at = models.DateTimeField("révoqué le", null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_used_at = models.DateTimeField("dernière utilisation", null=True, blank=True)
    # Days before expiry (30, 15) whose notice was already recorded: each is sent once.
    expiry_notices = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "jeton d'API"
        verbose_name_plural = "jetons d'API"

    def __str__(self):
        return f"{self.label} ({self.prefix}…)"

    def is_usable(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and self.expires_at > now and self.organization.is_active

    @property
    def status_label(self) -> str:
        if self.revoked_at is not None:
            return "Révoqué"
        if self.expires_at <= timezone.now():
            return "Expiré"
        return "Actif"


class ApiCall(models.Model):
    """One call to the API (append-only; purged after RELAIS_API_CALL_RETENTION_MONTHS)."""

    token = models.ForeignKey(ApiToken, null=True, on_delete=models.SET_NULL, related_name="calls")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=500)
    status = models.PositiveSmallIntegerField()
    outcome = models.CharField(max_length=20)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["token", "-created_at"])]

    def __str__(self):
        return f"{self.method} {self.path} → {self.status}"

    def save(self, *args, **kwargs):
        # Append-only: a call once logged is never rewritten (only the retention job deletes it).
        if self.pk is not None:
            raise ValueError("The API call log is append-only.")
        super().save(*args, **kwargs)


class IdempotentResponse(models.Model):
    """The first answer to a creation sent with an Idempotency-Key: a retry gets it back."""

    token = models.ForeignKey(ApiToken, null=True, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    path = models.CharField(max_length=500)
    fingerprint = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField()
    body = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["token", "key"], name="one_answer_per_token_key"),
            models.UniqueConstraint(fields=["user", "key"], name="one_answer_per_user_key"),
        ]

    def __str__(self):
        return f"{self.key} → {self.status}"


class ApiDeliveryReading(models.Model):
    """An opportunity diffused to a Mission Locale, read through one of its tokens (the API's read receipt)."""

    delivery = models.ForeignKey(
        "opportunities.Delivery", on_delete=models.CASCADE, related_name="api_readings"
    )
    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["delivery", "token"], name="one_api_reading_per_token")
        ]

    def __str__(self):
        return f"{self.delivery_id} lu par le jeton {self.token_id}"
