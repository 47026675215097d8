"""French renderings shared by the templates."""

from datetime import timedelta

from django import template

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
