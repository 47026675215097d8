"""Job referentials: ROME families and titles, NAF sectors, contract types."""

from django.db import models


class RomeFamily(models.Model):
    code = models.CharField("code ROME", max_length=5, unique=True)
    label = models.CharField("libellé", max_length=255)

    class Meta:
        ordering = ["code"]
        verbose_name = "fiche ROME"
        verbose_name_plural = "fiches ROME"

    def __str__(self):
        return f"{self.code} — {self.label}"

    @property
    def domain(self) -> str:
        """The professional domain (letter and two digits, e.g. "M16"), used to find neighbour families."""
        return self.code[:3]


class RomeTitle(models.Model):
    ogr_code = models.CharField("code OGR", max_length=10, unique=True)
    family = models.ForeignKey(RomeFamily, on_delete=models.PROTECT, related_name="titles")
    label = models.CharField("appellation", max_length=255)
    short_label = models.CharField("appellation courte", max_length=255)
    # Accent- and case-blind label, short label and ROME code, filled by the loader, for any backend.
    search_text = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["label"]
        verbose_name = "appellation ROME"
        verbose_name_plural = "appellations ROME"

    def __str__(self):
        return self.label


class NafSector(models.Model):
    code = models.CharField("code NAF", max_length=10, unique=True)
    label = models.CharField("libellé", max_length=255)
    level = models.PositiveSmallIntegerField(
        "niveau", help_text="1 division, 2 groupe, 3 classe, 4 sous-classe"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = "secteur NAF"
        verbose_name_plural = "secteurs NAF"

    def __str__(self):
        return f"{self.code} — {self.label}"


class ContractType(models.Model):
    code = models.CharField(max_length=30, unique=True)
    label = models.CharField("libellé", max_length=100)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]
        verbose_name = "type de contrat"
        verbose_name_plural = "types de contrat"

    def __str__(self):
        return self.label
