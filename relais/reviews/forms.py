"""The review's forms: a move with its note or decision, the COPIL record, a comment."""

from django import forms
from django.utils import timezone
from dsfr.forms import DsfrBaseForm

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MoveForm(DsfrBaseForm):
    """A move of the review; each transition asks only the values it declares (see REVIEW_WORKFLOW)."""

    note = forms.CharField(
        label="Raison du retour en brouillon",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    decision_note = forms.CharField(
        label="Décision du COPIL",
        max_length=2000,
        required=False,
        help_text="Ce que le COPIL a décidé, tel qu'il figure au compte rendu.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class PresentForm(DsfrBaseForm):
    copil_date = forms.DateField(label="Date du COPIL", widget=DATE)
    copil_attendees = forms.CharField(
        label="Participants",
        max_length=4000,
        help_text="Les personnes présentes et leur structure, une par ligne.",
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    minutes = forms.FileField(
        label="Compte rendu du COPIL",
        help_text="PDF, document texte ou tableur ; il est classé dans « Comptes rendus » des documents partagés.",
    )
    copil_event = forms.ModelChoiceField(
        label="Réunion de pilotage correspondante (facultatif)",
        queryset=None,
        required=False,
        empty_label="Aucune",
    )

    def __init__(self, *args, events=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["copil_event"].queryset = events
        self.fields["copil_event"].label_from_instance = lambda e: (
            f"{e.title} — {timezone.localtime(e.starts_at):%d/%m/%Y}" if e.starts_at else e.title
        )


class CommentForm(DsfrBaseForm):
    text = forms.CharField(
        label="Votre commentaire", max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
