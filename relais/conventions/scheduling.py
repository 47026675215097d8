"""The follow-up calendar computed from a convention's dates, cadence and recurring commitments."""

import calendar
import datetime

from relais.conventions.enums import (
    CADENCE_MONTHS,
    RECURRENCE_MONTHS,
    FollowUpCadence,
    OccurrenceKind,
    OccurrenceStatus,
    Recurrence,
)
from relais.conventions.models import Convention, Occurrence

ONE_DAY = datetime.timedelta(days=1)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """Same day `months` later (or earlier), clamped to the end of shorter months."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def end_from_duration(start: datetime.date, months: int) -> datetime.date:
    """One year from 7/11/2024 ends on 6/11/2025: the last day of the period, inclusive."""
    return add_months(start, months) - ONE_DAY


def window_ends(start: datetime.date, end: datetime.date, months: int) -> list[datetime.date]:
    """Due dates of a recurring item: the last day of each window of `months` months within [start, end].

    A half-yearly point in a one-year charter from 7/11/2024 is due by 6/5/2025 and by 6/11/2025.
    """
    dates, k = [], 1
    while True:
        boundary = add_months(start, k * months) - ONE_DAY
        if boundary >= end:
            if not dates or dates[-1] < end:
                dates.append(end)
            return dates
        dates.append(boundary)
        k += 1


def planned_items(convention: Convention) -> list[dict]:
    """Every calendar item the convention's dates, cadence and commitments call for."""
    start, end = convention.start_date, convention.end_date
    items = []
    commitments = list(convention.commitments.select_related("party"))
    if start and end:
        for commitment in commitments:
            months = RECURRENCE_MONTHS.get(commitment.recurrence)
            if months is None:
                continue
            kind = OccurrenceKind.FOLLOW_UP if commitment.is_follow_up else OccurrenceKind.COMMITMENT
            title = short_title(commitment.text)
            if commitment.is_follow_up and convention.followup_cadence in CADENCE_MONTHS:
                title = FollowUpCadence(convention.followup_cadence).label
            for due in window_ends(start, end, months):
                items.append({"kind": kind, "commitment": commitment, "due_date": due, "title": title})
        cadence_months = CADENCE_MONTHS.get(convention.followup_cadence)
        if cadence_months and not any(c.is_follow_up for c in commitments):
            label = FollowUpCadence(convention.followup_cadence).label
            for due in window_ends(start, end, cadence_months):
                items.append({"kind": OccurrenceKind.FOLLOW_UP, "commitment": None, "due_date": due, "title": label})
        if convention.review_lead_months:
            items.append({"kind": OccurrenceKind.REVIEW, "commitment": None,
                          "due_date": add_months(end, -convention.review_lead_months),
                          "title": "Bilan annuel partagé (COPIL)"})
    for commitment in commitments:
        if commitment.recurrence == Recurrence.ONCE and commitment.due_date:
            items.append({"kind": OccurrenceKind.COMMITMENT, "commitment": commitment,
                          "due_date": commitment.due_date, "title": short_title(commitment.text)})
    return items


def short_title(text: str, length: int = 120) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def schedule_convention(convention: Convention) -> int:
    """Bring the stored calendar in line with the plan; idempotent. Items already done are never removed.

    Returns the number of items created.
    """
    wanted = {(i["kind"], i["commitment"].pk if i["commitment"] else None, i["due_date"]): i
              for i in planned_items(convention)}
    existing = {(o.kind, o.commitment_id, o.due_date): o for o in convention.occurrences.all()}
    stale = [o.pk for key, o in existing.items()
             if key not in wanted and o.status != OccurrenceStatus.DONE and not o.note and not o.document_id]
    if stale:
        Occurrence.objects.filter(pk__in=stale).delete()
    new = [Occurrence(convention=convention, **item) for key, item in wanted.items() if key not in existing]
    Occurrence.objects.bulk_create(new)
    return len(new)
