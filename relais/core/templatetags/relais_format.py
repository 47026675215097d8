"""French renderings shared by the templates."""

from datetime import timedelta

from django import template
from django.utils.formats import number_format

register = template.Library()


def _unit(count: int, singular: str) -> str:
    return f"{count} {singular}{'s' if count > 1 else ''}"


@register.filter
def duration_fr(value: timedelta | None) -> str:
    """A duration in words: 30 minutes, 1 heure, 1 heure 30 minutes, 2 jours."""
    if not value:
        return ""
    minutes = max(1, round(value.total_seconds() / 60))
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = []
    if days:
        parts.append(_unit(days, "jour"))
    if hours:
        parts.append(_unit(hours, "heure"))
    if minutes:
        parts.append(_unit(minutes, "minute"))
    return " ".join(parts)


@register.filter
def figure(value, unit: str = "") -> str:
    """A figure in French: "—" when unmeasured, a decimal comma, the unit in the plural from 2 on ("1,5 jour",
    "3 jeunes", "40 %")."""
    if value is None:
        return "—"
    number = number_format(value, decimal_pos=1 if isinstance(value, float) and value % 1 else 0)
    if not unit:
        return number
    if unit == "%":
        return f"{number}\u00a0%"
    return f"{number} {unit}{'s' if abs(value) >= 2 else ''}"
