"""Forms of the partner sheet pages (DSFR); every input is bounded."""

from django import forms
from dsfr.forms import DsfrBaseForm

from relais.jobs.models import NafSector, RomeFamily
from relais.sheets.models import MAX_DEPARTMENTS, MAX_FAMILIES, MAX_SECTORS, TEXT_MAX
from relais.territories.models import Department


class BoundedMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A multiple choice that refuses more than `max_items` choices, with a French message."""

    def __init__(self, *args, max_items: int, **kwargs):
        self.max_items = max_items
        kwargs.setdefault(
            "help_text", f"{max_items} au plus ; Ctrl (ou Cmd) + clic pour en choisir plusieurs."
        )
        super().__init__(*args, required=False, widget=forms.SelectMultiple(attrs={"size": 8}), **kwargs)

    def clean(self, value):
        if value and len(value) > self.max_items:
            raise forms.ValidationError(f"Choisissez {self.max_items} éléments au plus.")
        return super().clean(value)


class SheetForm(DsfrBaseForm):
    presentation = forms.CharField(
        label="Présentation", required=False, max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 6})
    )
    offer = forms.CharField(
        label="Offre de service",
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    naf_sectors = BoundedMultipleChoiceField(
        label="Secteurs d'activité (divisions NAF)",
        queryset=NafSector.objects.filter(level=1).order_by("code"),
        max_items=MAX_SECTORS,
    )
    rome_families = BoundedMultipleChoiceField(
        label="Métiers (fiches ROME)", queryset=RomeFamily.objects.order_by("code"), max_items=MAX_FAMILIES
    )
    departments = BoundedMultipleChoiceField(
        label="Départements d'intervention",
        queryset=Department.objects.order_by("code"),
        max_items=MAX_DEPARTMENTS,
    )
    territory_note = forms.CharField(
        label="Territoire, en quelques mots",
        required=False,
        max_length=255,
        help_text="Par exemple : « Toute la région, hors Cantal ».",
    )


class ContactForm(DsfrBaseForm):
    full_name = forms.CharField(label="Nom et prénom", max_length=150)
    title = forms.CharField(label="Fonction", max_length=150, required=False)
    email = forms.EmailField(label="E-mail", max_length=254, required=False)
    phone = forms.CharField(label="Téléphone", max_length=30, required=False)


class LogoForm(DsfrBaseForm):
    logo = forms.FileField(
        label="Logo",
        help_text="PNG, JPEG ou SVG, 1 Mo au plus. Un SVG contenant du script ou des liens est refusé.",
    )


class SheetDocumentForm(DsfrBaseForm):
    title = forms.CharField(label="Titre", max_length=255)
    file = forms.FileField(
        label="Fichier", help_text="PDF, Word, Excel, PowerPoint, OpenDocument, PNG ou JPEG."
    )
