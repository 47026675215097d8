"""Navigation entry and home section of the mentoring (the mentors' list is reached from the mentorships' page)."""

from django.db.models import Count, Q
from django.urls import reverse

from relais.core.home import HOME_SECTIONS, HomeSection, WorkItem
from relais.core.menu import register
from relais.core.words import plural
from relais.mentoring.enums import MentorshipStatus
from relais.mentoring.models import FollowUp
from relais.mentoring.perms import can_read_mentorships
from relais.mentoring.selectors import mentorships_visible_to

register(60, "Parrainages", "mentoring:mentorship_list", can_read_mentorships)


@HOME_SECTIONS.register
def home_section(scope, today):
    if not can_read_mentorships(scope):
        return None
    visible = mentorships_visible_to(scope)
    ongoing = visible.filter(status=MentorshipStatus.ONGOING)
    counts = ongoing.aggregate(n=Count("pk"))
    due = FollowUp.objects.filter(
        Q(mentorship__in=ongoing.filter(created_by=scope.actor)) if scope.actor else Q(pk__in=[]),
        done_on__isnull=True,
        due_on__lte=today,
    ).count()
    if not counts["n"] and not due:
        return None
    url = reverse("mentoring:mentorship_list")
    items = []
    if due:
        items.append(
            WorkItem(
                plural(
                    due,
                    "entretien de suivi de parrainage à faire",
                    "entretiens de suivi de parrainage à faire",
                ),
                url,
                count=due,
                urgent=True,
            )
        )
    items.append(
        WorkItem(plural(counts["n"], "parrainage en cours", "parrainages en cours"), url, count=counts["n"])
    )
    return HomeSection(
        "Parrainages", order=38, items=tuple(items), url=url, link_label="Voir les parrainages"
    )
