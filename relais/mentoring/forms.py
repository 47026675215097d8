"""Forms of the mentoring pages: mentors (record and filters), mentorships (creation, filters), meetings,
follow-ups and the end of a mentorship. Every input is bounded."""

from django import forms
from django.core.exceptions import ValidationError
from dsfr.forms import DsfrBaseForm

from relais.conventions.models import Axis
from relais.jobs.models import ContractType, RomeFamily
from relais.mentoring.enums import OUTCOME_CHOICES, EndReason, MentorshipStatus, WorkingStatus
from relais.mentoring.models import Mentor
from relais.organizations.models import Person
from relais.territories.models import Department
from relais.youths.forms import CodeListInput, split_codes

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
MAX_FAMILIES = 10
MAX_DEPARTMENTS = 10
NOTE_LENGTH = 2000


def date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=help_text,
    )


def note_field(label: str, *, required: bool = False, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=NOTE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=help_text,
    )


def add_service_errors(form, error: ValidationError) -> None:
    """A service's errors under the fields they name (above the form for those it does not show)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, texts in error.message_dict.items():
        form.add_error(name if name in form.fields else None, texts)


# ---- mentors ------------------------------------------------------------------------------------------------


class MentorForm(DsfrBaseForm):
    supervisor = forms.ModelChoiceField(label="Structure qui l'encadre", queryset=None, empty_label=None)
    first_name = forms.CharField(label="Prénom", max_length=Person._meta.get_field("first_name").max_length)
    last_name = forms.CharField(label="Nom", max_length=Person._meta.get_field("last_name").max_length)
    email = forms.EmailField(label="E-mail", required=False, max_length=254)
    phone = forms.CharField(label="Téléphone", required=False, max_length=30)
    working_status = forms.ChoiceField(label="Situation", choices=WorkingStatus.choices)
    employer_name = forms.CharField(
        label="Employeur", required=False, max_length=Mentor._meta.get_field("employer_name").max_length
    )
    employer_siret = forms.CharField(
        label="SIRET de l'employeur",
        required=False,
        max_length=20,
        help_text="14 chiffres ; facultatif. Un SIRET connu de l'annuaire relie le parrain à la structure.",
    )
    is_ambassador = forms.BooleanField(
        label="Ambassadeur des métiers (intervient lors d'événements)", required=False
    )
    rome_families = forms.CharField(
        label="Métiers connus (fiches ROME)",
        required=False,
        max_length=MAX_FAMILIES * 7,
        widget=CodeListInput(),
        help_text=f"Codes des fiches séparés par des virgules, par exemple F1703, K2204 ({MAX_FAMILIES} au plus)",
    )
    departments = forms.ModelMultipleChoiceField(
        label="Territoire (départements)",
        queryset=Department.objects.order_by("code"),
        required=False,
        help_text=f"{MAX_DEPARTMENTS} départements au plus",
    )
    charter_accepted_on = date_field("Charte du parrainage acceptée le", required=False)

    SERVICE_FIELDS = (
        "first_name",
        "last_name",
        "email",
        "phone",
        "working_status",
        "employer_name",
        "employer_siret",
        "is_ambassador",
        "charter_accepted_on",
    )

    def __init__(self, *args, supervisors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervisor"].queryset = supervisors
        if len(supervisors) == 1:
            self.fields["supervisor"].initial = supervisors[0].pk
            self.fields["supervisor"].widget = forms.HiddenInput()

    def clean_rome_families(self):
        codes = [code.upper() for code in split_codes(self.cleaned_data.get("rome_families"))]
        if len(codes) > MAX_FAMILIES:
            raise forms.ValidationError(f"Indiquez au plus {MAX_FAMILIES} fiches ROME.")
        found = {family.code: family for family in RomeFamily.objects.filter(code__in=codes)}
        unknown = [code for code in codes if code not in found]
        if unknown:
            raise forms.ValidationError(f"Fiche(s) ROME inconnue(s) : {', '.join(unknown)}.")
        return [found[code] for code in codes]

    def clean_departments(self):
        departments = self.cleaned_data.get("departments")
        if departments is not None and len(departments) > MAX_DEPARTMENTS:
            raise forms.ValidationError(f"Choisissez au plus {MAX_DEPARTMENTS} départements.")
        return departments

    def service_fields(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.SERVICE_FIELDS}

    @staticmethod
    def initial_from(mentor: Mentor) -> dict:
        person = mentor.person
        return {
            "supervisor": mentor.supervisor_id,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "email": person.email,
            "phone": person.phone,
            "working_status": mentor.working_status,
            "employer_name": mentor.employer_name,
            "employer_siret": mentor.employer_siret,
            "is_ambassador": mentor.is_ambassador,
            "rome_families": ", ".join(f.code for f in mentor.rome_families.all()),
            "departments": [d.pk for d in mentor.departments.all()],
            "charter_accepted_on": mentor.charter_accepted_on,
        }


class MentorFilterForm(DsfrBaseForm):
    structure = forms.TypedChoiceField(label="Structure", required=False, coerce=int, empty_value=None)
    rome_family = forms.CharField(
        label="Fiche ROME", required=False, max_length=5, help_text="Code de la fiche, par exemple F1703"
    )
    department = forms.ModelChoiceField(
        label="Département", queryset=Department.objects.order_by("code"), required=False, empty_label="Tous"
    )

    def __init__(self, *args, supervisors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["structure"].choices = [("", "Toutes")] + [(o.pk, str(o)) for o in supervisors]


# ---- mentorships --------------------------------------------------------------------------------------------


class MentorshipForm(DsfrBaseForm):
    youth = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1, max_value=2**63 - 1)
    mission_locale = forms.ModelChoiceField(label="Mission Locale", queryset=None, empty_label=None)
    group_label = forms.CharField(
        label="Groupe parrainé",
        required=False,
        max_length=150,
        help_text="Par exemple « Cohorte CEJ de mars 2026 »",
    )
    group_size = forms.IntegerField(
        label="Nombre de jeunes du groupe", required=False, min_value=1, max_value=500
    )
    mentor = forms.ModelChoiceField(label="Parrain", queryset=None)
    convention = forms.ModelChoiceField(label="Convention", queryset=None)
    axis = forms.ModelChoiceField(
        label="Axe de la convention", queryset=None, required=False, empty_label="Aucun"
    )
    goals = note_field("Objectifs du parrainage")
    started_on = date_field("Début")
    planned_end_on = date_field("Fin prévue", required=False, help_text="Six mois après le début si vide")

    def __init__(self, *args, mission_locales, mentors, conventions, individual: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.individual = individual
        self.fields["mission_locale"].queryset = mission_locales
        if individual or len(mission_locales) == 1:
            self.fields["mission_locale"].required = False
            self.fields["mission_locale"].widget = forms.HiddenInput()
            if len(mission_locales) == 1:
                self.fields["mission_locale"].initial = mission_locales[0].pk
        if individual:
            for name in ("group_label", "group_size"):
                del self.fields[name]
        else:
            del self.fields["youth"]
            self.fields["group_label"].required = True
        self.fields["mentor"].queryset = mentors
        self.fields["mentor"].label_from_instance = lambda mentor: f"{mentor} — {mentor.supervisor}"
        self.fields["convention"].queryset = conventions
        self.fields["axis"].queryset = Axis.objects.filter(convention__in=conventions).select_related(
            "convention"
        )
        self.fields["axis"].label_from_instance = lambda axis: f"{axis.convention} — {axis.title}"

    def clean(self):
        data = super().clean()
        axis, convention = data.get("axis"), data.get("convention")
        if axis is not None and convention is not None and axis.convention_id != convention.pk:
            self.add_error("axis", "Cet axe n'est pas un axe de la convention choisie.")
        return data


class MentorshipFilterForm(DsfrBaseForm):
    parrain = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1, max_value=2**63 - 1)
    status = forms.ChoiceField(
        label="Statut", required=False, choices=[("", "Tous"), *MentorshipStatus.choices]
    )
    convention = forms.TypedChoiceField(label="Convention", required=False, coerce=int, empty_value=None)

    def __init__(self, *args, conventions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["convention"].choices = [("", "Toutes")] + [(c.pk, str(c)) for c in conventions]


class MeetingForm(DsfrBaseForm):
    held_on = date_field("Date de la rencontre")
    duration_minutes = forms.IntegerField(label="Durée (minutes)", min_value=1, max_value=24 * 60)
    note = note_field("Compte rendu", help_text="Facultatif ; évitez les informations sensibles.")


class FollowUpForm(DsfrBaseForm):
    done_on = date_field("Réalisé le")
    note = note_field("Compte rendu de l'entretien")


class EndForm(DsfrBaseForm):
    ended_on = date_field("Date de fin")
    end_reason = forms.ChoiceField(label="Motif de fin", choices=EndReason.choices, widget=forms.RadioSelect)
    outcome = forms.ChoiceField(label="Situation du jeune", choices=OUTCOME_CHOICES, widget=forms.RadioSelect)
    contract_type = forms.ModelChoiceField(
        label="Type de contrat",
        queryset=ContractType.objects.all(),
        required=False,
        empty_label="—",
        help_text="À indiquer pour un recrutement",
    )
    note = note_field("Note")


class CancelForm(DsfrBaseForm):
    note = note_field("Pourquoi ce parrainage est-il annulé ?", required=True)
