"""Reads of mentors and mentorships, scoped to the acting Scope, and what a reader may see of the young person."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.urls import reverse

from relais.core.scope import Scope
from relais.mentoring.enums import MentorshipKind, MentorshipStatus
from relais.mentoring.models import ANONYMISED_YOUTH, FollowUp, Meeting, Mentor, Mentorship
from relais.mentoring.perms import supervisor_ids
from relais.positionings.facts import FLAG_FIELDS

S = MentorshipStatus
MENTOR_RELATED = ("person", "supervisor", "employer")
MENTORSHIP_RELATED = (
    "mentor__person",
    "mentor__supervisor",
    "youth",
    "mission_locale",
    "convention",
    "axis",
    "contract_type",
)


# ---- mentors ------------------------------------------------------------------------------------------------


def mentors_visible_to(scope: Scope) -> QuerySet[Mentor]:
    """Mission Locale staff read every mentor (they choose one for a young person); structures read theirs."""
    if scope.is_platform:
        return Mentor.objects.all()
    if scope.aggregates_only or not scope.is_authenticated:
        return Mentor.objects.none()
    if scope.mission_locale_ids:
        return Mentor.objects.all()
    return Mentor.objects.filter(supervisor_id__in=supervisor_ids(scope))


def mentor_for_user(scope: Scope, pk) -> Mentor:
    try:
        return (
            mentors_visible_to(scope)
            .select_related(*MENTOR_RELATED)
            .prefetch_related("rome_families", "departments")
            .get(pk=pk)
        )
    except (Mentor.DoesNotExist, ValueError, TypeError):
        raise Http404("Ce parrain n'existe pas ou ne vous est pas accessible.") from None


def mentor_list(
    scope: Scope, *, supervisor_id: int | None = None, rome_family: str = "", department_id: int | None = None
) -> QuerySet[Mentor]:
    qs = mentors_visible_to(scope)
    if supervisor_id:
        qs = qs.filter(supervisor_id=supervisor_id)
    rome_family = rome_family.strip().upper()
    if rome_family:
        # Subqueries rather than joins keep one row per mentor without DISTINCT.
        through = Mentor.rome_families.through
        qs = qs.filter(pk__in=through.objects.filter(romefamily__code=rome_family).values("mentor_id"))
    if department_id:
        through = Mentor.departments.through
        qs = qs.filter(pk__in=through.objects.filter(department_id=department_id).values("mentor_id"))
    return (
        qs.select_related(*MENTOR_RELATED)
        .prefetch_related("rome_families", "departments")
        .annotate(ongoing=Count("mentorships", filter=Q(mentorships__status=S.ONGOING)))
        .order_by("person__last_name", "person__first_name", "pk")
    )


def mentor_supervisors(scope: Scope):
    """The structures whose mentors appear in the principal's list (the filter's choices)."""
    from relais.organizations.models import Organization

    ids = mentors_visible_to(scope).values("supervisor_id")
    return Organization.objects.filter(pk__in=ids).order_by("name")


# ---- mentorships --------------------------------------------------------------------------------------------


def mentorships_visible_to(scope: Scope) -> QuerySet[Mentorship]:
    """The Mission Locale's staff read its mentorships; a structure reads those of the mentors it supervises."""
    if scope.is_system:
        return Mentorship.objects.all()
    if not scope.is_authenticated or scope.aggregates_only:
        return Mentorship.objects.none()
    condition = Q(pk__in=[])
    if scope.mission_locale_ids:
        condition |= Q(mission_locale_id__in=scope.mission_locale_ids)
    supervised = supervisor_ids(scope)
    if supervised:
        condition |= Q(mentor__supervisor_id__in=supervised)
    return Mentorship.objects.filter(condition)


def mentorship_for_user(scope: Scope, pk) -> Mentorship:
    try:
        return (
            mentorships_visible_to(scope)
            .select_related(*MENTORSHIP_RELATED, "youth__mission_locale", "created_by")
            .get(pk=pk)
        )
    except (Mentorship.DoesNotExist, ValueError, TypeError):
        raise Http404("Ce parrainage n'existe pas ou ne vous est pas accessible.") from None


def mentorship_list(
    scope: Scope, *, status: str = "", convention_id: int | None = None, mentor_id: int | None = None
) -> QuerySet[Mentorship]:
    qs = mentorships_visible_to(scope)
    if mentor_id:
        qs = qs.filter(mentor_id=mentor_id)
    if status in S.values:
        qs = qs.filter(status=status)
    if convention_id:
        qs = qs.filter(convention_id=convention_id)
    return qs.select_related(*MENTORSHIP_RELATED).order_by("-started_on", "-pk")


def mentorships_of_youth(scope: Scope, youth) -> QuerySet[Mentorship]:
    return mentorships_visible_to(scope).filter(youth=youth).select_related(*MENTORSHIP_RELATED)


def meetings_of(mentorship: Mentorship) -> QuerySet[Meeting]:
    return mentorship.meetings.select_related("recorded_by").order_by("-held_on", "-pk")


def follow_ups_of(mentorship: Mentorship) -> QuerySet[FollowUp]:
    return mentorship.follow_ups.select_related("done_by").order_by("due_on", "pk")


def transitions_of(mentorship: Mentorship):
    return mentorship.transitions.select_related("by").order_by("at", "pk")


# ---- what a reader sees of the young person ------------------------------------------------------------------


@dataclass(frozen=True)
class MentoredView:
    """Who is mentored, as this reader may see it; `youth_id` is set when their name is shown (access log)."""

    label: str
    youth_id: int | None = None
    url: str = ""
    # Whether the notes (meetings, history) may be shown: they may name the young person.
    notes_shown: bool = True


def mentored_view(scope: Scope, mentorship: Mentorship) -> MentoredView:
    """The Mission Locale's staff see the name; the supervising structure only when consent covers sharing.

    Otherwise the structure reads "Jeune suivi par <Mission Locale>", like a partner whose candidate withdrew
    consent (relais.youths.selectors.partner_view).
    """
    if mentorship.kind == MentorshipKind.GROUP:
        size = f" ({mentorship.group_size} jeunes)" if mentorship.group_size else ""
        return MentoredView(f"{mentorship.group_label or 'Groupe'}{size}")
    youth = mentorship.youth
    if youth is None:
        return MentoredView(ANONYMISED_YOUTH, notes_shown=False)
    name = f"{youth.first_name} {youth.last_name.upper()}"
    if mentorship.mission_locale_id in scope.mission_locale_ids:
        return MentoredView(name, youth.pk, reverse("youths:detail", args=[youth.pk]))
    if youth.sharing_allowed():
        return MentoredView(name, youth.pk)
    return MentoredView(f"Jeune suivi par {mentorship.mission_locale}", notes_shown=False)


@dataclass(frozen=True)
class MentorshipRow:
    mentorship: Mentorship
    mentored: MentoredView


def mentorship_rows(scope: Scope, mentorships) -> list[MentorshipRow]:
    return [MentorshipRow(m, mentored_view(scope, m)) for m in mentorships]


# ---- counts for the annual review ---------------------------------------------------------------------------


def _count_expressions() -> dict:
    return {
        "started": Count("pk"),
        "ongoing": Count("pk", filter=Q(status=S.ONGOING)),
        "broken_early": Count("pk", filter=Q(status=S.ENDED, broken_early=True)),
        **{field: Count("pk", filter=Q(**{field: True})) for field in FLAG_FIELDS.values()},
    }


def mentorship_counts(qs: QuerySet[Mentorship]) -> dict:
    """Started, ongoing and broken before six months, with priority publics, in one query (no youth read).

    Pass any queryset (of a Mission Locale, a department, a period of start dates); cancelled rows are left out.
    """
    return qs.exclude(status=S.CANCELLED).aggregate(**_count_expressions())


def mentorship_counts_by(qs: QuerySet[Mentorship], key: str) -> dict:
    """The same counts per Mission Locale (`key="mission_locale"`) or per department, in one query."""
    if key not in ("mission_locale", "department"):
        raise ValueError(key)
    rows = (
        qs.exclude(status=S.CANCELLED)
        .values(f"{key}_id")
        .annotate(**_count_expressions())
        .order_by(f"{key}_id")
    )
    return {row.pop(f"{key}_id"): row for row in rows}
