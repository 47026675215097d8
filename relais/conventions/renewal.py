"""The next period of a renewed convention: a copy of what the text says, linked to the period it continues."""

import datetime

from relais.conventions.enums import ConventionStatus
from relais.conventions.models import (
    Axis,
    Commitment,
    Convention,
    ConventionParty,
    Indicator,
    KeyFigure,
    Referent,
    Statement,
)
from relais.conventions.scheduling import end_from_duration

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
