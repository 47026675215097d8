"""Form of a new API token: organisation, label, scopes and expiry (at most a year)."""

import datetime

from django import forms
from django.utils import timezone
from dsfr.forms import DsfrBaseForm

from relais.api.enums import TokenScope
from relais.api.tokens import MAX_LIFETIME_DAYS


class TokenForm(DsfrBaseForm):
    organization = forms.ModelChoiceField(label="Organisation", queryset=None, empty_label=None)
    label = forms.CharField(
        label="Libellé", max_length=100, help_text="À quoi sert ce jeton : l'outil ou l'usage qui l'emploie."
    )
    scopes = forms.MultipleChoiceField(
        label="Droits", choices=TokenScope.choices, widget=forms.CheckboxSelectMultiple
    )
    expires_on = forms.DateField(
        label="Date d'expiration",
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=f"Au plus {MAX_LIFETIME_DAYS} jours après aujourd'hui. Format : jj/mm/aaaa.",
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        if not self.is_bound:
            self.initial.setdefault("expires_on", timezone.localdate() + datetime.timedelta(days=90))
