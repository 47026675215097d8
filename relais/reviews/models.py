"""The annual review of a convention period: live figures while a draft, then a frozen snapshot."""

from django.db import models

from relais.conventions.models import Convention
from relais.reviews.enums import ReviewStatus


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
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "bilan annuel"
        verbose_name_plural = "bilans annuels"

    def __str__(self):
        return f"Bilan — {self.convention}"

    @property
    def is_frozen(self) -> bool:
        from relais.reviews.enums import FROZEN

        return self.status in FROZEN
