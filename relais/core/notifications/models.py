"""The notification records: one preference per user and notification, one outbox row per e-mail."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", "Un e-mail à chaque fois"
    DAILY = "daily", "Un récapitulatif quotidien"


class NotificationPreference(models.Model):
    """A user's choice for one notification (absent row: the notification's defaults, on and immediate)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    code = models.CharField("notification", max_length=60)
    enabled = models.BooleanField("reçue", default=True)
    frequency = models.CharField(
        "fréquence", max_length=20, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["user", "code"]
        verbose_name = "préférence de notification"
        verbose_name_plural = "préférences de notification"
        constraints = [
            models.UniqueConstraint(fields=["user", "code"], name="one_notification_preference_per_code")
        ]

    def __str__(self):
        return f"{self.code} : {'oui' if self.enabled else 'non'} ({self.frequency})"


class OutboxEmail(models.Model):
    """One e-mail to one person, recorded in the transaction of the event before a job sends it.

    The unique dedup key is what keeps a re-run job from recording it twice; the status, claimed by a
    conditional update before sending, is what keeps two jobs from sending it at the same time; a row left
    "sending" by a killed worker is taken back by the periodic sweep once its claim is old (outbox.py).
    """

    class Status(models.TextChoices):
        PENDING = "pending", "À envoyer"
        WAITING = "waiting", "En attente du récapitulatif quotidien"
        SENDING = "sending", "Envoi en cours"
        SENT = "sent", "Envoyé"
        GROUPED = "grouped", "Envoyé dans un récapitulatif"
        SKIPPED = "skipped", "Non envoyé (destinataire ou objet disparu)"
        FAILED = "failed", "Échec de l'envoi"

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    code = models.CharField("notification", max_length=60, db_index=True)
    # The object the e-mail is about ("app_label.model" and its primary key, as in the audit log); empty for
    # a digest, which is about the items it gathers.
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    # What the text needs as it was at the event (a status, a reason...), JSON only.
    data = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    dedup_key = models.CharField(max_length=255, unique=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    # The digest e-mail a waiting item went out in.
    digest = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="digest_items"
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    subject = models.CharField("objet", max_length=255, blank=True)
    # When it was sent; while "sending", when the current attempt claimed it (the sweep's lease).
    sent_at = models.DateTimeField("envoyé le", null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "e-mail de la boîte d'envoi"
        verbose_name_plural = "boîte d'envoi des e-mails"
        indexes = [
            models.Index(fields=["status", "recipient"]),
            models.Index(fields=["object_type", "object_id"]),
        ]

    def __str__(self):
        return f"{self.code} → {self.recipient_id} ({self.get_status_display()})"
