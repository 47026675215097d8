"""Forms of the opportunities pages: the opportunity, list filters, diffusion, confirmation."""

from django import forms
from dsfr.forms import DsfrBaseForm

from relais.conventions.models import Convention
from relais.core.ids import parse_id
from relais.core.upload_fields import SpreadsheetFileField
from relais.jobs.models import RomeTitle
from relais.opportunities.enums import (
    OpportunityKind,
    OpportunityStatus,
    PriorityPublic,
)
from relais.opportunities.selectors import applicable_convention, conventions_for_publisher
from relais.opportunities.services import EDITABLE_FIELDS
from relais.organizations.models import Organization
from relais.organizations.perimeters import PerimeterFormMixin
from relais.territories.models import Commune

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


def date_field(label, required=False, **kwargs):
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        **kwargs,
    )


def selected_choice(form, name, queryset):
    """The row currently chosen in a picker, so a failed form shows the choice it received."""
    if form.is_bound and name in getattr(form, "cleaned_data", {}):
        return form.cleaned_data[name]
    value = form[name].value()
    if isinstance(value, RomeTitle | Commune):
        return value
    pk = parse_id(value)
    return queryset.filter(pk=pk).first() if pk is not None else None


class PickerField(forms.ModelChoiceField):
    """A choice among thousands of rows, made in a search-as-you-type picker rendered by the template."""

    widget = forms.TextInput

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset=queryset, **kwargs)
        self.error_messages["invalid_choice"] = "Choisissez une valeur dans la liste des résultats."


def set_publishers_and_conventions(form, publishers, *, preselect: bool) -> None:
    """The `publisher` choice (hidden when there is one) and the conventions those publishers are party to, the
    one that applies preselected so that a new need counts in the convention it falls under."""
    publisher_list = list(publishers)
    form.fields["publisher"].queryset = publishers
    if len(publisher_list) == 1:
        form.fields["publisher"].initial = publisher_list[0].pk
        form.fields["publisher"].widget = forms.HiddenInput()
    convention_ids = set()
    for publisher in publisher_list:
        convention_ids |= set(conventions_for_publisher(publisher).values_list("pk", flat=True))
    form.fields["convention"].queryset = Convention.objects.filter(pk__in=convention_ids).order_by("title")
    if preselect and len(publisher_list) == 1:
        applicable = applicable_convention(publisher_list[0])
        if applicable is not None:
            form.fields["convention"].initial = applicable.pk


class OpportunityForm(DsfrBaseForm):
    publisher = forms.ModelChoiceField(
        label="Structure qui recrute", queryset=Organization.objects.none(), empty_label=None
    )
    kind = forms.ChoiceField(label="Type d'opportunité", choices=[("", "Choisir"), *OpportunityKind.choices])
    rome_title = PickerField(
        RomeTitle.objects.select_related("family"),
        label="Métier (appellation ROME)",
        error_messages={"required": "Choisissez le métier dans la liste des appellations ROME."},
    )
    title = forms.CharField(
        label="Intitulé",
        required=False,
        max_length=200,
        help_text="Sinon l'appellation ROME sert d'intitulé.",
    )
    commune = PickerField(
        Commune.objects.filter(retired=False).select_related("department"),
        label="Lieu (commune)",
        error_messages={"required": "Choisissez la commune où se situe le poste."},
    )
    positions = forms.IntegerField(
        label="Nombre de postes ou de places",
        min_value=1,
        max_value=999,
        initial=1,
        error_messages={"min_value": "Indiquez au moins un poste ou une place."},
    )
    start_date = date_field("Date de début", help_text="Obligatoire pour publier.")
    closing_date = date_field("Date limite de candidature")
    duration_months = forms.IntegerField(
        label="Durée du contrat (mois)",
        required=False,
        min_value=1,
        max_value=60,
        help_text="Obligatoire pour un CDD, un contrat en alternance, un parcours GEIQ ou une mission d'intérim.",
    )
    weekly_hours = forms.DecimalField(
        label="Durée hebdomadaire (heures)",
        required=False,
        min_value=1,
        max_value=48,
        decimal_places=1,
        help_text="Obligatoire pour un contrat de travail.",
    )
    priority_publics = forms.MultipleChoiceField(
        label="Publics prioritaires accueillis",
        required=False,
        choices=PriorityPublic.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    convention = forms.ModelChoiceField(
        label="Convention",
        queryset=Convention.objects.none(),
        required=False,
        empty_label="Aucune",
        help_text=(
            "La convention dont relève ce besoin : ses bilans comptent ses diffusions, positionnements et "
            "recrutements. « Aucune » : l'opportunité ne sera comptée dans le bilan d'aucune convention."
        ),
    )
    description = forms.CharField(
        label="Description", required=False, widget=forms.Textarea(attrs={"rows": 6})
    )

    SERVICE_FIELDS = EDITABLE_FIELDS  # what the form hands to the services

    def __init__(self, *args, publishers, **kwargs):
        super().__init__(*args, **kwargs)
        set_publishers_and_conventions(
            self, publishers, preselect=not self.is_bound and "convention" not in self.initial
        )

    def service_fields(self) -> dict:
        data = {name: self.cleaned_data.get(name) for name in self.SERVICE_FIELDS}
        data["title"] = data["title"] or ""
        data["description"] = data["description"] or ""
        data["priority_publics"] = list(data["priority_publics"] or [])
        return data

    @property
    def selected_rome_title(self):
        return selected_choice(self, "rome_title", RomeTitle.objects.select_related("family"))

    @property
    def selected_commune(self):
        return selected_choice(self, "commune", Commune.objects.select_related("department"))


STATUS_FILTER_CHOICES = [("open", "Ouvertes aux candidatures"), ("all", "Toutes"), *OpportunityStatus.choices]
DISTANCE_CHOICES = [
    ("", "Toutes distances"),
    ("10", "10 km"),
    ("20", "20 km"),
    ("30", "30 km"),
    ("50", "50 km"),
    ("100", "100 km"),
]


class OpportunityFilterForm(DsfrBaseForm):
    vue = forms.CharField(required=False, widget=forms.HiddenInput)
    q = forms.CharField(
        label="Rechercher", required=False, help_text="Intitulé, métier, structure ou commune"
    )
    kind = forms.ChoiceField(label="Type", required=False, choices=[("", "Tous"), *OpportunityKind.choices])
    rome_family = forms.CharField(
        label="Famille de métiers (ROME)",
        required=False,
        max_length=5,
        help_text="Code de fiche (F1703) ou de domaine (F17)",
    )
    commune = PickerField(Commune.objects.select_related("department"), label="Autour de", required=False)
    distance = forms.TypedChoiceField(
        label="Distance maximale", required=False, choices=DISTANCE_CHOICES, coerce=int, empty_value=None
    )
    start_from = date_field("Début à partir du")
    start_to = date_field("Début au plus tard le")
    open_until = date_field("Candidatures encore ouvertes le")
    status = forms.ChoiceField(label="Statut", required=False, choices=STATUS_FILTER_CHOICES)
    unread = forms.BooleanField(label="Non lues seulement", required=False)

    def __init__(self, *args, default_status="open", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].initial = default_status
        self.default_status = default_status

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("distance") and not cleaned.get("commune"):
            self.add_error("commune", "Choisissez la commune autour de laquelle chercher.")
        start_from, start_to = cleaned.get("start_from"), cleaned.get("start_to")
        if start_from and start_to and start_from > start_to:
            self.add_error("start_to", "Cette date précède la date « à partir du ».")
        return cleaned

    @property
    def selected_commune(self):
        return selected_choice(self, "commune", Commune.objects.select_related("department"))


class DiffusionForm(PerimeterFormMixin, DsfrBaseForm):
    perimeter_label = "Périmètre de diffusion"
    note = forms.CharField(
        label="Message aux chargés de relations entreprises",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, allowed_mission_locales, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_perimeter(allowed_mission_locales)
        self.order_fields(["perimeter", "region", "departments", "mission_locales", "note"])

    def clean(self):
        return self.check_perimeter(super().clean())


class TransitionForm(DsfrBaseForm):
    note = forms.CharField(label="Commentaire", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ConventionDiffusionSettingForm(DsfrBaseForm):
    partners_may_diffuse = forms.BooleanField(
        label="Les partenaires de cette convention diffusent eux-mêmes leurs opportunités", required=False
    )


class OpportunityImportForm(DsfrBaseForm):
    publisher = forms.ModelChoiceField(
        label="Structure qui recrute", queryset=Organization.objects.none(), empty_label=None
    )
    convention = forms.ModelChoiceField(
        label="Convention",
        queryset=Convention.objects.none(),
        required=False,
        empty_label="Aucune",
        help_text="La convention dont relèvent les besoins du fichier. « Aucune » : ils ne seront comptés dans le "
        "bilan d'aucune convention.",
    )
    file = SpreadsheetFileField(
        label="Fichier des besoins de recrutement",
        help_text="CSV séparé par des points-virgules (UTF-8 ou Windows-1252) ou classeur XLSX",
    )

    def __init__(self, *args, publishers, **kwargs):
        super().__init__(*args, **kwargs)
        set_publishers_and_conventions(self, publishers, preselect=not self.is_bound)

    def clean(self):
        data = super().clean()
        publisher, convention = data.get("publisher"), data.get("convention")
        if (
            publisher
            and convention
            and not conventions_for_publisher(publisher).filter(pk=convention.pk).exists()
        ):
            self.add_error("convention", "Cette structure n'est pas partie à cette convention.")
        return data
