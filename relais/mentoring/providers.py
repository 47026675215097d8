"""What the mentoring provides to the young people's records: their page's panel, their last activity for the
retention job, and the erasure of free text when one is anonymised."""

import datetime

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from relais.core.providers import Action
from relais.mentoring.models import FollowUp, Meeting, Mentorship, MentorshipTransition
from relais.mentoring.perms import can_create_mentorships
from relais.mentoring.selectors import mentorships_of_youth
from relais.youths import hooks as youth_hooks


@youth_hooks.DETAIL_PANELS.register
def youth_mentorships_panel(youth, scope) -> youth_hooks.YouthPanel:
    rows = tuple(
        youth_hooks.YouthPanelRow(
            label=f"Parrainage par {m.mentor} ({m.get_status_display().lower()})",
            detail=f"depuis le {m.started_on:%d/%m/%Y}, fin prévue le {m.planned_end_on:%d/%m/%Y}",
            url=reverse("mentoring:mentorship_detail", args=[m.pk]),
        )
        for m in mentorships_of_youth(scope, youth).select_related("mentor__person")
    )
    action = None
    if can_create_mentorships(scope):
        action = Action(
            "Proposer un parrainage", reverse("mentoring:mentorship_create") + f"?jeune={youth.pk}"
        )
    return youth_hooks.YouthPanel(title="Parrainages", rows=rows, empty="Aucun parrainage.", action=action)


def _midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


@youth_hooks.LAST_ACTIVITY.register
def youths_last_mentoring_activity(youth_ids: list[int]) -> dict:
    """The latest start, end or meeting of each young person's mentorships (retention)."""
    latest: dict = {}
    rows = (
        Mentorship.objects.filter(youth_id__in=youth_ids)
        .values("youth_id")
        .annotate(started=Max("started_on"), ended=Max("ended_on"), met=Max("meetings__held_on"))
        .order_by()
    )
    for row in rows:
        days = [row[key] for key in ("started", "ended", "met") if row[key] is not None]
        if days:
            latest[row["youth_id"]] = _midnight(max(days))
    return latest


@youth_hooks.ON_ANONYMISE.register
def erase_mentoring_free_text(youth) -> None:
    """Goals, meeting and follow-up notes may name the young person: erased, the countable facts kept."""
    mentorships = Mentorship.objects.filter(youth=youth)
    MentorshipTransition.objects.filter(mentorship__in=mentorships).exclude(note="").update(note="")
    Meeting.objects.filter(mentorship__in=mentorships).exclude(note="").update(note="")
    FollowUp.objects.filter(mentorship__in=mentorships).exclude(note="").update(note="")
    mentorships.exclude(goals="").update(goals="")
