"""The one preferences page's form: a choice per notification a user may turn off, grouped by section."""

from django import forms
from dsfr.forms import DsfrBaseForm
from dsfr.utils import dsfr_input_class_attr

from relais.core.notifications.base import registered
from relais.core.notifications.models import Frequency
from relais.core.notifications.preferences import Choice

OFF = "off"


def field_name(code: str) -> str:
    return code.replace(".", "__")


class NotificationPreferencesForm(DsfrBaseForm):
    """A checkbox per notification that may be turned off; three choices for one that may also wait."""

    def __init__(self, *args, current: dict[str, Choice], **kwargs):
        super().__init__(*args, **kwargs)
        self.notifications = [n for n in registered() if n.optional and n.listed]
        self.always = [n for n in registered() if not n.optional and n.listed]
        for notification in self.notifications:
            name = field_name(notification.code)
            choice = current[notification.code]
            if notification.digest:
                self.fields[name] = forms.ChoiceField(
                    label=notification.label,
                    choices=[
                        (Frequency.IMMEDIATE, notification.immediate_label),
                        (Frequency.DAILY, Frequency.DAILY.label),
                        (OFF, "Aucun e-mail"),
                    ],
                    widget=forms.RadioSelect,
                    initial=choice.frequency if choice.enabled else OFF,
                )
            else:
                self.fields[name] = forms.BooleanField(
                    label=notification.label, required=False, initial=choice.enabled
                )
            dsfr_input_class_attr(self[name])

    def sections(self) -> list[dict]:
        """[{title, fields, always}] in the order the apps declare their notifications."""
        sections: dict[str, dict] = {}
        for notification in self.notifications:
            section = sections.setdefault(notification.section, _section(notification.section))
            section["fields"].append(self[field_name(notification.code)])
        for notification in self.always:
            sections.setdefault(notification.section, _section(notification.section))["always"].append(
                notification.label
            )
        return list(sections.values())

    def choices(self) -> dict[str, Choice]:
        chosen = {}
        for notification in self.notifications:
            value = self.cleaned_data[field_name(notification.code)]
            if notification.digest:
                chosen[notification.code] = (
                    Choice(enabled=False) if value == OFF else Choice(enabled=True, frequency=value)
                )
            else:
                chosen[notification.code] = Choice(enabled=bool(value))
        return chosen


def _section(title: str) -> dict:
    return {"title": title, "fields": [], "always": []}
