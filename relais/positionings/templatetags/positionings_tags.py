"""Template helpers of the positioning pages."""

from django import template
from django.utils.html import format_html

from relais.positionings.enums import PositioningStatus

register = template.Library()
S = PositioningStatus
BADGE_CLASSES = {
    S.PROPOSED: "fr-badge--info",
    S.RETURNED: "fr-badge--warning",
    S.TRANSMITTED: "fr-badge--new",
    S.ACKNOWLEDGED: "fr-badge--info",
    S.INTERVIEW_PLANNED: "fr-badge--info",
    S.HIRED: "fr-badge--success",
    S.ENTERED_TRAINING: "fr-badge--success",
    S.IMMERSION_COMPLETED: "fr-badge--success",
    S.NOT_RETAINED: "fr-badge--error",
    S.EXPIRED: "fr-badge--warning",
}


@register.simple_tag
def status_badge(status: str):
    label = S(status).label if status in S.values else status
    return format_html(
        '<p class="fr-badge fr-badge--sm fr-badge--no-icon {}" data-status="{}">{}</p>',
        BADGE_CLASSES.get(status, ""),
        status,
        label,
    )
