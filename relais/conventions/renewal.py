"""The next period of a renewed convention: a copy of what the text says, linked to the period it continues."""

import datetime

from relais.conventions.enums import ConventionStatus, OccurrenceKind, OccurrenceStatus, Recurrence
from relais.conventions.models import (
    Axis,
    Commitment,
    Convention,
    ConventionParty,
    ConventionTransition,
    Indicator,
    KeyFigure,
    Referent,
    Statement,
)
from relais.conventions.scheduling import end_from_duration, schedule_convention
from relais.conventions.space import create_default_folders

# What the text says stays the same from one period to the next. Signatories are not copied: they signed the
# original text, and later periods show them as such (see selectors.original_signatories).
COPIED_FIELDS = (
    "title",
    "kind",
    "parent_id",
    "region_id",
    "preamble",
    "duration_months",
    "duration_note",
    "renewal_rule",
    "followup_cadence",
    "followup_note",
    "review_lead_months",
    "steering_committee",
    "deployment",
    "communication",
    "is_incomplete",
    "missing_information",
    "source",
)


def open_next_period(convention: Convention, step) -> dict:
    """The renewal's effect: the next period, logged, scheduled, with the one-off commitments already done."""
    review = convention.occurrences.filter(kind=OccurrenceKind.REVIEW).order_by("-due_date").first()
    actor = step.scope.actor
    nxt = copy_period(convention, review=review, acting_user=actor)
    ConventionTransition.record(
        nxt,
        name="renew",
        to_status=ConventionStatus.ACTIVE,
        by=actor,
        note=f"Nouvelle période ouverte par le renouvellement de la période {convention.period_number}.",
        at=step.now,
    )
    schedule_convention(nxt)
    carry_one_off_realisations(previous=convention, nxt=nxt)
    return {"next_period": nxt.pk}


def copy_period(convention: Convention, *, review, acting_user) -> Convention:
    """Create the next period, starting the day after this one ends; the caller logs, audits and schedules."""
    start = convention.end_date + datetime.timedelta(days=1)
    nxt = Convention.objects.create(
        **{f: getattr(convention, f) for f in COPIED_FIELDS},
        status=ConventionStatus.ACTIVE,
        previous_period=convention,
        renewed_from_review=review,
        period_number=convention.period_number + 1,
        start_date=start,
        end_date=end_from_duration(start, convention.duration_months),
        created_by=acting_user,
    )
    create_default_folders(nxt)
    party_map = {}
    for party in convention.parties.prefetch_related("referents", "key_figures"):
        party_map[party.pk] = new_party = ConventionParty.objects.create(
            convention=nxt,
            organization_id=party.organization_id,
            role=party.role,
            name_in_text=party.name_in_text,
            legal_form=party.legal_form,
            head_office=party.head_office,
            presentation=party.presentation,
            order=party.order,
        )
        Referent.objects.bulk_create(
            Referent(
                party=new_party,
                full_name=r.full_name,
                description=r.description,
                person_id=r.person_id,
                order=r.order,
            )
            for r in party.referents.all()
        )
        KeyFigure.objects.bulk_create(
            KeyFigure(party=new_party, label=f.label, value=f.value, year=f.year, order=f.order)
            for f in party.key_figures.all()
        )
    Statement.objects.bulk_create(
        Statement(convention=nxt, kind=s.kind, text=s.text, details=s.details, order=s.order)
        for s in convention.statements.all()
    )
    for axis in convention.axes.prefetch_related("actions"):
        new_axis = Axis.objects.create(
            convention=nxt, title=axis.title, description=axis.description, order=axis.order
        )
        for action in axis.actions.all():
            nxt.actions.create(axis=new_axis, text=action.text, order=action.order)
    for action in convention.actions.filter(axis__isnull=True):
        nxt.actions.create(text=action.text, order=action.order)
    Indicator.objects.bulk_create(
        Indicator(convention=nxt, label=i.label, code=i.code, order=i.order)
        for i in convention.indicators.all()
    )
    Commitment.objects.bulk_create(
        Commitment(
            convention=nxt,
            party=party_map.get(c.party_id),
            text=c.text,
            recurrence=c.recurrence,
            is_follow_up=c.is_follow_up,
            order=c.order,
        )
        for c in convention.commitments.all()
    )
    return nxt


CARRIED_NOTE = "Réalisé pendant la période"


def carry_one_off_realisations(*, previous: Convention, nxt: Convention) -> None:
    """A one-off commitment done in the previous period (a contact designated...) stays done in the next one."""
    done = {
        (o.commitment.party.organization_id if o.commitment.party_id else None, o.commitment.text): o
        for o in previous.occurrences.filter(
            status=OccurrenceStatus.DONE, commitment__recurrence=Recurrence.ONCE
        ).select_related("commitment__party")
    }
    for occurrence in nxt.occurrences.filter(commitment__recurrence=Recurrence.ONCE).select_related(
        "commitment__party"
    ):
        key = (
            occurrence.commitment.party.organization_id if occurrence.commitment.party_id else None,
            occurrence.commitment.text,
        )
        earlier = done.get(key)
        if earlier is not None:
            occurrence.status = OccurrenceStatus.DONE
            occurrence.done_on = earlier.done_on
            occurrence.done_by = earlier.done_by
            carried = earlier.note.startswith(CARRIED_NOTE)  # done even earlier: keep the original period
            occurrence.note = (
                earlier.note
                if carried
                else (f"{CARRIED_NOTE} {previous.period_number} (le {earlier.done_on:%d/%m/%Y}).")
            )
            occurrence.save(update_fields=["status", "done_on", "done_by", "note", "updated_at"])
