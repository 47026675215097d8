"""Navigation entries and home section of the conventions: late commitments, next follow-up points and COPIL."""

from django.urls import reverse

from relais.conventions import selectors
from relais.conventions.enums import OccurrenceKind, OccurrenceStatus
from relais.core.home import HOME_SECTIONS, HomeSection, WorkItem
from relais.core.menu import register
from relais.core.words import plural

register(10, "Conventions", "conventions:list")
register(11, "Mes engagements", "conventions:my_commitments")

LISTED = 3


@HOME_SECTIONS.register
def home_section(scope, today):
    if not scope.is_authenticated or scope.aggregates_only:
        return None
    late, _ = selectors.occurrences_due(scope, today=today)
    late_count = late.count()
    # The next dated points and COPIL, however far: the home page says when the next one is.
    upcoming_rows = list(
        selectors.my_occurrences(scope)
        .filter(status=OccurrenceStatus.PLANNED, due_date__gte=today)
        .exclude(kind=OccurrenceKind.COMMITMENT)[:LISTED]
    )
    if not late_count and not upcoming_rows and not (scope.editor_ids or scope.person_id):
        return None
    url = reverse("conventions:my_commitments")
    items = []
    if late_count:
        items.append(
            WorkItem(
                plural(
                    late_count,
                    "engagement ou point de suivi en retard",
                    "engagements ou points de suivi en retard",
                ),
                url,
                count=late_count,
                urgent=True,
            )
        )
    for occurrence in upcoming_rows[:LISTED]:
        what = (
            "COPIL — bilan annuel"
            if occurrence.kind == OccurrenceKind.REVIEW
            else occurrence.get_kind_display()
        )
        items.append(
            WorkItem(
                f"{what} le {occurrence.due_date:%d/%m/%Y}",
                reverse("conventions:detail", args=[occurrence.convention_id]),
                detail=str(occurrence.convention),
            )
        )
    if not items:
        return None
    return HomeSection(
        "Conventions : prochaines échéances",
        order=30,
        items=tuple(items),
        url=url,
        link_label="Voir mes engagements",
    )


@HOME_SECTIONS.register
def observer_section(scope, today):
    """Observers (the State, the Région) read figures only: their entry is the conventions and their counts."""
    if not scope.aggregates_only:
        return None
    return HomeSection(
        "Indicateurs des partenariats",
        order=5,
        items=(
            WorkItem(
                "Les conventions et leurs chiffres (positionnements, recrutements, délais, diffusions)",
                reverse("conventions:list"),
            ),
        ),
        empty="",
    )
