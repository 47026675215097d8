"""Forms of the conventions pages (DSFR)."""

from django import forms
from dsfr.forms import DsfrBaseForm

from relais.conventions.enums import (
    ConventionKind,
    ConventionStatus,
    DocumentKind,
    FollowUpCadence,
    PartyRole,
    Recurrence,
    RenewalRule,
    SignatoryCapacity,
)
from relais.organizations.enums import OrganizationKind
from relais.organizations.models import Organization
from relais.organizations.pickers import OrganizationPicker
from relais.organizations.selectors import organizations_named
from relais.territories.models import Region

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_OTHER_PARTIES = 30


def party_candidates(query: str = ""):
    """Organisations a convention may name as parties: every active one, by name when something is typed."""
    if query.strip():
        return organizations_named(query, kinds=OrganizationKind.values)
    return Organization.objects.filter(is_active=True).order_by("name", "pk")


PARTIES = OrganizationPicker(
    field="partners",
    search_url_name="conventions:party_search",
    selection_url_name="conventions:party_selection",
    candidates=party_candidates,
    limit=MAX_OTHER_PARTIES,
    empty="Aucune autre partie.",
    add_label="Ajouter une partie",
)


class ConventionFilterForm(DsfrBaseForm):
    q = forms.CharField(label="Rechercher", required=False)
    kind = forms.ChoiceField(
        label="Type", required=False, choices=[("", "Tous les types"), *ConventionKind.choices]
    )
    region = forms.ChoiceField(label="Région", required=False)
    network = forms.ModelChoiceField(
        label="Réseau partenaire",
        required=False,
        queryset=Organization.objects.none(),
        empty_label="Tous les réseaux",
    )
    status = forms.ChoiceField(
        label="Statut", required=False, choices=[("", "Tous les statuts"), *ConventionStatus.choices]
    )
    expiring_soon = forms.BooleanField(label="Échéance dans les 90 jours", required=False)

    def __init__(self, *args, networks=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", "Toutes"), ("national", "Nationales (sans région)")] + [
            (r.code, r.name) for r in Region.objects.order_by("name")
        ]
        if networks is not None:
            self.fields["network"].queryset = networks


class ConventionForm(DsfrBaseForm):
    title = forms.CharField(label="Intitulé", max_length=255)
    kind = forms.ChoiceField(label="Type", choices=ConventionKind.choices)
    parent = forms.ModelChoiceField(
        label="Convention cadre déclinée", required=False, queryset=None, empty_label="Aucune"
    )
    region = forms.ModelChoiceField(
        label="Région",
        required=False,
        queryset=Region.objects.order_by("name"),
        empty_label="Nationale (aucune région)",
    )
    signature_place = forms.CharField(label="Lieu de signature", required=False, max_length=100)
    signature_date = forms.DateField(label="Date de signature", required=False, widget=DATE)
    signature_date_unknown = forms.BooleanField(
        label="Date de signature non renseignée dans le texte", required=False
    )
    start_date = forms.DateField(label="Date de début", required=False, widget=DATE)
    duration_months = forms.IntegerField(label="Durée (mois)", required=False, min_value=1, max_value=240)
    end_date = forms.DateField(
        label="Date de fin",
        required=False,
        widget=DATE,
        help_text="Laissez vide pour la calculer à partir du début et de la durée.",
    )
    duration_note = forms.CharField(
        label="Durée, telle que rédigée dans le texte", required=False, max_length=255
    )
    renewal_rule = forms.ChoiceField(label="Renouvellement", choices=RenewalRule.choices)
    followup_cadence = forms.ChoiceField(
        label="Rythme de suivi",
        choices=FollowUpCadence.choices,
        help_text="Les points de suivi du calendrier suivent ce rythme, y compris quand le texte en fait "
        "l'engagement d'une partie.",
    )
    followup_note = forms.CharField(
        label="Modalités de suivi", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    review_lead_months = forms.IntegerField(
        label="Bilan annuel (COPIL) : mois avant l'échéance",
        required=False,
        min_value=0,
        max_value=12,
        help_text="1 pour un bilan un mois avant l'échéance ; vide s'il n'y a pas de bilan annuel. La "
        "convention passe en « bilan à réaliser » à cette date.",
    )
    steering_committee = forms.CharField(
        label="Composition du comité de pilotage", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    deployment = forms.CharField(
        label="Modalités de déploiement", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    preamble = forms.CharField(label="Préambule", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    communication = forms.CharField(
        label="Engagements de communication", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    is_incomplete = forms.BooleanField(label="Le texte de la convention est incomplet", required=False)
    missing_information = forms.CharField(
        label="Ce qui manque au texte", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    indicators = forms.CharField(
        label="Indicateurs du bilan annuel (un par ligne)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, parents=None, own_organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parents
        if own_organizations is not None:
            self.fields["own_organization"] = forms.ModelChoiceField(
                label="Votre organisation (partie signataire)", queryset=own_organizations, empty_label=None
            )
            # Chosen in the organisation search picker (PARTIES): the field only validates the ids posted.
            self.fields["partners"] = forms.ModelMultipleChoiceField(
                label="Autres parties",
                required=False,
                queryset=party_candidates(),
                help_text=f"{MAX_OTHER_PARTIES} au plus",
                widget=forms.MultipleHiddenInput,
            )
            self.order_fields(["own_organization", "partners"])

    parties_picker = PARTIES

    @property
    def selected_partners(self) -> list:
        return PARTIES.selected(self)

    def clean(self):
        data = super().clean()
        if len(data.get("partners") or ()) > MAX_OTHER_PARTIES:
            self.add_error("partners", f"Choisissez au plus {MAX_OTHER_PARTIES} autres parties.")
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "La date de fin doit suivre la date de début.")
        return data

    def convention_fields(self) -> dict:
        data = dict(self.cleaned_data)
        for name in ("own_organization", "partners", "indicators"):
            data.pop(name, None)
        for name in (
            "signature_place",
            "preamble",
            "communication",
            "duration_note",
            "followup_note",
            "steering_committee",
            "deployment",
            "missing_information",
        ):
            data[name] = (data.get(name) or "").strip()
        return data

    def indicator_labels(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("indicators", "").splitlines() if line.strip()]


class OccurrenceDoneForm(DsfrBaseForm):
    done_on = forms.DateField(label="Réalisé le", widget=DATE)
    note = forms.CharField(
        label="Note (compte rendu, participants, suites)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    document = forms.ModelChoiceField(
        label="Justificatif déjà déposé", required=False, queryset=None, empty_label="Aucun"
    )
    file = forms.FileField(
        label="Ou déposer un justificatif", required=False, help_text="PDF, documents bureautiques ou images."
    )

    def __init__(self, *args, documents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = documents

    def clean(self):
        data = super().clean()
        if not (data.get("note") or "").strip() and not data.get("document") and not data.get("file"):
            raise forms.ValidationError("Indiquez une note ou joignez un justificatif.")
        return data


class DocumentForm(DsfrBaseForm):
    title = forms.CharField(label="Titre", max_length=255)
    kind = forms.ChoiceField(label="Type de document", choices=DocumentKind.choices)
    file = forms.FileField(
        label="Fichier", help_text="PDF, Word, Excel, PowerPoint, OpenDocument, PNG ou JPEG."
    )


class CommitmentForm(DsfrBaseForm):
    party = forms.ModelChoiceField(
        label="Partie", required=False, queryset=None, empty_label="Engagement commun des parties"
    )
    text = forms.CharField(label="Engagement", widget=forms.Textarea(attrs={"rows": 3}))
    recurrence = forms.ChoiceField(label="Fréquence", choices=Recurrence.choices)
    due_date = forms.DateField(label="Échéance (engagement ponctuel)", required=False, widget=DATE)
    is_follow_up = forms.BooleanField(
        label="C'est le point de suivi de la convention",
        required=False,
        help_text="Sa fréquence est alors celle du rythme de suivi de la convention.",
    )

    def __init__(self, *args, parties=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = parties


class TransitionForm(DsfrBaseForm):
    note = forms.CharField(label="Commentaire", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    signature_date = forms.DateField(label="Date de signature", required=False, widget=DATE)


class DecisionTransitionForm(TransitionForm):
    """A move that rests on a recorded decision (renewal: the COPIL's), written in the log's note."""

    note = forms.CharField(
        label="Décision du bilan (COPIL)",
        max_length=2000,
        help_text="La décision du bilan qui fonde le renouvellement, et sa date.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )


# Editing what the convention says: parties, signatories, referents, statements, axes and actions.


class PartyForm(DsfrBaseForm):
    organization = forms.ModelChoiceField(label="Organisation", queryset=None)
    role = forms.ChoiceField(label="Rôle", choices=PartyRole.choices)
    name_in_text = forms.CharField(
        label="Nom dans le texte",
        required=False,
        max_length=255,
        help_text="Si le texte nomme l'organisation autrement que sa fiche.",
    )
    legal_form = forms.CharField(label="Forme juridique, telle que rédigée", required=False, max_length=255)
    head_office = forms.CharField(label="Siège, tel que rédigé", required=False, max_length=255)
    presentation = forms.CharField(
        label="Présentation", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is None:  # editing an existing party: its organisation does not change
            del self.fields["organization"]
        else:
            self.fields["organization"].queryset = organizations


class RowFormSet(forms.BaseFormSet):
    """Ordered rows; removal goes through a confirmation page, not a checkbox."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["ORDER"].label = "Rang"

    @classmethod
    def field_names(cls) -> list[str]:
        """The row's own fields, which are also the attributes of the objects it edits."""
        return [name for name in cls.form.base_fields if name != "pk"]

    @classmethod
    def initial_from(cls, items) -> list[dict]:
        """One initial row per object: related objects by id, lists one item per line."""
        fields = cls.form.base_fields

        def value(item, name):
            if isinstance(fields[name], forms.ModelChoiceField):
                return getattr(item, f"{name}_id")
            raw = getattr(item, name)
            return "\n".join(raw) if isinstance(raw, list) else raw

        return [{"pk": item.pk, **{name: value(item, name) for name in cls.field_names()}} for item in items]

    def rows(self) -> list[dict]:
        return [
            {"pk": f.cleaned_data.get("pk"), **{n: f.cleaned_data.get(n) for n in self.field_names()}}
            for f in self.ordered_forms
        ]


def row_formset(form_class):
    return forms.formset_factory(
        form_class, formset=RowFormSet, extra=2, can_order=True, max_num=200, validate_max=True
    )


class SignatoryForm(DsfrBaseForm):
    pk = forms.IntegerField(required=False, widget=forms.HiddenInput)
    full_name = forms.CharField(label="Nom", max_length=150)
    title = forms.CharField(label="Qualité", required=False, max_length=255)
    capacity = forms.ChoiceField(
        label="À la signature", choices=SignatoryCapacity.choices, initial=SignatoryCapacity.SIGNED
    )
    party = forms.ModelChoiceField(
        label="Organisation (partie)", required=False, queryset=None, empty_label="Aucune partie"
    )

    def __init__(self, *args, parties=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = parties


class ReferentForm(DsfrBaseForm):
    pk = forms.IntegerField(required=False, widget=forms.HiddenInput)
    full_name = forms.CharField(
        label="Nom",
        required=False,
        max_length=150,
        help_text="Laissé vide, le nom de la fiche choisie est repris.",
    )
    description = forms.CharField(label="Précision (fonction, périmètre)", required=False, max_length=255)
    person = forms.ModelChoiceField(
        label="Fiche de la personne dans l'organisation",
        required=False,
        queryset=None,
        empty_label="Aucune fiche liée",
    )

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people

    def clean(self):
        data = super().clean()
        if not (data.get("full_name") or "").strip() and not data.get("person"):
            self.add_error("full_name", "Indiquez le nom du référent ou choisissez sa fiche.")
        return data


class StatementForm(DsfrBaseForm):
    pk = forms.IntegerField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(label="Énoncé", widget=forms.Textarea(attrs={"rows": 2}))
    details = forms.CharField(
        label="Précisions (une par ligne)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_details(self):
        return [line.strip() for line in self.cleaned_data["details"].splitlines() if line.strip()]


class ObjectiveForm(StatementForm):
    details = None  # common objectives are single sentences


class AxisForm(DsfrBaseForm):
    title = forms.CharField(label="Intitulé de l'axe", max_length=255)
    description = forms.CharField(label="Précision", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class KeyFigureForm(DsfrBaseForm):
    pk = forms.IntegerField(required=False, widget=forms.HiddenInput)
    label = forms.CharField(label="Libellé", max_length=150, help_text="Par exemple : Missions Locales.")
    value = forms.IntegerField(label="Valeur", min_value=0)
    year = forms.IntegerField(label="Année", required=False, min_value=1900, max_value=2100)


class ActionForm(DsfrBaseForm):
    pk = forms.IntegerField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(label="Action", widget=forms.Textarea(attrs={"rows": 2}))


SignatoryFormSet = row_formset(SignatoryForm)
ReferentFormSet = row_formset(ReferentForm)
PurposeFormSet = row_formset(StatementForm)
ObjectiveFormSet = row_formset(ObjectiveForm)
ActionFormSet = row_formset(ActionForm)
KeyFigureFormSet = row_formset(KeyFigureForm)


class ActivityPeriodForm(DsfrBaseForm):
    """The period the convention page counts its figures over (the convention's dates by default)."""

    du = forms.DateField(label="Du", required=False, widget=DATE)
    au = forms.DateField(label="Au", required=False, widget=DATE)

    def clean(self):
        data = super().clean()
        if data.get("du") and data.get("au") and data["au"] < data["du"]:
            raise forms.ValidationError("La fin de la période doit suivre son début.")
        return data
