"""Buttons the positioning pipeline adds to other apps' pages (through their extension points)."""

from django.urls import reverse

from relais.positionings.perms import partner_organization_ids
from relais.youths.selectors import has_youth_access


def opportunity_detail_action(user, opportunity):
    if opportunity.is_open and has_youth_access(user):
        return {
            "label": "Positionner un jeune",
            "url": reverse("positionings:for_opportunity", args=[opportunity.pk]),
        }
    if opportunity.publisher_id in partner_organization_ids(user):
        return {
            "label": "Candidatures reçues",
            "url": reverse("positionings:received") + f"?opportunite={opportunity.pk}",
        }
    return None


def register_hooks() -> None:
    try:
        from relais.opportunities import hooks
    except ImportError:  # the opportunities app may not offer extension points
        return
    if opportunity_detail_action not in hooks.DETAIL_ACTIONS:
        hooks.DETAIL_ACTIONS.append(opportunity_detail_action)
