"""Cross-cutting records: the audit log of writes, the access log of personal-data reads, the transition logs."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from relais.core.enums import AuditAction


class AuditEvent(models.Model):
    """One write performed by a service: who did what to which object."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    action = models.CharField(max_length=100, choices=AuditAction.choices, db_index=True)
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
    """One read of a young person's record, one list of young people shown, one export of personal data,
    or the records one import created or changed."""

    class Kind(models.TextChoices):
        READ = "read", "Consultation"
        LIST = "list", "Consultation d'une liste"
        EXPORT = "export", "Export"
        # The records an import created or changed (its subjects), beside the import's one audit row.
        IMPORT = "import", "Import (fiches créées ou modifiées)"

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64, blank=True)
    description = models.CharField(max_length=255, blank=True)
    path = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "accès aux données personnelles"
        verbose_name_plural = "journal des accès aux données personnelles"

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.kind} {self.object_type}#{self.object_id}"


class AccessLogSubject(models.Model):
    """One record a read, a list or an export showed: "who saw this young person" is one indexed query."""

    access_log = models.ForeignKey(AccessLog, on_delete=models.CASCADE, related_name="subjects")
    subject_type = models.CharField(max_length=100)
    subject_id = models.PositiveBigIntegerField()

    class Meta:
        verbose_name = "personne concernée par un accès"
        verbose_name_plural = "personnes concernées par les accès"
        constraints = [
            models.UniqueConstraint(
                fields=["access_log", "subject_type", "subject_id"], name="access_log_subject_unique"
            )
        ]
        indexes = [models.Index(fields=["subject_type", "subject_id"])]

    def __str__(self):
        return f"{self.subject_type}#{self.subject_id}"


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


class TransitionLog(models.Model):
    """One status change of a workflow's object; the delays and counts are computed from these rows.

    Each workflow's log is ``TransitionLog.for_subject(Model)``: this table plus a key to its subject
    (``related_name="transitions"``). Creations are logged too, with an empty ``from_status``.
    """

    # The labels of the subject's statuses, shown in the history.
    status_labels: dict[str, str] = {}

    name = models.CharField(max_length=30)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)
    note = models.TextField(blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]
        verbose_name = "changement de statut"
        verbose_name_plural = "historique des statuts"

    def __str__(self):
        return f"{self.get_from_status_display() or '—'} → {self.get_to_status_display()}"

    def get_from_status_display(self) -> str:
        return self.status_labels.get(self.from_status, self.from_status)

    def get_to_status_display(self) -> str:
        return self.status_labels.get(self.to_status, self.to_status)

    @classmethod
    def for_subject(cls, subject: type[models.Model], *, state_field: str = "status", indexes=()):
        """The concrete log of one model's workflow, named after it (``ConventionTransition``...)."""
        key = subject._meta.model_name
        meta = type("Meta", (cls.Meta,), {"indexes": list(indexes)})
        return type(
            f"{subject.__name__}Transition",
            (cls,),
            {
                "__module__": subject.__module__,
                "__doc__": f"The log of the {subject._meta.verbose_name}'s workflow: one row per status change.",
                "status_labels": {
                    str(v): str(label) for v, label in subject._meta.get_field(state_field).flatchoices
                },
                key: models.ForeignKey(subject, on_delete=models.CASCADE, related_name="transitions"),
                "Meta": meta,
            },
        )

    @classmethod
    def subject_field(cls) -> str:
        return next(f.name for f in cls._meta.concrete_fields if f.is_relation and f.name != "by")

    @classmethod
    def record(
        cls, subject, *, name: str, to_status: str, from_status: str = "", by=None, note: str = "", at=None
    ):
        """Write one row: the transitions of the engine and the creations (from_status empty) alike."""
        return cls.objects.create(
            **{cls.subject_field(): subject},
            name=name,
            from_status=from_status,
            to_status=to_status,
            by=by if by is not None and by.is_authenticated else None,
            note=note,
            at=at or timezone.now(),
        )


# The notification records live with the notification system (relais/core/notifications/).
from relais.core.notifications.models import NotificationPreference, OutboxEmail  # noqa: E402, F401
