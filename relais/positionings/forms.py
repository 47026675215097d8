"""Forms of the positioning pages: proposal, each transition's fields, filters."""

from django import forms
from dsfr.forms import DsfrBaseForm

from relais.core.ids import MAX_ID
from relais.jobs.models import ContractType
from relais.positionings.enums import NotRetainedReason, PositioningStatus

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]


def date_field(label: str, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def note_field(label: str = "Commentaire", required: bool = False, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=2000,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ProposeForm(DsfrBaseForm):
    youth = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=MAX_ID)
    opportunity = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=MAX_ID)
    motivation = note_field(
        "Argumentaire pour le référent et le partenaire",
        help_text=(
            "Ce texte est transmis au partenaire avec la candidature : n'y mentionnez ni la santé ou le "
            "handicap (RQTH), ni le quartier (QPV), ni les autres critères de public prioritaire."
        ),
    )
    availability = forms.CharField(
        label="Disponibilité du jeune",
        required=False,
        max_length=200,
        help_text="Par exemple : « disponible immédiatement », « à partir du 15 janvier », « le matin ».",
    )
    despite_current_outcome = forms.BooleanField(
        label="Je confirme proposer ce jeune malgré son recrutement ou sa formation en cours", required=False
    )


class ReproposeForm(DsfrBaseForm):
    motivation = ProposeForm.base_fields["motivation"]
    availability = ProposeForm.base_fields["availability"]
    note = note_field("Commentaire pour le référent")


class RecordEndForm(DsfrBaseForm):
    end_date = date_field("Dernier jour du contrat ou de la formation")


class NoteForm(DsfrBaseForm):
    note = note_field()


class SendBackForm(DsfrBaseForm):
    note = note_field("Motif du renvoi au conseiller", required=True)


class CancelForm(DsfrBaseForm):
    note = note_field("Motif de l'annulation")


class PlanInterviewForm(DsfrBaseForm):
    interview_at = forms.DateTimeField(
        label="Date et heure",
        input_formats=DATETIME_INPUT_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    note = note_field("Lieu, consignes")


class HireForm(DsfrBaseForm):
    contract_type = forms.ModelChoiceField(label="Type de contrat", queryset=ContractType.objects.all())
    start_date = date_field("Date d'embauche")
    weekly_hours = forms.DecimalField(
        label="Durée hebdomadaire (heures)", min_value=1, max_value=48, max_digits=4, decimal_places=1
    )
    note = note_field()


class TrainingForm(DsfrBaseForm):
    training_entry_date = date_field("Date d'entrée en formation ou en POE")
    note = note_field()


class ImmersionForm(DsfrBaseForm):
    start_date = date_field("Date de début de l'immersion", required=False)
    note = note_field()


class NotRetainForm(DsfrBaseForm):
    not_retained_reason = forms.ChoiceField(
        label="Motif", choices=[("", "Choisir un motif"), *NotRetainedReason.choices]
    )
    note = note_field("Précision pour la Mission Locale")


# The form each transition asks for (the others need nothing but an optional comment).
TRANSITION_FORMS = {
    "repropose": ReproposeForm,
    "send_back": SendBackForm,
    "cancel": CancelForm,
    "plan_interview": PlanInterviewForm,
    "hire": HireForm,
    "enter_training": TrainingForm,
    "complete_immersion": ImmersionForm,
    "not_retain": NotRetainForm,
}


def form_for(name: str):
    return TRANSITION_FORMS.get(name, NoteForm)


STATUS_FILTER_CHOICES = [
    ("", "Tous"),
    ("open", "En cours"),
    ("closed", "Clos"),
    *PositioningStatus.choices,
]


class StatusFilterForm(DsfrBaseForm):
    status = forms.ChoiceField(label="Statut", required=False, choices=STATUS_FILTER_CHOICES)


class YouthSearchForm(DsfrBaseForm):
    q = forms.CharField(
        label="Rechercher un jeune de ma Mission Locale",
        required=False,
        max_length=100,
        help_text="Nom, prénom ou identifiant I-Milo",
    )
