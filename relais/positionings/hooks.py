"""Buttons the positioning pipeline adds to other apps' pages (through their extension points)."""

from django.template.loader import render_to_string
from django.urls import reverse

from relais.youths.selectors import has_youth_access


def opportunity_detail_action(scope, opportunity):
    if opportunity.is_open and has_youth_access(scope):
        return {
            "label": "Positionner un jeune",
            "url": reverse("positionings:for_opportunity", args=[opportunity.pk]),
        }
    if opportunity.publisher_id in scope.partner_ids:
        return {
            "label": "Candidatures reçues",
            "url": reverse("positionings:received") + f"?opportunite={opportunity.pk}",
        }
    return None


def convention_activity_panel(scope, convention):
    """Aggregates only (no young person's data): shown to everyone who may read the convention."""
    from relais.positionings.selectors import positioning_counts_for_convention

    counts = positioning_counts_for_convention(convention)
    html = render_to_string("positionings/_convention_counts.html", {"counts": counts})
    return {"title": "Positionnements et recrutements", "html": html}


def settle_ended_opportunity(opportunity) -> None:
    from relais.positionings.services import positionings_settle_ended_opportunity

    positionings_settle_ended_opportunity(opportunity=opportunity)


def register_hooks() -> None:
    from relais.conventions import hooks as convention_hooks
    from relais.opportunities import hooks as opportunity_hooks

    if opportunity_detail_action not in opportunity_hooks.DETAIL_ACTIONS:
        opportunity_hooks.DETAIL_ACTIONS.append(opportunity_detail_action)
    if convention_activity_panel not in convention_hooks.DETAIL_PANELS:
        convention_hooks.DETAIL_PANELS.append(convention_activity_panel)
    if settle_ended_opportunity not in opportunity_hooks.ON_ENDED:
        opportunity_hooks.ON_ENDED.append(settle_ended_opportunity)
