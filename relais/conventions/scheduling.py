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
    """Every calendar item the convention's dates, cadence and commitments call for.

    The follow-up cadence is the one source of the follow-up points: when the text makes the point a party's
    commitment ("réaliser un point semestriel"), the points are that commitment's occurrences, dated by the
    cadence. A one-off commitment has one occurrence, on its due date or undated.
    """
    start, end = convention.start_date, convention.end_date
    items = []
    commitments = list(convention.commitments.select_related("party"))
    follow_ups = [c for c in commitments if c.is_follow_up]
    cadence_months = CADENCE_MONTHS.get(convention.followup_cadence)
    if start and end:
        for commitment in commitments:
            months = RECURRENCE_MONTHS.get(commitment.recurrence)
            if commitment.is_follow_up or months is None:
                continue
            for due in window_ends(start, end, months):
                items.append(
                    {
                        "kind": OccurrenceKind.COMMITMENT,
                        "commitment": commitment,
                        "due_date": due,
                        "title": short_title(commitment.text),
                    }
                )
        if cadence_months:
            label = FollowUpCadence(convention.followup_cadence).label
            for due in window_ends(start, end, cadence_months):
                for commitment in follow_ups or [None]:
                    items.append(
                        {
                            "kind": OccurrenceKind.FOLLOW_UP,
                            "commitment": commitment,
                            "due_date": due,
                            "title": label,
                        }
                    )
        if convention.review_lead_months:
            items.append(
                {
                    "kind": OccurrenceKind.REVIEW,
                    "commitment": None,
                    "due_date": add_months(end, -convention.review_lead_months),
                    "title": "Bilan annuel partagé (COPIL)",
                }
            )
    for commitment in commitments:
        if commitment.recurrence == Recurrence.ONCE and not commitment.is_follow_up:
            items.append(
                {
                    "kind": OccurrenceKind.COMMITMENT,
                    "commitment": commitment,
                    "due_date": commitment.due_date,
                    "title": short_title(commitment.text),
                }
            )
    return items


def short_title(text: str, length: int = 120) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def schedule_convention(convention: Convention) -> int:
    """Bring the stored calendar in line with the plan; idempotent. Items already done are never removed.

    A one-off commitment keeps its single occurrence when its date changes. Returns the number of items created.
    """
    wanted = {_key(i["kind"], i["commitment"], i["due_date"]): i for i in planned_items(convention)}
    existing = {
        _key(o.kind, o.commitment, o.due_date): o for o in convention.occurrences.select_related("commitment")
    }
    stale = [
        o.pk
        for key, o in existing.items()
        if key not in wanted and o.status != OccurrenceStatus.DONE and not o.note and not o.document_id
    ]
    if stale:
        Occurrence.objects.filter(pk__in=stale).delete()
    for key, occurrence in existing.items():
        item = wanted.get(key)
        if item is None or occurrence.status == OccurrenceStatus.DONE:
            continue
        changed = [name for name in ("title", "due_date") if getattr(occurrence, name) != item[name]]
        if changed:  # a new cadence label, a one-off commitment dated afterwards
            for name in changed:
                setattr(occurrence, name, item[name])
            occurrence.save(update_fields=[*changed, "updated_at"])
    new = [Occurrence(convention=convention, **item) for key, item in wanted.items() if key not in existing]
    Occurrence.objects.bulk_create(new)
    return len(new)


def _key(kind, commitment, due_date) -> tuple:
    """One-off commitments have one occurrence whatever its date; dated items are keyed by their date."""
    if commitment is None:
        return (kind, None, due_date)
    if commitment.recurrence == Recurrence.ONCE and not commitment.is_follow_up:
        return (kind, commitment.pk, "once")
    return (kind, commitment.pk, due_date)
