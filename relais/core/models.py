"""Cross-cutting records: the audit log of writes and the access log of personal-data reads."""

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    """One write performed by a service: who did what to which object."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    action = models.CharField(max_length=100, db_index=True)
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "événement d'audit"
        verbose_name_plural = "journal d'audit"

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_type}#{self.object_id}"


class AccessLog(models.Model):
    """One read of a young person's record, one list of young people shown, or one export of personal data."""

    class Kind(models.TextChoices):
        READ = "read", "Consultation"
        LIST = "list", "Consultation d'une liste"
        EXPORT = "export", "Export"

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64, blank=True)
    description = models.CharField(max_length=255, blank=True)
    path = models.CharField(max_length=500, blank=True)
    # The records a list or an export showed, so that "who saw this young person" has a complete answer.
    subject_ids = models.JSONField("identifiants concernés", default=list, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "accès aux données personnelles"
        verbose_name_plural = "journal des accès aux données personnelles"

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.kind} {self.object_type}#{self.object_id}"


class ReferentialLoad(models.Model):
    """The fingerprint of the sources of the last complete referential load, so an identical reload is skipped."""

    name = models.CharField(max_length=50, unique=True)
    fingerprint = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "chargement de référentiels"
        verbose_name_plural = "chargements de référentiels"

    def __str__(self):
        return f"{self.name} ({self.loaded_at:%Y-%m-%d %H:%M})"


# The notification records live with the notification system (relais/core/notifications/).
from relais.core.notifications.models import NotificationPreference, OutboxEmail  # noqa: E402, F401
