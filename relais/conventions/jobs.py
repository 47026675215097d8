"""Daily follow-up work: review due before the end, late items, reminders sent exactly once.

Who is reminded is each reminder's notification (conventions/notifications.py). Every late item gets its late
reminder once, however long after its date the job runs: the outbox records each reminder under a key naming
the item and the person, so a second run (or a restart) records nothing new.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from relais.conventions.enums import ConventionStatus, OccurrenceKind, OccurrenceStatus, ReminderKind
from relais.conventions.lifecycle import CONVENTION_LIFECYCLE
from relais.conventions.models import Convention, Occurrence
from relais.conventions.notifications import reminder_for
from relais.conventions.scheduling import add_months
from relais.core.notifications import notify
from relais.core.scope import Scope
from relais.core.workflows import apply

POINT_REMINDER_DAYS = 14
REVIEW_REMINDER_DAYS = 30
LIVE = [ConventionStatus.SIGNED, ConventionStatus.ACTIVE, ConventionStatus.REVIEW_DUE]


def review_due_date(convention: Convention) -> datetime.date:
    """The convention's own review lead ("1 mois avant échéance"); without a planned review, the end itself."""
    return add_months(convention.end_date, -(convention.review_lead_months or 0))


def mark_due_reviews(today: datetime.date) -> list[Convention]:
    moved = []
    for convention in Convention.objects.filter(status=ConventionStatus.ACTIVE, end_date__isnull=False):
        if review_due_date(convention) <= today:
            lead = convention.review_lead_months
            when = f"{lead} mois avant l'échéance" if lead else "à l'échéance"
            moved.append(
                apply(
                    CONVENTION_LIFECYCLE,
                    convention,
                    "mark_review_due",
                    scope=Scope.system(),
                    note=f"Passage automatique {when}.",
                )
            )
    return moved


def mark_late_occurrences(today: datetime.date) -> int:
    return Occurrence.objects.filter(
        status=OccurrenceStatus.PLANNED, due_date__lt=today, convention__status__in=LIVE
    ).update(status=OccurrenceStatus.LATE, updated_at=timezone.now())


def reminder_candidates(today: datetime.date):
    live = Occurrence.objects.filter(convention__status__in=LIVE).select_related(
        "convention", "commitment__party"
    )
    yield (
        ReminderKind.UPCOMING_POINT,
        live.filter(
            kind=OccurrenceKind.FOLLOW_UP,
            status=OccurrenceStatus.PLANNED,
            due_date__gte=today,
            due_date__lte=today + datetime.timedelta(days=POINT_REMINDER_DAYS),
        ),
    )
    yield (
        ReminderKind.UPCOMING_REVIEW,
        live.filter(
            kind=OccurrenceKind.REVIEW,
            status=OccurrenceStatus.PLANNED,
            due_date__gte=today,
            due_date__lte=today + datetime.timedelta(days=REVIEW_REMINDER_DAYS),
        ),
    )
    yield ReminderKind.LATE, live.filter(status=OccurrenceStatus.LATE)


def send_reminders(today: datetime.date) -> int:
    """Record each reminder in the outbox (sent after the commit); the key makes each one "once"."""
    sent = 0
    for kind, occurrences in reminder_candidates(today):
        for occurrence in occurrences:
            with transaction.atomic():
                sent += len(notify(reminder_for(kind, occurrence), obj=occurrence, key="once"))
    return sent


def run_daily(today: datetime.date | None = None) -> dict:
    today = today or timezone.localdate()
    moved = mark_due_reviews(today)
    late = mark_late_occurrences(today)
    sent = send_reminders(today)
    return {"review_due": len(moved), "late": late, "reminders": sent}
