"""Grouped reads of the events held under a convention for the registry's figures (relais/events/providers.py):
five GROUP BY queries shared by every figure of one evaluation, and the breakdowns built from them."""

from django.db.models import Count, Q, Sum

from relais.conventions.figures import (
    choice_breakdown,
    department_breakdown,
    organization_breakdown,
    priority_aggregates,
    priority_counts_of,
    region_breakdown,
)
from relais.conventions.parents import with_declinations
from relais.core.providers import Dimension, shared, wants_breakdowns
from relais.events.enums import Audience, EventKind, EventStatus, ParticipantKind, RegistrationStatus
from relais.events.models import Event, EventOrganizer, Registration
from relais.organizations.enums import PARTNER_KINDS, OrganizationKind

D = Dimension


def activity_of(convention, period) -> dict:
    """What was held under the convention or its declinations (first slot within the period), from five GROUP
    BY queries shared by every figure of one evaluation: per kind, how many events, their anonymous headcount
    and who attended; the events per place and audience; per organising structure; the attendance per
    participant's organisation; the priority publics of the young people present."""

    def compute():
        held = Event.objects.filter(
            convention_id__in=with_declinations(convention), status=EventStatus.HELD
        ).filter(period.q("starts_at"))
        kinds = {
            kind: {"events": n, "headcount": headcount or 0, "staff": 0, "youths": 0}
            for kind, n, headcount in held.order_by()
            .values_list("kind")
            .annotate(n=Count("pk"), headcount=Sum("headcount"))
        }
        present = Registration.objects.filter(event__in=held, status=RegistrationStatus.ATTENDED)
        # One row per person and event; a young person's row stays (youth emptied) once the record is anonymised.
        attendance = list(
            present.order_by()
            .values_list("event__kind", "kind", "organization_id", "organization__kind")
            .annotate(n=Count("pk"))
        )
        for kind, participant, _org, _org_kind, n in attendance:
            kinds[kind]["staff" if participant == ParticipantKind.STAFF else "youths"] += n
        if not wants_breakdowns():  # the splits below only feed the breakdowns
            return {"kinds": kinds, "attendance": attendance, "places": [], "organisers": [], "priority": {}}
        places = list(
            held.order_by()
            .values_list("kind", "audience", "commune__department_id", "commune__department__region_id")
            .annotate(n=Count("pk"))
        )
        organisers = list(
            EventOrganizer.objects.filter(event__in=held)
            .order_by()
            .values_list("event__kind", "organization_id", "organization__kind")
            .annotate(n=Count("event", distinct=True))
        )
        youth_rows = (
            present.filter(kind=ParticipantKind.YOUTH)
            .order_by()
            .values("event__kind")
            .annotate(**priority_aggregates("youths", Q(), "pk", field_prefix="youth__"))
        )
        priority = {row["event__kind"]: priority_counts_of(row, "youths") for row in youth_rows}
        return {
            "kinds": kinds,
            "attendance": attendance,
            "places": places,
            "organisers": organisers,
            "priority": priority,
        }

    return shared(("events.activity", convention.pk, period), compute)


def total(kinds: dict, selected, key: str) -> int:
    return sum(values[key] for kind, values in kinds.items() if kind in selected)


def add(sums: dict, key, n: int) -> None:
    sums[key] = sums.get(key, 0) + n


def event_breakdowns(activity: dict, selected, unit: str) -> tuple:
    by_ml, by_partner, by_department, by_region, by_kind, by_audience = {}, {}, {}, {}, {}, {}
    for kind, org, org_kind, n in activity["organisers"]:
        if kind in selected and org_kind == OrganizationKind.MISSION_LOCALE:
            add(by_ml, org, n)
        elif kind in selected and org_kind in PARTNER_KINDS:
            add(by_partner, org, n)
    for kind, audience, department, region, n in activity["places"]:
        if kind in selected:
            add(by_department, department, n)
            add(by_region, region, n)
            add(by_kind, kind, n)
            add(by_audience, audience, n)
    return (
        organization_breakdown(D.MISSION_LOCALE, by_ml, unit),
        organization_breakdown(D.PARTNER, by_partner, unit),
        department_breakdown(by_department, unit),
        region_breakdown(by_region, unit),
        choice_breakdown(D.KIND, by_kind, EventKind.choices, unit),
        choice_breakdown(D.AUDIENCE, by_audience, Audience.choices, unit),
    )
