"""Forms of the events pages: the event, its slots and invitations, filters, registrations, moves."""

import datetime
import zoneinfo

from django import forms
from django.conf import settings
from dsfr.forms import DsfrBaseForm

from relais.conventions.models import Action, Axis, Convention
from relais.core.upload_fields import SpreadsheetFileField
from relais.events.enums import AttendanceMode, Audience, DocumentKind, EventKind
from relais.events.selectors import co_organiser_candidates
from relais.opportunities.forms import PickerField, date_field, selected_choice
from relais.organizations.models import Organization
from relais.organizations.perimeters import PerimeterFormMixin
from relais.organizations.pickers import OrganizationPicker
from relais.territories.models import Commune, Department

SLOT_ROWS = 3
MAX_CO_ORGANISERS = 10
CO_ORGANISERS = OrganizationPicker(
    field="co_organisers",
    search_url_name="events:organization_search",
    selection_url_name="events:organization_selection",
    candidates=co_organiser_candidates,
    limit=MAX_CO_ORGANISERS,
    empty="Aucun co-organisateur.",
)


def time_field(label, required=False):
    return forms.TimeField(label=label, required=required, widget=forms.TimeInput(attrs={"type": "time"}))


class EventForm(PerimeterFormMixin, DsfrBaseForm):
    perimeter_label = "Missions Locales invitées"
    perimeter_required = False

    organizer = forms.ModelChoiceField(
        label="Structure qui organise", queryset=Organization.objects.none(), empty_label=None
    )
    kind = forms.ChoiceField(label="Type d'événement", choices=[("", "Choisir"), *EventKind.choices])
    title = forms.CharField(label="Intitulé", max_length=200)
    # Chosen in the organisation search picker (CO_ORGANISERS): the field only validates the ids posted.
    co_organisers = forms.ModelMultipleChoiceField(
        label="Co-organisateurs",
        queryset=Organization.objects.none(),
        required=False,
        help_text=f"{MAX_CO_ORGANISERS} au plus",
        widget=forms.MultipleHiddenInput,
    )
    convention = forms.ModelChoiceField(
        label="Convention", queryset=Convention.objects.none(), required=False, empty_label="Aucune"
    )
    axis = forms.ModelChoiceField(
        label="Axe de la convention", queryset=Axis.objects.none(), required=False, empty_label="Aucun"
    )
    action = forms.ModelChoiceField(
        label="Action de la convention",
        queryset=Action.objects.none(),
        required=False,
        empty_label="Aucune",
        help_text="L'action que l'événement met en œuvre, s'il y en a une.",
    )
    mode = forms.ChoiceField(label="Modalité", choices=AttendanceMode.choices, widget=forms.RadioSelect)
    commune = PickerField(
        Commune.objects.filter(retired=False).select_related("department"), label="Commune", required=False
    )
    address = forms.CharField(label="Adresse", max_length=255, required=False)
    online_url = forms.URLField(
        label="Lien de connexion", max_length=500, required=False, assume_scheme="https"
    )
    audience = forms.ChoiceField(label="Public", choices=Audience.choices)
    capacity = forms.IntegerField(
        label="Nombre de places",
        min_value=1,
        max_value=100_000,
        required=False,
        help_text="Vide : sans limite.",
    )
    registration_deadline = date_field("Date limite d'inscription")
    description = forms.CharField(
        label="Description", required=False, max_length=10_000, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args, organizers, conventions, slots_editable=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organizer"].queryset = organizers
        if organizers.count() == 1:
            self.fields["organizer"].initial = organizers.first().pk
            self.fields["organizer"].widget = forms.HiddenInput()
        self.fields["co_organisers"].queryset = co_organiser_candidates()
        self.fields["convention"].queryset = conventions
        self.fields["axis"].queryset = Axis.objects.filter(convention__in=conventions).select_related(
            "convention"
        )
        self.fields["action"].queryset = Action.objects.filter(convention__in=conventions).select_related(
            "convention", "axis"
        )
        self.slots_editable = slots_editable
        if slots_editable:
            for i in range(1, SLOT_ROWS + 1):
                self.fields[f"slot_{i}_date"] = date_field(f"Créneau {i} : date", required=i == 1)
                self.fields[f"slot_{i}_start"] = time_field("début", required=i == 1)
                self.fields[f"slot_{i}_end"] = time_field("fin", required=i == 1)
        from relais.organizations.enums import OrganizationKind

        self.setup_perimeter(
            Organization.objects.filter(kind=OrganizationKind.MISSION_LOCALE, is_active=True)
        )

    def slot_rows(self):
        return [
            (self[f"slot_{i}_date"], self[f"slot_{i}_start"], self[f"slot_{i}_end"])
            for i in range(1, SLOT_ROWS + 1)
        ]

    def clean(self):
        cleaned = super().clean()
        self.check_perimeter(cleaned)
        if len(cleaned.get("co_organisers") or ()) > MAX_CO_ORGANISERS:
            self.add_error("co_organisers", f"Choisissez au plus {MAX_CO_ORGANISERS} co-organisateurs.")
        axis = cleaned.get("axis")
        if axis and axis.convention_id != getattr(cleaned.get("convention"), "pk", None):
            self.add_error("axis", "Cet axe n'appartient pas à la convention choisie.")
        action = cleaned.get("action")
        if action and action.convention_id != getattr(cleaned.get("convention"), "pk", None):
            self.add_error("action", "Cette action n'appartient pas à la convention choisie.")
        elif action and axis and action.axis_id not in {None, axis.pk}:
            self.add_error("action", "Cette action relève d'un autre axe de la convention.")
        if self.slots_editable:
            tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
            slots = []
            for i in range(1, SLOT_ROWS + 1):
                day, start, end = (cleaned.get(f"slot_{i}_{part}") for part in ("date", "start", "end"))
                if not (day or start or end):
                    continue
                if not (day and start and end):
                    self.add_error(f"slot_{i}_date", "Indiquez la date, l'heure de début et l'heure de fin.")
                    continue
                if end <= start:
                    self.add_error(f"slot_{i}_end", "La fin doit suivre le début.")
                    continue
                slots.append(
                    (datetime.datetime.combine(day, start, tz), datetime.datetime.combine(day, end, tz))
                )
            cleaned["slots"] = slots
        return cleaned

    co_organisers_picker = CO_ORGANISERS

    @property
    def selected_co_organisers(self) -> list:
        """The co-organisers to show as tags: those posted (valid ones) or those of the event."""
        return CO_ORGANISERS.selected(self)

    @property
    def selected_commune(self):
        return selected_choice(self, "commune", Commune.objects.select_related("department"))

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "title": data["title"],
            "description": data.get("description") or "",
            "convention": data.get("convention"),
            "axis": data.get("axis"),
            "action": data.get("action"),
            "mode": data["mode"],
            "commune": data.get("commune"),
            "address": data.get("address") or "",
            "online_url": data.get("online_url") or "",
            "audience": data["audience"],
            "capacity": data.get("capacity"),
            "registration_deadline": data.get("registration_deadline"),
        }


class RescheduleForm(DsfrBaseForm):
    day = date_field("Nouvelle date", required=True)
    start = time_field("Début", required=True)
    end = time_field("Fin", required=True)
    note = forms.CharField(
        label="Message", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["end"] <= cleaned["start"]:
            self.add_error("end", "La fin doit suivre le début.")
        return cleaned

    def slots(self):
        tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
        d = self.cleaned_data
        return [
            (
                datetime.datetime.combine(d["day"], d["start"], tz),
                datetime.datetime.combine(d["day"], d["end"], tz),
            )
        ]


class CalendarFilterForm(DsfrBaseForm):
    vue = forms.ChoiceField(
        required=False, choices=[("mois", "Mois"), ("liste", "Liste")], widget=forms.HiddenInput
    )
    mois = forms.RegexField(required=False, regex=r"^\d{4}-\d{2}$", widget=forms.HiddenInput)
    kind = forms.ChoiceField(label="Type", required=False, choices=[("", "Tous"), *EventKind.choices])
    convention = forms.ModelChoiceField(
        label="Convention", required=False, queryset=Convention.objects.none(), empty_label="Toutes"
    )
    department = forms.ModelChoiceField(
        label="Département", required=False, queryset=Department.objects.order_by("code"), empty_label="Tous"
    )
    audience = forms.ChoiceField(label="Public", required=False, choices=[("", "Tous"), *Audience.choices])

    def __init__(self, *args, conventions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["convention"].queryset = conventions


class YouthSearchForm(DsfrBaseForm):
    q = forms.CharField(
        label="Rechercher le jeune",
        required=False,
        max_length=200,
        help_text="Nom, prénom ou identifiant I-Milo",
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class YouthRegistrationForm(DsfrBaseForm):
    """The young person comes from the search results (a radio named `youth`), checked by the view."""

    consent_recorded = forms.BooleanField(
        label="Le jeune a donné son accord pour être inscrit à cet événement",
        error_messages={"required": "Recueillez l'accord du jeune avant de l'inscrire."},
    )


class NoteForm(DsfrBaseForm):
    note = forms.CharField(
        label="Commentaire", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class CancelForm(DsfrBaseForm):
    cancel_reason = forms.CharField(
        label="Motif de l'annulation", max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class OutcomeForm(DsfrBaseForm):
    outcome = forms.CharField(
        label="Bilan de l'événement",
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    headcount = forms.IntegerField(
        label="Fréquentation sans inscription (forums)", required=False, min_value=0, max_value=100_000
    )


class DocumentForm(DsfrBaseForm):
    title = forms.CharField(label="Titre", max_length=255)
    kind = forms.ChoiceField(label="Type de document", choices=DocumentKind.choices)
    file = forms.FileField(
        label="Fichier", help_text="PDF, Word, Excel, PowerPoint, OpenDocument, PNG ou JPEG."
    )


class SigninImportForm(DsfrBaseForm):
    file = SpreadsheetFileField(
        label="Feuille d'émargement",
        help_text="CSV séparé par des points-virgules (UTF-8, avec ou sans BOM) ou classeur XLSX.",
    )
