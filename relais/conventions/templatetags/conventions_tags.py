"""Small display helpers for convention pages."""

from django import template

register = template.Library()

STATUS_BADGES = {
    "draft": "fr-badge--new",
    "signed": "fr-badge--info",
    "active": "fr-badge--success",
    "review_due": "fr-badge--warning",
    "renewed": "fr-badge--info",
    "ended": "",
    "cancelled": "",
    "planned": "fr-badge--info",
    "done": "fr-badge--success",
    "late": "fr-badge--error",
}


@register.filter
def badge_class(status: str) -> str:
    return STATUS_BADGES.get(status, "")
