"""Forms of the network directory."""

from django import forms
from django.db.models import Q
from dsfr.forms import DsfrBaseForm

from relais.jobs.models import NafSector
from relais.organizations.enums import PARTNER_KINDS, OrganizationKind
from relais.organizations.models import Organization, Person
from relais.organizations.selectors import DIRECTORY_PARTNER_KINDS
from relais.territories.models import Commune, Department, Region
from relais.territories.selectors import commune_ids_named

PARTNER_KIND_CHOICES = [("", "Tous les types")] + [
    (value, label) for value, label in OrganizationKind.choices if value in DIRECTORY_PARTNER_KINDS
]
ALL_REGIONS = "Toutes les régions"


def with_home_region(data, region_code: str):
    """The query of a directory page, opened on the principal's region until they choose one (or all)."""
    if "region" in data or not region_code:
        return data
    data = data.copy()
    data["region"] = region_code
    return data


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
        empty_label=ALL_REGIONS,
    )


def _narrow_departments(form) -> None:
    """The department list keeps the departments of the region chosen (all of them when none is)."""
    code = str(form.data.get(form.add_prefix("region")) or "").strip()[:3] if form.is_bound else ""
    if code and Region.objects.filter(code=code).exists():
        form.fields["department"].queryset = Department.objects.filter(region__code=code)


class MissionLocaleSearchForm(DsfrBaseForm):
    q = forms.CharField(
        label="Nom, code I-Milo ou lieu",
        required=False,
        max_length=200,
        help_text="Nom, commune, code postal ou département",
    )
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
        _narrow_departments(self)
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
    q = forms.CharField(label="Nom ou secteur", required=False, max_length=200)
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _narrow_departments(self)


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
    gaps = forms.BooleanField(label="Manques seulement", required=False)

    @classmethod
    def initial_data(cls, data, *, network_id: int | None, region_code: str):
        """The query, opened on the principal's own network and region until they choose others."""
        if "network" in data or "region" in data:
            return data
        data = data.copy()
        networks = cls.base_fields["network"].queryset
        if network_id and networks.filter(pk=network_id).exists():
            data["network"] = str(network_id)
        else:
            # Without a network of their own, the principal's region's network comes first.
            first = (
                networks.filter(region__code=region_code).order_by("name").first() if region_code else None
            ) or networks.order_by("name").first()
            if first:
                data["network"] = str(first.pk)
        if region_code:
            data["region"] = region_code
        else:
            first_region = Region.objects.order_by("name").first()
            if first_region:
                data["region"] = first_region.code
        return data


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


MAX_REFERENT_PARTNERS = 200


class ReferentsForm(DsfrBaseForm):
    """One choice per partner of the Mission Locale: who of its team is the referent (several at once)."""

    def __init__(self, *args, mission_locale: Organization, partner_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        base = ReferentForm(mission_locale=mission_locale)
        self.partners = list(base.fields["partner"].queryset.select_related("parent")[:MAX_REFERENT_PARTNERS])
        people = list(base.fields["person"].queryset.order_by("last_name", "first_name"))
        self.current = {
            referent.partner_id: referent.person_id
            for referent in mission_locale.partner_referents.filter(partner__in=self.partners)
        }
        choices = [("", "— Pas de changement —")] + [(str(person.pk), str(person)) for person in people]
        self.people = {person.pk: person for person in people}
        for partner in self.partners:
            label = partner.name if not partner.parent_id else f"{partner.name} ({partner.parent})"
            self.fields[f"partner_{partner.pk}"] = forms.TypedChoiceField(
                label=label,
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                initial=self.current.get(partner.pk),
            )
        self.focused_partner_id = partner_id

    def changes(self) -> list[tuple[Organization, Person]]:
        """(partner, person) pairs whose referent is new or replaced."""
        result = []
        for partner in self.partners:
            person_id = self.cleaned_data.get(f"partner_{partner.pk}")
            if person_id and person_id != self.current.get(partner.pk):
                result.append((partner, self.people[person_id]))
        return result


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
