"""What people type about a convention's indicators: the value of one the registry cannot compute ("à renseigner",
the only typed figure allowed) and the targets its coordinators set (services in indicator_entries.py)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from relais.conventions.enums import IndicatorCode
from relais.organizations.models import Organization
from relais.territories.models import Department


def _number(value):
    """A Decimal as the figure filter shows it: 12 rather than 12.00."""
    return int(value) if value == value.to_integral_value() else float(value)


class IndicatorEntry(models.Model):
    """The typed value of one indicator of the review that no provider computes, with its author."""

    indicator = models.OneToOneField(
        "conventions.Indicator", on_delete=models.CASCADE, related_name="entry", verbose_name="indicateur"
    )
    value = models.DecimalField("valeur", max_digits=12, decimal_places=2)
    unit = models.CharField("unité", max_length=40, blank=True)
    note = models.CharField("précision", max_length=500, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="auteur",
    )
    # The author as shown, kept when the account is removed.
    author_name = models.CharField("renseigné par", max_length=200)
    recorded_at = models.DateTimeField("renseigné le")

    class Meta:
        verbose_name = "valeur renseignée d'un indicateur"
        verbose_name_plural = "valeurs renseignées des indicateurs"

    def __str__(self):
        return f"{self.indicator} : {self.value}"

    @property
    def number(self):
        return _number(self.value)


class IndicatorTarget(models.Model):
    """A target of the convention period for one indicator code, for the whole convention or for one Mission
    Locale or one department (never both)."""

    convention = models.ForeignKey(
        "conventions.Convention", on_delete=models.CASCADE, related_name="indicator_targets"
    )
    code = models.CharField("indicateur", max_length=40, choices=IndicatorCode.choices)
    mission_locale = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="Mission Locale",
    )
    department = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="département",
    )
    value = models.DecimalField("objectif", max_digits=12, decimal_places=2)
    note = models.CharField("précision", max_length=500, blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="fixé par",
    )
    set_at = models.DateTimeField("fixé le")

    class Meta:
        ordering = ["code", "pk"]
        verbose_name = "objectif d'un indicateur"
        verbose_name_plural = "objectifs des indicateurs"
        constraints = [
            models.CheckConstraint(
                condition=Q(mission_locale__isnull=True) | Q(department__isnull=True),
                name="indicator_target_one_perimeter",
            ),
            models.UniqueConstraint(
                fields=["convention", "code"],
                condition=Q(mission_locale__isnull=True, department__isnull=True),
                name="one_overall_target_per_code",
            ),
            models.UniqueConstraint(
                fields=["convention", "code", "mission_locale"],
                condition=Q(mission_locale__isnull=False),
                name="one_target_per_code_and_mission_locale",
            ),
            models.UniqueConstraint(
                fields=["convention", "code", "department"],
                condition=Q(department__isnull=False),
                name="one_target_per_code_and_department",
            ),
        ]

    def __str__(self):
        return f"{self.get_code_display()} : {self.value}"

    @property
    def number(self):
        return _number(self.value)

    @property
    def perimeter_label(self) -> str:
        if self.mission_locale_id:
            return str(self.mission_locale)
        if self.department_id:
            return f"{self.department.name} ({self.department.code})"
        return "Toute la convention"
