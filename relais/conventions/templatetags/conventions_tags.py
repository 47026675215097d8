"""Small display helpers for convention pages."""

from django import template

from relais.conventions.enums import ConventionStatus, OccurrenceStatus

register = template.Library()

STATUS_BADGES = {
    ConventionStatus.DRAFT: "fr-badge--new",
    ConventionStatus.SIGNED: "fr-badge--info",
    ConventionStatus.ACTIVE: "fr-badge--success",
    ConventionStatus.REVIEW_DUE: "fr-badge--warning",
    ConventionStatus.RENEWED: "fr-badge--info",
    ConventionStatus.ENDED: "",
    ConventionStatus.CANCELLED: "",
    OccurrenceStatus.PLANNED: "fr-badge--info",
    OccurrenceStatus.DONE: "fr-badge--success",
    OccurrenceStatus.LATE: "fr-badge--error",
}


@register.filter
def badge_class(status: str) -> str:
    return STATUS_BADGES.get(status, "")
