"""Form of a new webhook endpoint: organisation, label, address and events."""

from django import forms
from django.core.exceptions import ValidationError
from dsfr.forms import DsfrBaseForm

from relais.webhooks.enums import EventType
from relais.webhooks.services import validate_url


class EndpointForm(DsfrBaseForm):
    organization = forms.ModelChoiceField(label="Organisation", queryset=None, empty_label=None)
    label = forms.CharField(
        label="Libellé",
        max_length=100,
        help_text="À quoi sert ce point de réception : l'outil qui le reçoit.",
    )
    url = forms.CharField(
        label="Adresse de réception",
        max_length=500,
        help_text="Une adresse en https://, par exemple https://recrutement.exemple.fr/relais/webhooks.",
    )
    events = forms.MultipleChoiceField(
        label="Événements envoyés",
        choices=EventType.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choisissez au moins un événement."},
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations

    def clean_url(self):
        # The service checks it again; here so that its message shows with the form's other errors.
        try:
            return validate_url(self.cleaned_data["url"])
        except ValidationError as error:
            raise ValidationError(error.message_dict["url"]) from None
