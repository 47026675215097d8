"""The annual review of a convention period: live figures while a draft, then a frozen snapshot, the COPIL that
examined it and the decision it supported; the parties' comments and the PDF exports built in the background."""

from django.conf import settings
from django.db import models

from relais.conventions.models import Convention, ConventionDocument
from relais.conventions.storage import private_storage
from relais.core.models import TransitionLog
from relais.core.workflows import DomainError
from relais.events.models import Event
from relais.organizations.models import Organization
from relais.reviews.enums import FROZEN, ExportStatus, ReviewDecision, ReviewStatus


class ReviewError(DomainError):
    """A review rule was broken (impossible move, convention in the wrong status...); the message is French."""


class Review(models.Model):
    """One per convention period. `snapshot` holds the figures frozen when computed, as a list of
    ``IndicatorValue.to_dict()`` (relais/core/providers.py), with the registry's version and the computation date,
    so that a later deletion of young people's records never changes a past review."""

    convention = models.OneToOneField(Convention, on_delete=models.CASCADE, related_name="review")
    status = models.CharField(
        "statut", max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT, db_index=True
    )
    period_start = models.DateField("début de la période", null=True, blank=True)
    period_end = models.DateField("fin de la période", null=True, blank=True)
    snapshot = models.JSONField("chiffres arrêtés", default=list, blank=True)
    registry_version = models.CharField("version du référentiel d'indicateurs", max_length=20, blank=True)
    computed_at = models.DateTimeField("chiffres arrêtés le", null=True, blank=True)
    # The COPIL that examined the frozen figures.
    copil_date = models.DateField("date du COPIL", null=True, blank=True)
    copil_attendees = models.TextField("participants au COPIL", blank=True)
    copil_event = models.ForeignKey(
        Event,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviews",
        verbose_name="réunion de pilotage",
    )
    minutes = models.ForeignKey(
        ConventionDocument,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="compte rendu du COPIL",
    )
    decision = models.CharField("décision", max_length=30, choices=ReviewDecision.choices, blank=True)
    decision_note = models.TextField("décision, telle qu'arrêtée en COPIL", blank=True)
    decided_at = models.DateTimeField("décision enregistrée le", null=True, blank=True)
    # The period the renewal opened.
    next_period = models.OneToOneField(
        Convention,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opened_by_review",
        verbose_name="période ouverte par la décision",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "bilan annuel"
        verbose_name_plural = "bilans annuels"

    def __str__(self):
        return f"Bilan — {self.convention}"

    @property
    def is_frozen(self) -> bool:
        return self.status in FROZEN


ReviewTransition = TransitionLog.for_subject(Review)


class Comment(models.Model):
    """A party's remark on the figures, before the COPIL."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    text = models.TextField("commentaire")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "commentaire du bilan"
        verbose_name_plural = "commentaires du bilan"

    def __str__(self):
        return f"Commentaire de {self.organization}"


def export_path(instance, filename):
    return f"reviews/{instance.review_id}/{filename}"


class ReviewExport(models.Model):
    """The PDF of a frozen review, built by a background job; the page polls its progress."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="exports")
    status = models.CharField(max_length=10, choices=ExportStatus.choices, default=ExportStatus.PENDING)
    progress = models.PositiveSmallIntegerField("avancement (%)", default=0)
    file = models.FileField(storage=private_storage, upload_to=export_path, max_length=255, blank=True)
    # The snapshot's computation date the file was built from: a review returned to draft and frozen again
    # needs a new file.
    computed_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=255, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "export PDF du bilan"

    def __str__(self):
        return f"PDF — {self.review}"
