"""Navigation entries of the live dashboards and of the roll-up, and the observer's entry on the home page."""

from django.urls import reverse

from relais.core.home import HOME_SECTIONS, HomeSection, WorkItem
from relais.core.menu import register
from relais.reviews.dashboards import has_dashboard
from relais.reviews.rollup import can_read_rollup

register(
    15,
    "Tableau de bord",
    "reviews:dashboard",
    lambda scope: scope.is_authenticated and not scope.aggregates_only and has_dashboard(scope),
)
register(
    16,
    "Consolidation des bilans",
    "reviews:rollup",
    lambda scope: scope.is_authenticated and can_read_rollup(scope),
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
