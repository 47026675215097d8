"""Daily follow-up work: review due before the end, late items, reminders sent exactly once.

Who is reminded: an upcoming point or review goes to every party (coordinators, directors and named referents
with an account). A late follow-up point or review is the business of the whole partnership: every party is
told. A late commitment goes to the party that owes it (its coordinators, directors and named referents) and to
the coordinators of the other parties, who are its single points of contact; a late common commitment goes to
every party. Every late item gets its late reminder once, however long after its date the job runs.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from relais.conventions.enums import ConventionStatus, OccurrenceKind, OccurrenceStatus, ReminderKind
from relais.conventions.lifecycle import CONVENTION_LIFECYCLE
from relais.conventions.models import Convention, Occurrence, Reminder
from relais.conventions.scheduling import add_months
from relais.conventions.services import convention_url, coordinators, recipients
from relais.core.scope import Scope
from relais.core.tasks import send_email
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


SUBJECTS = {
    ReminderKind.UPCOMING_POINT: "[Relais] Point de suivi le {date} : {title}",
    ReminderKind.UPCOMING_REVIEW: "[Relais] Bilan annuel (COPIL) le {date} : {convention}",
    ReminderKind.LATE: "[Relais] Échéance en retard depuis le {date} : {title}",
}


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


def late_recipients(occurrence) -> list:
    """See the module docstring: the owing party and the other parties' coordinators, or everyone."""
    party = occurrence.commitment.party if occurrence.commitment_id else None
    if occurrence.kind != OccurrenceKind.COMMITMENT or party is None:
        return recipients(occurrence.convention)
    others = [p for p in occurrence.convention.parties.all() if p.pk != party.pk]
    users = set(recipients(occurrence.convention, party)) | set(coordinators(others))
    return sorted(users, key=lambda u: u.email)


def send_reminders(today: datetime.date) -> int:
    """Record then e-mail each reminder; the unique record is what keeps a restart from sending it twice."""
    sent = 0
    for kind, occurrences in reminder_candidates(today):
        for occurrence in occurrences:
            users = (
                late_recipients(occurrence)
                if kind == ReminderKind.LATE
                else recipients(occurrence.convention)
            )
            for user in users:
                with transaction.atomic():
                    _, created = Reminder.objects.get_or_create(
                        occurrence=occurrence, kind=kind, recipient=user
                    )
                    if created:
                        sent += 1
                        _queue_email(occurrence, kind, user)
    return sent


def _queue_email(occurrence, kind, user) -> None:
    subject = SUBJECTS[kind].format(
        date=f"{occurrence.due_date:%d/%m/%Y}", title=occurrence.title, convention=occurrence.convention.title
    )
    body = (
        f"Bonjour,\n\n{ReminderKind(kind).label} pour la convention « {occurrence.convention.title} » :\n"
        f"{occurrence.title} — prévu le {occurrence.due_date:%d/%m/%Y}.\n\n"
        f"Retrouvez le calendrier de suivi sur Relais : {convention_url(occurrence.convention)}\n"
    )
    email = user.email
    transaction.on_commit(lambda: send_email(subject, body, [email]))


def run_daily(today: datetime.date | None = None) -> dict:
    today = today or timezone.localdate()
    moved = mark_due_reviews(today)
    late = mark_late_occurrences(today)
    sent = send_reminders(today)
    return {"review_due": len(moved), "late": late, "reminders": sent}
