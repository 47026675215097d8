"""Writes after the event: attendance in bulk, the outcome note, the anonymous headcount, documents."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from relais.conventions.uploads import stored_document
from relais.core.scope import Scope
from relais.core.services import audit
from relais.core.workflows import apply
from relais.events.enums import EventStatus
from relais.events.enums import RegistrationStatus as R
from relais.events.lifecycle import REGISTRATION_LIFECYCLE
from relais.events.models import Event, EventDocument, EventError
from relais.events.perms import can_manage

# The statuses attendance moves between (a correction may move a row back and forth).
ATTENDANCE_SOURCES = {R.REGISTERED, R.WAITLISTED, R.EXCUSED, R.NO_SHOW, R.ATTENDED}
KEPT_WHEN_ABSENT = {R.WAITLISTED, R.EXCUSED}


def _check(scope: Scope, event: Event) -> Event:
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not can_manage(scope, event):
        raise PermissionDenied("Seules les structures qui organisent l'événement enregistrent les présences.")
    if event.status in {EventStatus.DRAFT, EventStatus.CANCELLED}:
        raise EventError("Un brouillon ou un événement annulé n'a pas de présences.")
    return event


@transaction.atomic
def attendance_record(
    *,
    event: Event,
    scope: Scope,
    present_ids,
    absent_ids=None,
    action: str = "event.attendance",
    **details,
) -> dict:
    """Mark the listed registrations present and the others absent; all or nothing.

    Without `absent_ids` (the checklist) every other expected registration is marked absent; with it (a
    sign-in sheet) only the listed ones change. Returns the counts; raises ValidationError when an id is not
    a registration of this event that attendance applies to.
    """
    event = _check(scope, event)
    rows = {
        r.pk: r for r in event.registrations.filter(status__in=ATTENDANCE_SOURCES).select_related("event")
    }
    present = set(present_ids)
    absent = set(rows) - present if absent_ids is None else set(absent_ids) - present
    if (present | absent) - set(rows):
        raise ValidationError("Certaines personnes cochées ne sont pas inscrites à cet événement.")
    counts = {"attended": 0, "no_show": 0, "unchanged": 0}
    for pk in sorted(present | absent):
        registration = rows[pk]
        target = R.ATTENDED if pk in present else R.NO_SHOW
        # An excused absence stays excused (it says more than "absent"); a waitlisted person was never expected.
        if registration.status == target or (target == R.NO_SHOW and registration.status in KEPT_WHEN_ABSENT):
            counts["unchanged"] += 1
            continue
        apply(
            REGISTRATION_LIFECYCLE, registration, "attend" if target == R.ATTENDED else "no_show", scope=scope
        )
        counts["attended" if target == R.ATTENDED else "no_show"] += 1
    event.attendance_recorded_at = timezone.now()
    event.save(update_fields=["attendance_recorded_at", "updated_at"])
    audit(actor=scope.actor, action=action, obj=event, **counts, **details)
    return counts


@transaction.atomic
def event_outcome_set(*, event: Event, scope: Scope, outcome: str, headcount: int | None) -> Event:
    event = _check(scope, event)
    changed = []
    if outcome != event.outcome:
        event.outcome, event.outcome_at = outcome, timezone.now()
        changed += ["outcome", "outcome_at"]
    if headcount != event.headcount:
        event.headcount = headcount
        changed.append("headcount")
    if changed:
        event.save(update_fields=[*changed, "updated_at"])
        if "outcome" in changed:
            audit(actor=scope.actor, action="event.outcome", obj=event, length=len(outcome))
        if "headcount" in changed:
            audit(actor=scope.actor, action="event.headcount", obj=event, headcount=headcount)
    return event


@transaction.atomic
def event_document_upload(
    *, event: Event, scope: Scope, uploaded_file, title: str, kind: str
) -> EventDocument:
    """Check the upload by its content, write it to private storage, then save its row (no orphan file)."""
    if not can_manage(scope, event):
        raise PermissionDenied
    with stored_document(
        EventDocument, uploaded_file=uploaded_file, scope=scope, title=title, event=event, kind=kind
    ) as (document, content, _):
        audit(
            actor=scope.actor,
            action="event.document_upload",
            obj=event,
            document=document.pk,
            size=len(content),
        )
    return document


@transaction.atomic
def event_document_remove(*, document: EventDocument, scope: Scope) -> None:
    if not can_manage(scope, document.event):
        raise PermissionDenied
    audit(actor=scope.actor, action="event.document_remove", obj=document.event, document=document.pk)
    stored = document.file
    document.delete()
    transaction.on_commit(lambda: stored.delete(save=False))
