"""The perimeter of Missions Locales an action reaches (a region, departments, a chosen list): one resolution,
one form mixin, shared by the diffusion of opportunities and the invitations to events."""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet

from relais.organizations.models import Organization
from relais.territories.models import Department, Region

MAX_CHOSEN = 500  # a chosen list longer than every Mission Locale of France is not a choice


class PerimeterKind(models.TextChoices):
    REGION = "region", "Toute la région"
    DEPARTMENTS = "departments", "Un ou plusieurs départements"
    LIST = "list", "Une liste de Missions Locales"


@dataclass(frozen=True)
class Perimeter:
    """The Missions Locales a perimeter reaches among those allowed, and what was chosen (codes and ids)."""

    kind: str
    targets: QuerySet
    details: dict


def resolve_perimeter(
    allowed: QuerySet[Organization],
    *,
    perimeter: str,
    region: Region | None = None,
    departments=(),
    mission_locales=(),
) -> Perimeter:
    """The Missions Locales of `allowed` in the chosen perimeter; a ValidationError keyed by field otherwise.

    A chosen list naming a Mission Locale outside `allowed` is refused as a whole rather than trimmed.
    """
    if perimeter == PerimeterKind.REGION:
        if region is None:
            raise ValidationError({"region": "Choisissez la région."})
        return Perimeter(perimeter, allowed.filter(region=region), {"region": region.code})
    if perimeter == PerimeterKind.DEPARTMENTS:
        if not departments:
            raise ValidationError({"departments": "Choisissez au moins un département."})
        return Perimeter(
            perimeter,
            allowed.filter(departments__in=list(departments)).distinct(),
            {"departments": sorted(d.code for d in departments)},
        )
    if perimeter == PerimeterKind.LIST:
        if not mission_locales:
            raise ValidationError({"mission_locales": "Choisissez au moins une Mission Locale."})
        chosen = {ml.pk for ml in mission_locales}
        outside = chosen - set(allowed.filter(pk__in=chosen).values_list("pk", flat=True))
        if outside:
            raise ValidationError(
                {"mission_locales": "Certaines Missions Locales choisies sont hors de votre périmètre."}
            )
        return Perimeter(perimeter, allowed.filter(pk__in=chosen), {"mission_locales": sorted(chosen)})
    raise ValidationError({"perimeter": "Choisissez un périmètre."})


class PerimeterFormMixin:
    """Adds the perimeter fields (kind, region, departments, Missions Locales) to a DSFR form.

    Call ``self.setup_perimeter(allowed_mission_locales)`` in ``__init__`` and ``self.check_perimeter(cleaned)``
    in ``clean``; ``perimeter_values()`` gives the keyword arguments of ``resolve_perimeter``.
    """

    perimeter_label = "Périmètre"
    perimeter_required = True

    def setup_perimeter(self, allowed_mission_locales: QuerySet[Organization]) -> None:
        ml_ids = list(allowed_mission_locales.values_list("pk", flat=True))
        self.fields["perimeter"] = forms.ChoiceField(
            label=self.perimeter_label,
            choices=PerimeterKind.choices,
            widget=forms.RadioSelect,
            required=self.perimeter_required,
        )
        self.fields["region"] = forms.ModelChoiceField(
            label="Région",
            queryset=Region.objects.filter(organizations__pk__in=ml_ids).distinct(),
            required=False,
            empty_label="Choisir",
        )
        self.fields["departments"] = forms.ModelMultipleChoiceField(
            label="Départements",
            queryset=Department.objects.filter(organizations__pk__in=ml_ids).distinct(),
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        self.fields["mission_locales"] = forms.ModelMultipleChoiceField(
            label="Missions Locales",
            queryset=allowed_mission_locales.order_by("name"),
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )

    def check_perimeter(self, cleaned: dict) -> dict:
        perimeter = cleaned.get("perimeter")
        if perimeter == PerimeterKind.REGION and not cleaned.get("region"):
            self.add_error("region", "Choisissez la région.")
        if perimeter == PerimeterKind.DEPARTMENTS and not cleaned.get("departments"):
            self.add_error("departments", "Choisissez au moins un département.")
        if perimeter == PerimeterKind.LIST and not cleaned.get("mission_locales"):
            self.add_error("mission_locales", "Choisissez au moins une Mission Locale.")
        if len(cleaned.get("mission_locales") or ()) > MAX_CHOSEN:
            self.add_error("mission_locales", f"Choisissez au plus {MAX_CHOSEN} Missions Locales.")
        return cleaned

    def perimeter_values(self) -> dict:
        data = self.cleaned_data
        return {
            "perimeter": data.get("perimeter") or "",
            "region": data.get("region"),
            "departments": list(data.get("departments") or []),
            "mission_locales": list(data.get("mission_locales") or []),
        }
