"""Pages of the mentorships: the list, the creation, a mentorship with its meetings and follow-ups, and the
forms recording a meeting, a follow-up interview, the end or the cancellation (after a confirmation)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods
from dsfr.utils import list_pages

from relais.conventions.models import Convention
from relais.core.exports import requested_format
from relais.core.ids import parse_id
from relais.core.pagination import paginate
from relais.core.workflows import apply
from relais.mentoring import selectors
from relais.mentoring.exports import mentorship_export
from relais.mentoring.forms import (
    CancelForm,
    EndForm,
    FollowUpForm,
    MeetingForm,
    MentorshipFilterForm,
    MentorshipForm,
    add_service_errors,
)
from relais.mentoring.lifecycle import MENTORSHIP_LIFECYCLE
from relais.mentoring.models import MISSION_LOCALE, SUPERVISOR, FollowUp, MentoringError
from relais.mentoring.perms import actor_roles, can_create_mentorships, can_read_mentorships
from relais.mentoring.services import conventions_of, follow_up_record, meeting_add, mentorship_create
from relais.youths.selectors import youth_for_user, youth_mission_locales
from relais.youths.services import log_youth_list, log_youth_read

LIST_CRUMB = {"title": "Parrainages", "url": "/parrainage/"}
ACTION_FORMS = {"end": EndForm, "cancel": CancelForm}


def _log_shown(request, rows, what: str) -> None:
    log_youth_list(
        scope=request.scope,
        youth_ids=[row.mentored.youth_id for row in rows],
        what=what,
        path=request.get_full_path(),
    )


def _visible_conventions(scope):
    ids = set(selectors.mentorships_visible_to(scope).values_list("convention_id", flat=True).distinct())
    return Convention.objects.filter(pk__in=ids).order_by("title", "period_number")


def mentorship_list(request):
    scope = request.scope
    if not can_read_mentorships(scope):
        raise PermissionDenied(
            "Les parrainages sont réservés aux Missions Locales et aux structures des parrains."
        )
    form = MentorshipFilterForm(request.GET or None, conventions=_visible_conventions(scope))
    filters = form.cleaned_data if form.is_valid() else {}
    queryset = selectors.mentorship_list(
        scope,
        status=filters.get("status") or "",
        convention_id=filters.get("convention"),
        mentor_id=filters.get("parrain"),
    )
    if fmt := requested_format(request):
        return mentorship_export(request, fmt=fmt, queryset=queryset)
    page, querystring = paginate(request, queryset)
    list_pages(page)
    rows = selectors.mentorship_rows(scope, page.object_list)
    _log_shown(request, rows, "Liste des parrainages")
    return render(
        request,
        "mentoring/mentorship_list.html",
        {
            "page_title": "Parrainages",
            "form": form,
            "page_obj": page,
            "rows": rows,
            "querystring": querystring,
            "can_create": can_create_mentorships(scope),
            "breadcrumb": {"current": "Parrainages"},
        },
    )


def _creation_form(request, youth):
    scope = request.scope
    mission_locales = youth_mission_locales(scope)
    if youth is not None:
        mission_locales = mission_locales.filter(pk=youth.mission_locale_id)
    convention_ids = set()
    for mission_locale in mission_locales:
        convention_ids |= set(conventions_of(mission_locale).values_list("pk", flat=True))
    conventions = Convention.objects.filter(pk__in=convention_ids).order_by("title", "period_number")
    mentors = selectors.mentors_visible_to(scope).select_related("person", "supervisor")
    initial = {"started_on": timezone.localdate(), "youth": youth.pk if youth else None}
    return MentorshipForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        mission_locales=mission_locales,
        mentors=mentors,
        conventions=conventions,
        individual=youth is not None,
    )


@require_http_methods(["GET", "POST"])
def mentorship_create_view(request):
    """For one of the ML's young people (?jeune=<id>, another ML's answers 404) or for a group."""
    scope = request.scope
    if not can_create_mentorships(scope):
        raise PermissionDenied("Seules les Missions Locales créent des parrainages.")
    youth_id = request.POST.get("youth") if request.method == "POST" else request.GET.get("jeune")
    youth = None
    if youth_id:
        pk = parse_id(youth_id)
        if pk is None:
            raise Http404("Ce jeune n'existe pas.")
        youth = youth_for_user(scope, pk)
    form = _creation_form(request, youth)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            mentorship = mentorship_create(
                scope=scope,
                mentor=data["mentor"],
                convention=data["convention"],
                axis=data.get("axis"),
                youth=youth,
                mission_locale=data.get("mission_locale") or form.fields["mission_locale"].queryset.first(),
                group_label=data.get("group_label") or "",
                group_size=data.get("group_size"),
                goals=data.get("goals") or "",
                started_on=data["started_on"],
                planned_end_on=data.get("planned_end_on"),
            )
        except (ValidationError, MentoringError) as error:
            add_service_errors(
                form, error if isinstance(error, ValidationError) else ValidationError(str(error))
            )
        else:
            messages.success(request, "Le parrainage a été créé ; les entretiens de suivi sont planifiés.")
            return redirect("mentoring:mentorship_detail", pk=mentorship.pk)
    if youth is not None:
        log_youth_read(scope=scope, youth=youth, path=request.path)
    title = f"Parrainage de {youth}" if youth is not None else "Parrainage d'un groupe"
    return render(
        request,
        "mentoring/mentorship_form.html",
        {
            "page_title": title,
            "form": form,
            "youth": youth,
            "breadcrumb": {"links": [LIST_CRUMB], "current": title},
        },
    )


def _detail_context(request, mentorship, **extra) -> dict:
    scope = request.scope
    roles = actor_roles(scope, mentorship)
    mentored = selectors.mentored_view(scope, mentorship)
    if mentored.youth_id is not None:
        log_youth_read(scope=scope, youth=mentorship.youth, path=request.path)
    return {
        "page_title": str(mentorship),
        "mentorship": mentorship,
        "mentored": mentored,
        "meetings": selectors.meetings_of(mentorship),
        "follow_ups": selectors.follow_ups_of(mentorship),
        "history": selectors.transitions_of(mentorship),
        "actions": MENTORSHIP_LIFECYCLE.available(mentorship, scope),
        "is_ml": MISSION_LOCALE in roles,
        "can_meet": bool(roles & {MISSION_LOCALE, SUPERVISOR}) and mentorship.status == "ongoing",
        "today": timezone.localdate(),
        "breadcrumb": {"links": [LIST_CRUMB], "current": str(mentorship)},
        **extra,
    }


def mentorship_detail(request, pk):
    mentorship = selectors.mentorship_for_user(request.scope, pk)
    return render(request, "mentoring/mentorship_detail.html", _detail_context(request, mentorship))


def _require_role(scope, mentorship, roles: set[str]) -> None:
    if not actor_roles(scope, mentorship) & roles:
        raise PermissionDenied(MENTORSHIP_LIFECYCLE.denied)


def _sub_page(request, mentorship, template: str, title: str, form, **extra):
    links = [
        LIST_CRUMB,
        {"title": str(mentorship), "url": reverse("mentoring:mentorship_detail", args=[mentorship.pk])},
    ]
    return render(
        request,
        template,
        {
            "page_title": title,
            "mentorship": mentorship,
            "form": form,
            "breadcrumb": {"links": links, "current": title},
            **extra,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def meeting_create(request, pk):
    mentorship = selectors.mentorship_for_user(request.scope, pk)
    _require_role(request.scope, mentorship, {MISSION_LOCALE, SUPERVISOR})
    form = MeetingForm(request.POST or None, initial={"held_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            meeting_add(scope=request.scope, mentorship=mentorship, **form.cleaned_data)
        except (ValidationError, MentoringError) as error:
            add_service_errors(
                form, error if isinstance(error, ValidationError) else ValidationError(str(error))
            )
        else:
            messages.success(request, "La rencontre a été enregistrée.")
            return redirect("mentoring:mentorship_detail", pk=mentorship.pk)
    return _sub_page(request, mentorship, "mentoring/meeting_form.html", "Ajouter une rencontre", form)


@require_http_methods(["GET", "POST"])
def follow_up_view(request, pk, follow_up_pk):
    mentorship = selectors.mentorship_for_user(request.scope, pk)
    _require_role(request.scope, mentorship, {MISSION_LOCALE})
    follow_up = get_object_or_404(FollowUp, pk=follow_up_pk, mentorship=mentorship)
    form = FollowUpForm(request.POST or None, initial={"done_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            follow_up_record(scope=request.scope, follow_up=follow_up, **form.cleaned_data)
        except (ValidationError, MentoringError) as error:
            add_service_errors(
                form, error if isinstance(error, ValidationError) else ValidationError(str(error))
            )
        else:
            messages.success(request, f"{follow_up.get_kind_display()} a été enregistré.")
            return redirect("mentoring:mentorship_detail", pk=mentorship.pk)
    title = f"Enregistrer : {follow_up.get_kind_display().lower()}"
    return _sub_page(request, mentorship, "mentoring/follow_up_form.html", title, form, follow_up=follow_up)


@require_http_methods(["GET", "POST"])
def mentorship_action(request, pk, name):
    """End or cancel: a confirmation page with the values the move takes, then the move."""
    mentorship = selectors.mentorship_for_user(request.scope, pk)
    transition = MENTORSHIP_LIFECYCLE.transition(name)
    if not MENTORSHIP_LIFECYCLE.allows(request.scope, mentorship, transition):
        raise PermissionDenied(MENTORSHIP_LIFECYCLE.denied)
    if mentorship.status not in transition.sources:
        messages.error(request, MENTORSHIP_LIFECYCLE.wrong_state_message(transition, mentorship))
        return redirect("mentoring:mentorship_detail", pk=mentorship.pk)
    form_class = ACTION_FORMS[transition.name]
    form = form_class(request.POST or None, initial={"ended_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        note = values.pop("note", "") or ""
        try:
            apply(MENTORSHIP_LIFECYCLE, mentorship, name, scope=request.scope, note=note, **values)
        except PermissionDenied:
            raise PermissionDenied(MENTORSHIP_LIFECYCLE.denied) from None
        except MentoringError as error:
            messages.error(request, str(error))
            return redirect("mentoring:mentorship_detail", pk=mentorship.pk)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Parrainage « {mentorship.get_status_display().lower()} ».")
            return redirect("mentoring:mentorship_detail", pk=mentorship.pk)
    return _sub_page(
        request, mentorship, "mentoring/mentorship_action.html", transition.label, form, transition=transition
    )
