"""Writes of mentors (the supervising structure's staff) and of mentorships' creation, meetings and follow-ups.

The end and the cancellation of a mentorship are moves of relais/mentoring/lifecycle.py.
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from relais.conventions.enums import ConventionStatus
from relais.conventions.models import Axis, Convention
from relais.conventions.scheduling import add_months
from relais.core.notifications import notify
from relais.core.scope import Scope
from relais.core.services import audit
from relais.jobs.models import RomeFamily
from relais.mentoring.enums import (
    DEFAULT_MONTHS,
    FollowUpKind,
    MentorshipKind,
    MentorshipStatus,
    WorkingStatus,
)
from relais.mentoring.models import (
    MISSION_LOCALE,
    SUPERVISOR,
    FollowUp,
    Meeting,
    Mentor,
    MentoringError,
    Mentorship,
    MentorshipTransition,
)
from relais.mentoring.perms import actor_roles, supervisor_ids
from relais.opportunities.selectors import conventions_for_publisher
from relais.organizations.models import SIRET_INVALID, Organization, Person, is_valid_siret
from relais.positionings.facts import countable_facts_of
from relais.territories.models import Department
from relais.youths.models import Youth

S = MentorshipStatus
MAX_DAYS_AHEAD = 366
PERSON_FIELDS = ("first_name", "last_name", "email", "phone")
MENTOR_FIELDS = ("employer", "employer_name", "employer_siret", "working_status", "is_ambassador")
MENTOR_FIELDS += ("charter_accepted_on",)


# ---- mentors ------------------------------------------------------------------------------------------------


def _check_mentor_values(values: dict) -> dict:
    errors = {}
    values["employer_siret"] = "".join((values.get("employer_siret") or "").split())
    if values["employer_siret"] and not is_valid_siret(values["employer_siret"]):
        errors["employer_siret"] = SIRET_INVALID
    if values.get("working_status", WorkingStatus.ACTIVE) not in WorkingStatus.values:
        errors["working_status"] = "Choisissez une situation dans la liste."
    for name in ("first_name", "last_name"):
        values[name] = (values.get(name) or "").strip()
        if not values[name]:
            errors[name] = "Ce champ est obligatoire."
    if "employer" not in values:
        # A SIRET the directory knows links the mentor to that organisation's record.
        siret = values["employer_siret"]
        values["employer"] = (
            Organization.objects.filter(siret=siret).first() if siret and not errors else None
        )
    charter = values.get("charter_accepted_on")
    if charter is not None and charter > timezone.localdate():
        errors["charter_accepted_on"] = "La charte ne peut pas être acceptée à une date future."
    if errors:
        raise ValidationError(errors)
    return values


def _check_supervisor(scope: Scope, supervisor: Organization) -> None:
    if supervisor.pk not in supervisor_ids(scope):
        raise PermissionDenied("Vous ne gérez pas les parrains de cette structure.")


@transaction.atomic
def mentor_create(
    *,
    scope: Scope,
    supervisor: Organization,
    rome_families: Iterable[RomeFamily] = (),
    departments: Iterable[Department] = (),
    **fields,
) -> Mentor:
    """The supervising structure's staff record a mentor: the person, their employer, trades and territory."""
    _check_supervisor(scope, supervisor)
    unknown = set(fields) - set(PERSON_FIELDS) - set(MENTOR_FIELDS)
    if unknown:
        raise TypeError(f"Unexpected fields: {sorted(unknown)}")
    values = _check_mentor_values(dict(fields))
    person = Person.objects.create(**{name: values.get(name) or "" for name in PERSON_FIELDS})
    mentor = Mentor.objects.create(
        person=person,
        supervisor=supervisor,
        **{name: values[name] for name in MENTOR_FIELDS if name in values},
    )
    mentor.rome_families.set(list(rome_families))
    mentor.departments.set(list(departments))
    audit(actor=scope.actor, action="mentor.create", obj=mentor, supervisor=supervisor.pk)
    return mentor


@transaction.atomic
def mentor_update(
    *,
    scope: Scope,
    mentor: Mentor,
    supervisor: Organization,
    rome_families: Iterable[RomeFamily] = (),
    departments: Iterable[Department] = (),
    **fields,
) -> Mentor:
    _check_supervisor(scope, mentor.supervisor)
    _check_supervisor(scope, supervisor)
    unknown = set(fields) - set(PERSON_FIELDS) - set(MENTOR_FIELDS)
    if unknown:
        raise TypeError(f"Unexpected fields: {sorted(unknown)}")
    values = _check_mentor_values(dict(fields))
    person = mentor.person
    person_changed = [n for n in PERSON_FIELDS if n in values and getattr(person, n) != (values[n] or "")]
    for name in person_changed:
        setattr(person, name, values[name] or "")
    if person_changed:
        person.save(update_fields=person_changed)
    changed = [n for n in MENTOR_FIELDS if n in values and getattr(mentor, n) != values[n]]
    for name in changed:
        setattr(mentor, name, values[name])
    if supervisor.pk != mentor.supervisor_id:
        mentor.supervisor = supervisor
        changed.append("supervisor")
    if changed:
        mentor.save(update_fields=changed)
    mentor.rome_families.set(list(rome_families))
    mentor.departments.set(list(departments))
    audit(actor=scope.actor, action="mentor.update", obj=mentor, fields=sorted(person_changed + changed))
    return mentor


# ---- mentorships --------------------------------------------------------------------------------------------


def conventions_of(organization: Organization):
    """Conventions a mentorship of this Mission Locale may be under: those it (or its network) is party to, and
    the local conventions declining them, drafts aside."""
    return conventions_for_publisher(organization).exclude(status=ConventionStatus.DRAFT)


def follow_up_dates(started_on: datetime.date, planned_end_on: datetime.date) -> dict[str, datetime.date]:
    one_month = min(add_months(started_on, 1), planned_end_on)
    midway = started_on + (planned_end_on - started_on) / 2
    return {FollowUpKind.ONE_MONTH: one_month, FollowUpKind.MIDWAY: midway, FollowUpKind.END: planned_end_on}


def _department_of(youth: Youth | None, mission_locale: Organization) -> Department | None:
    if youth is not None:
        return youth.commune.department
    departments = list(mission_locale.departments.all()[:2])
    return departments[0] if len(departments) == 1 else None


def _check_dates(started_on: datetime.date, planned_end_on: datetime.date) -> None:
    today = timezone.localdate()
    errors = {}
    if started_on > today + datetime.timedelta(days=MAX_DAYS_AHEAD):
        errors["started_on"] = f"Le début ({started_on:%d/%m/%Y}) est à plus d'un an : vérifiez-le."
    elif started_on < add_months(today, -24):
        errors["started_on"] = f"Le début ({started_on:%d/%m/%Y}) remonte à plus de deux ans : vérifiez-le."
    if planned_end_on <= started_on:
        errors["planned_end_on"] = "La fin prévue doit suivre le début du parrainage."
    elif planned_end_on > add_months(started_on, 24):
        errors["planned_end_on"] = "Un parrainage dure au plus deux ans : vérifiez la fin prévue."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def mentorship_create(
    *,
    scope: Scope,
    mentor: Mentor,
    convention: Convention,
    started_on: datetime.date,
    youth: Youth | None = None,
    mission_locale: Organization | None = None,
    group_label: str = "",
    group_size: int | None = None,
    axis: Axis | None = None,
    goals: str = "",
    planned_end_on: datetime.date | None = None,
) -> Mentorship:
    """A Mission Locale's staff pair a mentor with one of its young people, or with one of its groups."""
    if youth is not None:
        mission_locale = youth.mission_locale
    if mission_locale is None or mission_locale.pk not in scope.mission_locale_ids:
        raise PermissionDenied("Vous ne suivez pas les jeunes de cette Mission Locale.")
    if youth is not None and youth.is_archived:
        raise MentoringError("Ce jeune est archivé : il ne peut pas être parrainé.")
    group_label = (group_label or "").strip()
    if youth is None and not group_label:
        raise ValidationError({"group_label": "Nommez le groupe parrainé (la cohorte CEJ…)."})
    if not conventions_of(mission_locale).filter(pk=convention.pk).exists():
        raise ValidationError({"convention": "Votre Mission Locale n'est pas partie à cette convention."})
    if axis is not None and axis.convention_id != convention.pk:
        raise ValidationError({"axis": "Cet axe n'est pas un axe de la convention choisie."})
    planned_end_on = planned_end_on or add_months(started_on, DEFAULT_MONTHS)
    _check_dates(started_on, planned_end_on)
    if youth is not None:
        facts = countable_facts_of(youth)
    else:
        # A CEJ cohort: its young people are CEJ beneficiaries; nobody's record is kept.
        facts = {"mission_locale_id": mission_locale.pk, "youth_cej_beneficiary": True}
    mentorship = Mentorship.objects.create(
        mentor=mentor,
        kind=MentorshipKind.INDIVIDUAL if youth is not None else MentorshipKind.GROUP,
        youth=youth,
        group_label=group_label if youth is None else "",
        group_size=group_size if youth is None else None,
        convention=convention,
        axis=axis,
        goals=(goals or "").strip(),
        status=S.ONGOING,
        started_on=started_on,
        planned_end_on=planned_end_on,
        created_by=scope.actor,
        department=_department_of(youth, mission_locale),
        **facts,
    )
    FollowUp.objects.bulk_create(
        FollowUp(mentorship=mentorship, kind=kind, due_on=due_on)
        for kind, due_on in follow_up_dates(started_on, planned_end_on).items()
    )
    MentorshipTransition.record(mentorship, name="create", to_status=S.ONGOING, by=scope.actor)
    audit(
        actor=scope.actor,
        action="mentorship.create",
        obj=mentorship,
        mentor=mentor.pk,
        youth=youth.pk if youth is not None else None,
        convention=convention.pk,
    )
    return mentorship


def _check_role(scope: Scope, mentorship: Mentorship, roles: set[str]) -> None:
    if not actor_roles(scope, mentorship) & roles:
        raise PermissionDenied("Vous ne pouvez pas effectuer cette action sur ce parrainage.")


def _check_day(name: str, day: datetime.date, mentorship: Mentorship, what: str) -> None:
    if day < mentorship.started_on:
        raise ValidationError(
            {
                name: f"{what} ({day:%d/%m/%Y}) ne peut pas précéder le début ({mentorship.started_on:%d/%m/%Y})."
            }
        )
    if day > timezone.localdate():
        raise ValidationError({name: f"{what} ({day:%d/%m/%Y}) ne peut pas être dans le futur."})


@transaction.atomic
def meeting_add(
    *, scope: Scope, mentorship: Mentorship, held_on: datetime.date, duration_minutes: int, note: str = ""
) -> Meeting:
    """The Mission Locale or the supervising structure records a meeting of an ongoing mentorship."""
    _check_role(scope, mentorship, {MISSION_LOCALE, SUPERVISOR})
    if mentorship.status != S.ONGOING:
        raise MentoringError("Ce parrainage n'est plus en cours : aucune rencontre ne peut y être ajoutée.")
    if not 1 <= duration_minutes <= 24 * 60:
        raise ValidationError({"duration_minutes": "Indiquez une durée entre 1 minute et 24 heures."})
    _check_day("held_on", held_on, mentorship, "La rencontre")
    meeting = Meeting.objects.create(
        mentorship=mentorship,
        held_on=held_on,
        duration_minutes=duration_minutes,
        note=(note or "").strip(),
        recorded_by=scope.actor,
    )
    audit(actor=scope.actor, action="mentorship.meeting", obj=mentorship, meeting=meeting.pk)
    return meeting


@transaction.atomic
def follow_up_record(
    *, scope: Scope, follow_up: FollowUp, done_on: datetime.date, note: str = ""
) -> FollowUp:
    """The Mission Locale's counsellor records a follow-up interview (also after the end, never once cancelled)."""
    mentorship = follow_up.mentorship
    _check_role(scope, mentorship, {MISSION_LOCALE})
    follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if mentorship.status == S.CANCELLED:
        raise MentoringError("Ce parrainage est annulé : ses entretiens de suivi ne sont plus enregistrés.")
    if follow_up.is_done:
        raise MentoringError(f"Cet entretien a déjà été enregistré le {follow_up.done_on:%d/%m/%Y}.")
    _check_day("done_on", done_on, mentorship, "L'entretien")
    follow_up.done_on = done_on
    follow_up.note = (note or "").strip()
    follow_up.done_by = scope.actor
    follow_up.save(update_fields=["done_on", "note", "done_by"])
    audit(
        actor=scope.actor,
        action="mentorship.follow_up",
        obj=mentorship,
        follow_up=follow_up.pk,
        kind=follow_up.kind,
    )
    return follow_up


# ---- periodic: follow-up reminders --------------------------------------------------------------------------


def follow_ups_remind_due(*, now: datetime.datetime | None = None) -> int:
    """Remind the counsellor who created the mentorship, once, of each follow-up now due (periodic job body).

    Idempotent and catching up: every due follow-up not reminded yet is taken, however many runs were lost;
    the conditional update on `reminded_at` (and the notification's key) make each reminder sent once.
    """
    from relais.mentoring.notifications import FollowUpDue

    now = now or timezone.now()
    today = timezone.localdate(now)
    due = FollowUp.objects.filter(
        Q(reminded_at__isnull=True),
        done_on__isnull=True,
        due_on__lte=today,
        mentorship__status=S.ONGOING,
    ).values_list("pk", flat=True)
    reminded = 0
    for pk in list(due):
        with transaction.atomic():
            if not FollowUp.objects.filter(pk=pk, reminded_at__isnull=True).update(reminded_at=now):
                continue
            follow_up = FollowUp.objects.select_related("mentorship__created_by").get(pk=pk)
            notify(FollowUpDue, obj=follow_up, scope=Scope.system(), key=f"due-{follow_up.kind}")
            reminded += 1
    return reminded
