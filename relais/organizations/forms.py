"""Forms of the network directory."""

from django import forms
from django.db.models import Q
from dsfr.forms import DsfrBaseForm

from relais.jobs.models import NafSector
from relais.organizations.enums import PARTNER_KINDS, OrganizationKind
from relais.organizations.models import Organization, Person
from relais.territories.models import Commune, Department, Region
from relais.territories.selectors import commune_ids_named

PARTNER_KIND_CHOICES = [("", "Tous les types")] + [
    (value, label) for value, label in OrganizationKind.choices if value in PARTNER_KINDS
]


class NafDivisionField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} — {obj.label}"


def _department_field():
    return forms.ModelChoiceField(
        label="Département",
        queryset=Department.objects.all(),
        to_field_name="code",
        required=False,
        empty_label="Tous",
    )


def _region_field():
    return forms.ModelChoiceField(
        label="Région",
        queryset=Region.objects.all(),
        to_field_name="code",
        required=False,
        empty_label="Toutes",
    )


class MissionLocaleSearchForm(DsfrBaseForm):
    q = forms.CharField(label="Nom ou code I-Milo", required=False)
    region = _region_field()
    department = _department_field()
    commune = forms.CharField(
        label="Commune couverte",
        required=False,
        max_length=150,
        help_text="Nom complet, code postal ou code INSEE",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The commune → Mission Locale table is supplied by the operator; without it the filter cannot work.
        if not Organization.covered_communes.through.objects.exists():
            del self.fields["commune"]

    def clean_commune(self):
        commune = self.cleaned_data["commune"].strip()
        if commune and not commune_ids_named(commune):
            raise forms.ValidationError(
                f"Aucune commune ne correspond à « {commune} » : vérifiez son nom ou son code."
            )
        return commune


class PartnerSearchForm(DsfrBaseForm):
    q = forms.CharField(label="Nom ou secteur", required=False)
    kind = forms.ChoiceField(label="Type", choices=PARTNER_KIND_CHOICES, required=False)
    region = _region_field()
    department = _department_field()
    naf = NafDivisionField(
        label="Secteur NAF",
        queryset=NafSector.objects.filter(level=1),
        to_field_name="code",
        required=False,
        empty_label="Tous les secteurs",
    )


class CoverageForm(DsfrBaseForm):
    network = forms.ModelChoiceField(
        label="Réseau partenaire",
        queryset=Organization.objects.filter(
            kind=OrganizationKind.NETWORK_HEAD, children__isnull=False
        ).distinct(),
        empty_label=None,
    )
    region = forms.ModelChoiceField(
        label="Région", queryset=Region.objects.all(), to_field_name="code", empty_label=None
    )


class ReferentForm(DsfrBaseForm):
    partner = forms.ModelChoiceField(label="Partenaire", queryset=Organization.objects.none())
    person = forms.ModelChoiceField(label="Référent·e dans la Mission Locale", queryset=Person.objects.none())

    def __init__(self, *args, mission_locale: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        # Partners of the ML's region and national ones (no region): `region__in=[id, None]` would drop the
        # latter, SQL's IN never matching NULL.
        self.fields["partner"].queryset = Organization.objects.filter(
            Q(region_id=mission_locale.region_id) | Q(region__isnull=True),
            kind__in=PARTNER_KINDS,
            is_active=True,
        ).order_by("name")
        self.fields["person"].queryset = Person.objects.filter(
            memberships__organization=mission_locale, memberships__is_active=True
        ).distinct()


def _current_commune(code: str) -> Commune | None:
    return (
        Commune.objects.filter(code=code, kind=Commune.Kind.CURRENT, retired=False)
        .select_related("department")
        .first()
    )


class SiteForm(DsfrBaseForm):
    name = forms.CharField(label="Nom du point d'accueil", max_length=255)
    address = forms.CharField(label="Adresse", max_length=255, required=False)
    postal_code = forms.RegexField(
        label="Code postal",
        regex=r"^\d{5}$",
        required=False,
        error_messages={"invalid": "Le code postal compte 5 chiffres."},
    )
    # The commune picker posts the INSEE code (see territories/_commune_picker.html).
    commune_code = forms.CharField(
        label="Commune",
        max_length=5,
        error_messages={"required": "Choisissez la commune dans la liste des résultats."},
    )
    phone = forms.CharField(label="Téléphone", max_length=30, required=False)
    is_main = forms.BooleanField(label="Siège de la structure", required=False)

    def clean_commune_code(self):
        code = self.cleaned_data["commune_code"].strip().upper()
        commune = _current_commune(code)
        if commune is None:
            raise forms.ValidationError("Aucune commune ne porte ce code INSEE.")
        self.cleaned_data["commune"] = commune
        return code

    @property
    def selected_commune(self):
        """The commune chosen, so that a failed form shows it again in the picker."""
        if "commune" in getattr(self, "cleaned_data", {}):
            return self.cleaned_data["commune"]
        return _current_commune(str(self["commune_code"].value() or "").strip().upper())

    def site_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "address": data["address"],
            "postal_code": data["postal_code"],
            "commune": data["commune"],
            "phone": data["phone"],
            "is_main": data["is_main"],
        }

    @classmethod
    def initial_for(cls, site) -> dict:
        return {
            "name": site.name,
            "address": site.address,
            "postal_code": site.postal_code,
            "commune_code": site.commune.code,
            "phone": site.phone,
            "is_main": site.is_main,
        }
