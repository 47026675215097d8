"""Forms of the convention's shared space: folders, filing a document, moving it (DSFR)."""

from django import forms
from dsfr.forms import DsfrBaseForm

from relais.conventions.document_models import FOLDER_NAME_MAX
from relais.conventions.forms import DocumentForm
from relais.conventions.space import UNFILED_LABEL


class FolderForm(DsfrBaseForm):
    name = forms.CharField(label="Nom du dossier", max_length=FOLDER_NAME_MAX)


class SpaceDocumentForm(DocumentForm):
    folder = forms.ModelChoiceField(label="Dossier", required=False, queryset=None, empty_label=UNFILED_LABEL)

    field_order = ["title", "kind", "folder", "file"]

    def __init__(self, *args, folders=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["folder"].queryset = folders
        self.order_fields(self.field_order)


class MoveForm(DsfrBaseForm):
    folder = forms.ModelChoiceField(
        label="Classer dans", required=False, queryset=None, empty_label=UNFILED_LABEL
    )

    def __init__(self, *args, folders=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["folder"].queryset = folders
