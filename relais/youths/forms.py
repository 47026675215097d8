"""Forms of the young people's pages: search and filters, record, import."""

import re

from django import forms
from dsfr.forms import DsfrBaseForm

from relais.core.upload_fields import SpreadsheetFileField
from relais.jobs.models import RomeTitle
from relais.youths.enums import PRIORITY_FLAGS, ConsentScope, QualificationLevel
from relais.youths.models import Youth
from relais.youths.selectors import counsellors_of
from relais.youths.services import EDITABLE_FIELDS, find_commune
from relais.youths.validation import TEXT_FIELDS, validate_clean_text, validate_phone

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
LENGTH = {name: Youth._meta.get_field(name).max_length for name in TEXT_FIELDS}
CODE_SEPARATORS = re.compile(r"[\s,;]+")


def split_codes(value) -> list[str]:
    """The codes of a comma-, semicolon- or space-separated text, without repeats, in their order."""
    return list(dict.fromkeys(code for code in CODE_SEPARATORS.split(value or "") if code))


class CodeListInput(forms.TextInput):
    """Reads every value posted under the name: the picker posts one hidden input per code, a script-less
    client or an import tool may post one comma-separated text; both reach the field as one text."""

    def value_from_datadict(self, data, files, name):
        if hasattr(data, "getlist"):
            return ", ".join(value for value in data.getlist(name) if value.strip())
        return data.get(name)


class YouthFilterForm(DsfrBaseForm):
    q = forms.CharField(label="Rechercher", required=False, help_text="Nom, prénom ou identifiant I-Milo")
    counsellor = forms.TypedChoiceField(label="Conseiller·ère", required=False, coerce=int, empty_value=None)
    flags = forms.MultipleChoiceField(
        label="Publics prioritaires",
        required=False,
        choices=list(PRIORITY_FLAGS.items()),
        widget=forms.CheckboxSelectMultiple,
    )
    rome_family = forms.CharField(
        label="Fiche ROME recherchée",
        required=False,
        max_length=5,
        help_text="Code de la fiche, par exemple F1703",
    )

    def __init__(self, *args, mission_locale_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["counsellor"].choices = [("", "Tous")] + [
            (person.pk, str(person)) for person in counsellors_of(mission_locale_ids)
        ]


class YouthForm(DsfrBaseForm):
    mission_locale = forms.ModelChoiceField(label="Mission Locale", queryset=None, empty_label=None)
    # Lengths are the model's; the characters and the phone format are checked by the services' own rules.
    imilo_id = forms.CharField(
        label="Identifiant I-Milo",
        required=False,
        max_length=LENGTH["imilo_id"],
        validators=[validate_clean_text],
    )
    last_name = forms.CharField(label="Nom", max_length=LENGTH["last_name"], validators=[validate_clean_text])
    first_name = forms.CharField(
        label="Prénom", max_length=LENGTH["first_name"], validators=[validate_clean_text]
    )
    birth_date = forms.DateField(
        label="Date de naissance",
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    # The commune picker posts the INSEE code, so a form posted by other means keeps working.
    commune_code = forms.CharField(
        label="Commune de résidence",
        max_length=5,
        error_messages={"required": "Choisissez la commune de résidence dans la liste des résultats."},
    )
    counsellor = forms.ModelChoiceField(label="Conseiller·ère", queryset=None, required=False)
    qualification_level = forms.ChoiceField(
        label="Niveau de qualification",
        required=False,
        choices=[("", "Non renseigné"), *QualificationLevel.choices],
    )
    qpv_resident = forms.BooleanField(label="Résident d'un quartier prioritaire (QPV)", required=False)
    rqth = forms.BooleanField(
        label="Reconnaissance de la qualité de travailleur handicapé (RQTH)", required=False
    )
    cej_beneficiary = forms.BooleanField(
        label="Bénéficiaire du contrat d'engagement jeune (CEJ)", required=False
    )
    school_dropout = forms.BooleanField(label="Décrocheur scolaire", required=False)
    no_diploma = forms.BooleanField(label="Sans diplôme", required=False)
    driving_licence = forms.BooleanField(label="Permis de conduire", required=False)
    has_vehicle = forms.BooleanField(label="Dispose d'un véhicule", required=False)
    max_distance_km = forms.IntegerField(
        label="Distance maximale de déplacement (km)", required=False, min_value=0, max_value=1000
    )
    # The ROME picker posts one OGR code per chosen title; a comma-separated text is read the same way.
    sought_codes = forms.CharField(label="Métiers recherchés", required=False, widget=CodeListInput)
    email = forms.EmailField(
        label="E-mail", required=False, max_length=LENGTH["email"], validators=[validate_clean_text]
    )
    phone = forms.CharField(
        label="Téléphone",
        required=False,
        max_length=LENGTH["phone"],
        validators=[validate_clean_text, validate_phone],
    )
    consent_given_at = forms.DateField(
        label="Consentement au partage avec les partenaires recueilli le",
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    consent_scope = forms.ChoiceField(
        label="Périmètre du consentement",
        required=False,
        choices=[("", "Aucun partage"), *ConsentScope.choices],
    )

    def __init__(self, *args, mission_locales, acting_person_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mission_locale"].queryset = mission_locales
        counsellors = counsellors_of(list(mission_locales.values_list("pk", flat=True)))
        self.fields["counsellor"].queryset = counsellors
        # A new record is followed by the counsellor who creates it, unless they choose someone else.
        if acting_person_id is not None and "counsellor" not in self.initial:
            if counsellors.filter(pk=acting_person_id).exists():
                self.fields["counsellor"].initial = acting_person_id
        if len(mission_locales) == 1:
            self.fields["mission_locale"].initial = mission_locales[0].pk
            self.fields["mission_locale"].widget = forms.HiddenInput()

    def clean_commune_code(self):
        code = self.cleaned_data["commune_code"].strip()
        commune = find_commune(code)
        if commune is None:
            raise forms.ValidationError("Code commune INSEE inconnu : « %(code)s ».", params={"code": code})
        self.cleaned_data["commune"] = commune
        return code

    def clean_sought_codes(self):
        codes = split_codes(self.cleaned_data["sought_codes"])
        titles = {title.ogr_code: title for title in RomeTitle.objects.filter(ogr_code__in=codes)}
        unknown = [code for code in codes if code not in titles]
        if unknown:
            raise forms.ValidationError(
                "Code(s) OGR inconnu(s) : %(codes)s.", params={"codes": ", ".join(unknown)}
            )
        self.cleaned_data["sought_titles"] = [titles[code] for code in codes]
        return self.cleaned_data["sought_codes"]

    @property
    def selected_commune(self):
        """The commune chosen, so that a failed form shows it again in the picker."""
        if "commune" in getattr(self, "cleaned_data", {}):
            return self.cleaned_data["commune"]
        return find_commune(str(self["commune_code"].value() or ""))

    @property
    def selected_titles(self) -> list[tuple[str, RomeTitle | None]]:
        """The OGR codes chosen with their titles (None for an unknown code, shown so it can be removed)."""
        codes = split_codes(str(self["sought_codes"].value() or ""))
        titles = (
            RomeTitle.objects.filter(ogr_code__in=codes)
            .select_related("family")
            .in_bulk(field_name="ogr_code")
        )
        return [(code, titles.get(code)) for code in codes]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("consent_scope") and not cleaned.get("consent_given_at"):
            self.add_error(
                "consent_given_at", "Indiquez la date à laquelle le jeune a donné son consentement."
            )
        if cleaned.get("consent_given_at") and not cleaned.get("consent_scope"):
            self.add_error("consent_scope", "Indiquez ce que le jeune accepte de partager.")
        return cleaned

    def service_fields(self) -> dict:
        """The cleaned data in the shape the services take (the commune comes from the picker's code)."""
        data = self.cleaned_data
        return {name: data["commune"] if name == "commune" else data[name] for name in EDITABLE_FIELDS}

    @staticmethod
    def initial_from(youth) -> dict:
        # Counsellor and commune are shown as the id and the INSEE code the form's fields take.
        initial = {
            name: getattr(youth, name) for name in EDITABLE_FIELDS if name not in ("counsellor", "commune")
        }
        initial["mission_locale"] = youth.mission_locale_id
        initial["counsellor"] = youth.counsellor_id
        initial["commune_code"] = youth.commune.code
        initial["sought_codes"] = ", ".join(title.ogr_code for title in youth.sought_titles.all())
        return initial


class YouthImportForm(DsfrBaseForm):
    mission_locale = forms.ModelChoiceField(label="Mission Locale", queryset=None, empty_label=None)
    file = SpreadsheetFileField(
        label="Fichier export I-Milo",
        help_text="CSV séparé par des points-virgules (UTF-8 ou Windows-1252) ou classeur XLSX",
        max_bytes_setting="RELAIS_IMPORT_MAX_BYTES",
    )

    def __init__(self, *args, mission_locales, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mission_locale"].queryset = mission_locales
        if len(mission_locales) == 1:
            self.fields["mission_locale"].initial = mission_locales[0].pk
            self.fields["mission_locale"].widget = forms.HiddenInput()
