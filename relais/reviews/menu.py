"""Navigation entry and home sections of the reviews: the periods whose review is due, and the observer's entry to
the frozen reviews rolled up. The live dashboard and the roll-up are reached from the reviews' list page."""

from django.urls import reverse

from relais.conventions.enums import ConventionStatus
from relais.conventions.models import Convention
from relais.core.home import HOME_SECTIONS, HomeSection, WorkItem
from relais.core.menu import register
from relais.reviews.rollup import can_read_rollup

register(48, "Bilans", "reviews:list", lambda scope: scope.is_authenticated)

LISTED = 5


@HOME_SECTIONS.register
def home_section(scope, today):
    """The conventions a coordinator or director edits whose review is due."""
    if not scope.editor_ids or scope.aggregates_only:
        return None
    due = list(
        Convention.objects.filter(
            status=ConventionStatus.REVIEW_DUE, parties__organization_id__in=scope.editor_ids
        )
        .distinct()
        .order_by("end_date", "pk")[:LISTED]
    )
    if not due:
        return None
    return HomeSection(
        "Bilans à réaliser",
        order=33,
        items=tuple(
            WorkItem(
                str(c),
                reverse("reviews:detail", args=[c.pk]),
                detail=f"échéance le {c.end_date:%d/%m/%Y}" if c.end_date else "",
                urgent=True,
            )
            for c in due
        ),
        url=reverse("reviews:list"),
        link_label="Voir les bilans",
    )


@HOME_SECTIONS.register
def observer_rollup_section(scope, today):
    """The observer's entry to the indicators: the frozen reviews rolled up, small counts masked."""
    if not scope.aggregates_only or not can_read_rollup(scope):
        return None
    return HomeSection(
        "Bilans consolidés",
        order=4,
        items=(
            WorkItem(
                "Les bilans arrêtés, par convention, territoire, réseau et accord-cadre (petits effectifs masqués)",
                reverse("reviews:rollup"),
            ),
        ),
    )
