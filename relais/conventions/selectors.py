"""Reads of conventions, always scoped to what the acting Scope may see."""

import datetime

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from relais.conventions.enums import KIND_LEVEL, ConventionStatus, OccurrenceStatus
from relais.conventions.models import (
    Commitment,
    Convention,
    ConventionParty,
    ConventionTransition,
    Occurrence,
    Referent,
    Signatory,
)
from relais.conventions.notifications import REMINDER_KIND_OF
from relais.core.notifications import OutboxEmail
from relais.core.scope import Scope
from relais.organizations.enums import OrganizationKind

EXPIRING_SOON_DAYS = 90
LIVE_STATUSES = {ConventionStatus.SIGNED, ConventionStatus.ACTIVE, ConventionStatus.REVIEW_DUE}


def conventions_visible_to(scope: Scope) -> QuerySet[Convention]:
    """Conventions with a party among the principal's organisations and those above them, and what observers read."""
    if not scope.is_authenticated:
        return Convention.objects.none()
    if scope.is_platform:
        return Convention.objects.all()
    condition = Q(parties__organization_id__in=scope.party_ids)
    if scope.observer_national:
        condition |= Q(pk__isnull=False)
    elif scope.observer_region_ids:
        condition |= Q(region_id__in=scope.observer_region_ids) | Q(region__isnull=True)
    return Convention.objects.filter(pk__in=Convention.objects.filter(condition).values("pk"))


def convention_for(scope: Scope, pk: int) -> Convention:
    """The convention with everything its page shows; 404 outside the principal's scope."""
    queryset = (
        conventions_visible_to(scope)
        .select_related("region", "parent", "previous_period", "created_by")
        .prefetch_related(
            Prefetch(
                "parties",
                queryset=ConventionParty.objects.select_related("organization").prefetch_related(
                    "key_figures",
                    Prefetch("referents", queryset=Referent.objects.select_related("person")),
                    Prefetch("commitments", queryset=Commitment.objects.prefetch_related("occurrences")),
                ),
            ),
            "signatories__party__organization",
            "statements",
            "axes__actions",
            "actions",
            "indicators",
            Prefetch(
                "commitments",
                queryset=Commitment.objects.filter(party__isnull=True).prefetch_related("occurrences"),
                to_attr="common_commitments",
            ),
            Prefetch(
                "occurrences",
                queryset=Occurrence.objects.select_related("commitment__party", "document", "done_by"),
            ),
            "documents",
            Prefetch("transitions", queryset=ConventionTransition.objects.select_related("by")),
            "children",
        )
    )
    try:
        return queryset.get(pk=pk)
    except Convention.DoesNotExist:
        raise Http404("Convention introuvable.") from None


def filter_conventions(
    queryset,
    *,
    kind="",
    region_code="",
    network_id=None,
    status="",
    expiring_soon=False,
    query="",
    today=None,
):
    today = today or timezone.localdate()
    if kind:
        queryset = queryset.filter(kind=kind)
    if region_code == "national":
        queryset = queryset.filter(region__isnull=True)
    elif region_code:
        queryset = queryset.filter(region__code=region_code)
    if network_id:
        queryset = queryset.filter(
            Q(parties__organization_id=network_id) | Q(parties__organization__parent_id=network_id)
        ).distinct()
    if status:
        queryset = queryset.filter(status=status)
    if expiring_soon:
        queryset = queryset.filter(
            status__in=LIVE_STATUSES,
            end_date__gte=today,
            end_date__lte=today + datetime.timedelta(days=EXPIRING_SOON_DAYS),
        )
    if query:
        queryset = queryset.filter(
            Q(title__icontains=query)
            | Q(parties__organization__name__icontains=query)
            | Q(parties__name_in_text__icontains=query)
        ).distinct()
    return queryset


def convention_rows(queryset) -> QuerySet[Convention]:
    return (
        queryset.select_related("region", "parent")
        .prefetch_related(
            Prefetch("parties", queryset=ConventionParty.objects.select_related("organization"))
        )
        .order_by("title", "period_number")
    )


def tree_places(queryset) -> list[tuple]:
    """Every row's place in the list's tree order, as (narrow row, depth), from one narrow query.

    The periods of one convention are one row: its latest period, the earlier ones folded under it (their
    declinations hang under the latest). The tree order needs each row's id, parent, kind, title and period;
    the conventions themselves are fetched by `with_conventions` for the rows of one page only.
    """
    rows = list(
        queryset.values_list(
            "pk", "parent_id", "kind", "title", "period_number", "previous_period_id", named=True
        )
    )
    next_of = {row.previous_period_id: row.pk for row in rows if row.previous_period_id}

    def latest(pk):
        seen = set()
        while pk in next_of and pk not in seen:
            seen.add(pk)
            pk = next_of[pk]
        return pk

    kept = [
        row._replace(parent_id=latest(row.parent_id) if row.parent_id else None)
        for row in rows
        if row.pk not in next_of
    ]
    return hierarchy(kept)


def earlier_periods(convention_ids) -> dict[int, list[Convention]]:
    """For each convention, its earlier periods, latest first: one query per period back (a convention renewed
    every year has a handful), whatever the number of conventions."""
    found: dict[int, list[Convention]] = {pk: [] for pk in convention_ids}
    frontier = dict(
        Convention.objects.filter(pk__in=list(convention_ids), previous_period__isnull=False).values_list(
            "previous_period_id", "pk"
        )
    )
    while frontier:
        following = {}
        for row in Convention.objects.filter(pk__in=list(frontier)).only(
            "pk", "title", "period_number", "start_date", "end_date", "status", "previous_period_id"
        ):
            latest = frontier[row.pk]
            found[latest].append(row)
            if row.previous_period_id and row.previous_period_id not in frontier:
                following[row.previous_period_id] = latest
        frontier = following
    for periods in found.values():
        periods.sort(key=lambda period: -period.period_number)
    return found


def with_conventions(places) -> list[tuple[Convention, int, list[Convention]]]:
    """(convention, depth, earlier periods) for these places, loaded with what the list shows."""
    places = list(places)
    by_pk = convention_rows(Convention.objects.filter(pk__in=[place.pk for place, _ in places])).in_bulk()
    earlier = earlier_periods([place.pk for place, _ in places])
    return [(by_pk[place.pk], depth, earlier[place.pk]) for place, depth in places]


def hierarchy(conventions) -> list[tuple[Convention, int]]:
    """Order a list of conventions as a tree (national → regional → local) with a depth for indentation.

    Every convention is listed once, even one whose parents loop (which the services refuse, but older rows
    may hold): what the walk from the roots does not reach is listed as a root. Anything with the
    convention's pk, parent_id, kind, title and period_number will do (tree_places passes narrow rows).
    """
    by_id = {c.pk: c for c in conventions}
    children: dict = {}
    roots = []
    for convention in conventions:
        if convention.parent_id in by_id and convention.parent_id != convention.pk:
            children.setdefault(convention.parent_id, []).append(convention)
        else:
            roots.append(convention)

    def order(c):
        return (KIND_LEVEL.get(c.kind, 1), c.title, c.period_number)

    rows, seen = [], set()

    def walk(node, depth):
        if node.pk in seen:
            return
        seen.add(node.pk)
        rows.append((node, depth))
        for child in sorted(children.get(node.pk, []), key=lambda c: (c.title, c.period_number)):
            walk(child, depth + 1)

    for root in sorted(roots, key=order):
        walk(root, 0)
    for convention in sorted(conventions, key=order):
        walk(convention, 0)
    return rows


def partner_networks(scope: Scope) -> QuerySet:
    """Organisations offered in the "partner network" filter: parties of the conventions the principal sees."""
    from relais.organizations.models import Organization

    return (
        Organization.objects.filter(convention_parties__convention__in=conventions_visible_to(scope))
        .exclude(kind=OrganizationKind.MISSION_LOCALE)
        .distinct()
        .order_by("name")
    )


def my_occurrences(scope: Scope) -> QuerySet[Occurrence]:
    """Calendar items of the conventions the principal coordinates or is a named referent of."""
    if not scope.is_authenticated:
        return Occurrence.objects.none()
    condition = Q(convention__parties__organization_id__in=scope.editor_ids)
    if scope.person_id is not None:
        condition |= Q(convention__parties__referents__person_id=scope.person_id)
    visible = conventions_visible_to(scope)
    return (
        Occurrence.objects.filter(condition, convention__in=visible)
        .exclude(
            convention__status__in=[
                ConventionStatus.CANCELLED,
                ConventionStatus.ENDED,
                ConventionStatus.RENEWED,
            ]
        )
        .select_related("convention", "commitment__party__organization")
        .distinct()
        .order_by("due_date", "pk")
    )


def occurrences_due(scope: Scope, *, today=None, horizon_days=60):
    today = today or timezone.localdate()
    items = my_occurrences(scope)
    late = items.filter(
        Q(status=OccurrenceStatus.LATE) | Q(status=OccurrenceStatus.PLANNED, due_date__lt=today)
    )
    upcoming = items.filter(
        status=OccurrenceStatus.PLANNED,
        due_date__gte=today,
        due_date__lte=today + datetime.timedelta(days=horizon_days),
    )
    return late, upcoming


def reminders(*, convention=None, occurrence=None, kind: str | None = None) -> QuerySet[OutboxEmail]:
    """The reminders of the follow-up calendar recorded in the outbox (one row per item and person)."""
    codes = [
        code for code, reminder_kind in REMINDER_KIND_OF.items() if kind is None or reminder_kind == kind
    ]
    rows = OutboxEmail.objects.filter(code__in=codes, object_type="conventions.occurrence")
    if occurrence is not None:
        rows = rows.filter(object_id=occurrence.pk)
    if convention is not None:
        rows = rows.filter(object_id__in=Occurrence.objects.filter(convention=convention).values("pk"))
    return rows.exclude(status=OutboxEmail.Status.SKIPPED).select_related("recipient")


def reminders_of(convention) -> QuerySet[OutboxEmail]:
    return reminders(convention=convention)


def reminder_lines(convention, *, with_recipients: bool, limit: int = 50) -> list[dict]:
    """The reminders sent for a convention; only its coordinators see to whom (names and e-mails).

    Other readers see what was reminded and when, one line per reminder whatever the number of recipients.
    """
    occurrences = Occurrence.objects.filter(convention=convention).in_bulk()
    lines: dict = {}
    for reminder in reminders_of(convention):
        occurrence = occurrences.get(reminder.object_id)
        if occurrence is None:
            continue
        kind = REMINDER_KIND_OF[reminder.code]
        key = (reminder.pk,) if with_recipients else (reminder.created_at.date(), kind, reminder.object_id)
        line = lines.setdefault(
            key,
            {
                "sent_at": reminder.sent_at or reminder.created_at,
                "kind": kind.label,
                "occurrence": occurrence,
                "recipients": [],
            },
        )
        if with_recipients:
            line["recipients"].append(reminder.recipient)
        if len(lines) > limit:
            break
    return list(lines.values())[:limit]


def first_period(convention) -> Convention:
    """The period whose text was signed: the first of the chain of renewals."""
    current, seen = convention, {convention.pk}
    while current.previous_period_id and current.previous_period_id not in seen:
        seen.add(current.previous_period_id)
        current = Convention.objects.only("pk", "previous_period_id", "period_number").get(
            pk=current.previous_period_id
        )
    return current


def original_signatories(convention) -> list[Signatory]:
    """Who signed (or attended the signature of) the original text, shown on every later period."""
    if convention.period_number <= 1 or not convention.previous_period_id:
        return []
    return list(Signatory.objects.filter(convention=first_period(convention)).select_related("party"))
