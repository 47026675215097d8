"""Forms of the review's typed values ("à renseigner") and of the targets of a convention period."""

from django import forms
from dsfr.forms import DsfrBaseForm

from relais.core.providers import registry


class IndicatorEntryForm(DsfrBaseForm):
    value = forms.DecimalField(label="Valeur", min_value=0, max_digits=12, decimal_places=2)
    unit = forms.CharField(
        label="Unité", max_length=40, required=False, help_text="Par exemple : jeunes, entreprises, séances."
    )
    note = forms.CharField(
        label="Précision",
        max_length=500,
        required=False,
        help_text="La source ou la méthode du chiffre ; aucune donnée sur une personne.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class IndicatorCodeForm(DsfrBaseForm):
    code = forms.ChoiceField(
        label="Indicateur calculé correspondant",
        help_text="Si Relais calcule déjà ce chiffre à partir de l'activité enregistrée, il ne se renseigne plus.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = [("", "Choisissez un indicateur")] + [
            (p.code, f"{p.label} ({p.section})") for p in registry()
        ]


class Perimeter:
    ALL = "all"
    MISSION_LOCALE = "mission_locale"
    DEPARTMENT = "department"
    CHOICES = [
        (ALL, "Toute la convention"),
        (MISSION_LOCALE, "Une Mission Locale"),
        (DEPARTMENT, "Un département"),
    ]


class IndicatorTargetForm(DsfrBaseForm):
    code = forms.ChoiceField(label="Indicateur")
    perimeter = forms.ChoiceField(
        label="Périmètre de l'objectif",
        choices=Perimeter.CHOICES,
        initial=Perimeter.ALL,
        widget=forms.RadioSelect,
    )
    mission_locale = forms.ModelChoiceField(
        label="Mission Locale",
        queryset=None,
        required=False,
        help_text="Si l'objectif vaut pour une Mission Locale.",
    )
    department = forms.ModelChoiceField(
        label="Département",
        queryset=None,
        required=False,
        help_text="Si l'objectif vaut pour un département.",
    )
    value = forms.DecimalField(label="Objectif", min_value=0, max_digits=12, decimal_places=2)
    note = forms.CharField(label="Précision", max_length=500, required=False)

    def __init__(self, *args, mission_locales, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = [("", "Choisissez un indicateur")] + [
            (p.code, f"{p.label} ({p.section})") for p in registry()
        ]
        self.fields["mission_locale"].queryset = mission_locales
        self.fields["department"].queryset = departments

    def clean(self):
        data = super().clean()
        perimeter = data.get("perimeter")
        if perimeter == Perimeter.MISSION_LOCALE and not data.get("mission_locale"):
            self.add_error("mission_locale", "Choisissez la Mission Locale de l'objectif.")
        if perimeter == Perimeter.DEPARTMENT and not data.get("department"):
            self.add_error("department", "Choisissez le département de l'objectif.")
        if perimeter != Perimeter.MISSION_LOCALE:
            data["mission_locale"] = None
        if perimeter != Perimeter.DEPARTMENT:
            data["department"] = None
        return data
