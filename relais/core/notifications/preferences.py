"""Each user's choices: which notifications they receive, and which wait for the daily digest."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from relais.core.notifications.base import Notification, notification_for, registered
from relais.core.notifications.models import Frequency, NotificationPreference
from relais.core.services import audit
from relais.core.workflows import DomainError


class NotificationError(DomainError):
    """A preference that cannot be chosen (a notification that may not be turned off...); French message."""


@dataclass(frozen=True)
class Choice:
    enabled: bool = True
    frequency: str = Frequency.IMMEDIATE


def _effective(notification: type[Notification], enabled: bool, frequency: str) -> tuple[bool, str]:
    # A notification that may not be turned off, or may not wait, is sent as it must be whatever is stored.
    enabled = enabled or not notification.optional
    frequency = frequency if notification.digest else Frequency.IMMEDIATE
    return enabled, frequency


def choices_for(notification: type[Notification], user_ids) -> dict[int, tuple[bool, str]]:
    """(enabled, frequency) of each of these users for one notification, in one query."""
    stored = dict.fromkeys(user_ids, (True, Frequency.IMMEDIATE))
    if notification.optional or notification.digest:
        rows = NotificationPreference.objects.filter(code=notification.code, user_id__in=list(stored))
        for user_id, enabled, frequency in rows.values_list("user_id", "enabled", "frequency"):
            stored[user_id] = (enabled, frequency)
    return {user_id: _effective(notification, *choice) for user_id, choice in stored.items()}


def preferences_of(user) -> dict[str, Choice]:
    """The user's choice for every registered notification (defaults where they chose nothing)."""
    stored = {
        code: (enabled, frequency)
        for code, enabled, frequency in NotificationPreference.objects.filter(user=user).values_list(
            "code", "enabled", "frequency"
        )
    }
    return {
        notification.code: Choice(
            *_effective(notification, *stored.get(notification.code, (True, Frequency.IMMEDIATE)))
        )
        for notification in registered()
    }


def _check(notification: type[Notification], enabled: bool, frequency: str) -> None:
    if not enabled and not notification.optional:
        raise NotificationError(f"L'e-mail « {notification.label} » ne peut pas être désactivé.")
    if frequency not in Frequency.values:
        raise NotificationError("Fréquence inconnue.")
    if frequency == Frequency.DAILY and not notification.digest:
        raise NotificationError(f"L'e-mail « {notification.label} » n'est pas proposé en récapitulatif.")


@transaction.atomic
def notification_preferences_update(*, scope, choices: dict[str, Choice]) -> list[NotificationPreference]:
    """The acting user chooses, for some notifications, whether they receive them and how often.

    Only their own preferences: the user is the scope's. A notification that may not be turned off refuses.
    """
    user = scope.user
    if user is None or not scope.is_authenticated:
        raise NotificationError("Seule une personne connectée choisit ses notifications.")
    checked = {}
    for code, choice in choices.items():
        try:
            notification = notification_for(code)
        except KeyError:
            raise NotificationError(f"Notification inconnue : {code}.") from None
        _check(notification, choice.enabled, choice.frequency)
        checked[code] = choice
    saved = []
    for code, choice in checked.items():
        preference, _ = NotificationPreference.objects.update_or_create(
            user=user, code=code, defaults={"enabled": choice.enabled, "frequency": choice.frequency}
        )
        saved.append(preference)
    if saved:
        audit(
            actor=scope.actor,
            action="notification.preferences",
            obj=user,
            choices={code: [c.enabled, c.frequency] for code, c in sorted(checked.items())},
        )
    return saved


def notification_preference_set(
    *, scope, code: str, enabled: bool = True, frequency: str = Frequency.IMMEDIATE
) -> NotificationPreference:
    """One notification's choice (see ``notification_preferences_update``)."""
    return notification_preferences_update(scope=scope, choices={code: Choice(enabled, frequency)})[0]
