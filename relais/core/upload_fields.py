"""The form field of every spreadsheet import (young people, sign-in sheets, opportunities): size and format checked
before anything reads the file."""

from django import forms
from django.conf import settings

SPREADSHEET_SUFFIXES = (".csv", ".txt", ".xlsx")


class SpreadsheetFileField(forms.FileField):
    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload:
            return upload
        limit = settings.RELAIS_UPLOAD_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                "Le fichier pèse %(size)s Mo : la taille maximale autorisée est de %(limit)s Mo.",
                params={
                    "size": f"{upload.size / 1_048_576:.1f}".replace(".", ","),
                    "limit": f"{limit / 1_048_576:g}".replace(".", ","),
                },
            )
        if not upload.name.lower().endswith(SPREADSHEET_SUFFIXES):
            raise forms.ValidationError("Formats acceptés : CSV (.csv) ou classeur Excel (.xlsx).")
        return upload
