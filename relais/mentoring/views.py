"""Pages of the mentors: the list with its filters, a mentor's page, the record's creation and edition."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods
from dsfr.utils import list_pages

from relais.core.pagination import paginate
from relais.mentoring import selectors
from relais.mentoring.forms import MentorFilterForm, MentorForm, add_service_errors
from relais.mentoring.perms import can_edit_mentor, can_manage_mentors, can_read_mentors, supervisor_ids
from relais.mentoring.services import mentor_create, mentor_update
from relais.organizations.models import Organization

MENTORS_CRUMB = {"title": "Parrains et ambassadeurs", "url": "/parrainage/parrains/"}


def _require_reader(scope) -> None:
    if not can_read_mentors(scope):
        raise PermissionDenied(
            "Les parrains sont réservés aux structures qui les encadrent et aux Missions Locales."
        )


def _supervisors(scope):
    return Organization.objects.filter(pk__in=supervisor_ids(scope), is_active=True).order_by("name")


def mentor_list(request):
    scope = request.scope
    _require_reader(scope)
    form = MentorFilterForm(request.GET or None, supervisors=selectors.mentor_supervisors(scope))
    filters = form.cleaned_data if form.is_valid() else {}
    department = filters.get("department")
    queryset = selectors.mentor_list(
        scope,
        supervisor_id=filters.get("structure"),
        rome_family=filters.get("rome_family") or "",
        department_id=department.pk if department else None,
    )
    page, querystring = paginate(request, queryset)
    list_pages(page)
    return render(
        request,
        "mentoring/mentor_list.html",
        {
            "page_title": "Parrains et ambassadeurs des métiers",
            "form": form,
            "page_obj": page,
            "querystring": querystring,
            "can_create": can_manage_mentors(scope),
            "breadcrumb": {"current": "Parrains et ambassadeurs"},
        },
    )


def mentor_detail(request, pk):
    mentor = selectors.mentor_for_user(request.scope, pk)
    mentorships = selectors.mentorship_list(request.scope).filter(mentor=mentor)
    return render(
        request,
        "mentoring/mentor_detail.html",
        {
            "page_title": str(mentor),
            "mentor": mentor,
            "mentorship_count": mentorships.count(),
            "can_edit": can_edit_mentor(request.scope, mentor),
            "breadcrumb": {"links": [MENTORS_CRUMB], "current": str(mentor)},
        },
    )


def _save_mentor(request, form, mentor=None):
    values = {
        "scope": request.scope,
        "supervisor": form.cleaned_data["supervisor"],
        "rome_families": form.cleaned_data["rome_families"],
        "departments": form.cleaned_data["departments"] or [],
        **form.service_fields(),
    }
    if mentor is None:
        return mentor_create(**values)
    return mentor_update(mentor=mentor, **values)


@require_http_methods(["GET", "POST"])
def mentor_form(request, pk=None):
    scope = request.scope
    mentor = selectors.mentor_for_user(scope, pk) if pk is not None else None
    if mentor is not None and not can_edit_mentor(scope, mentor):
        raise PermissionDenied("Seule la structure qui encadre ce parrain modifie sa fiche.")
    supervisors = _supervisors(scope)
    if not supervisors.exists():
        raise PermissionDenied("Vous n'encadrez aucun parrain.")
    if request.method == "POST":
        form = MentorForm(request.POST, supervisors=supervisors)
        if form.is_valid():
            try:
                mentor = _save_mentor(request, form, mentor)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"La fiche de {mentor} a été enregistrée.")
                return redirect("mentoring:mentor_detail", pk=mentor.pk)
    else:
        initial = MentorForm.initial_from(mentor) if mentor is not None else {}
        form = MentorForm(initial=initial, supervisors=supervisors)
    title = f"Modifier la fiche de {mentor}" if mentor is not None else "Nouveau parrain ou ambassadeur"
    links = [MENTORS_CRUMB]
    if mentor is not None:
        links.append({"title": str(mentor), "url": reverse("mentoring:mentor_detail", args=[mentor.pk])})
    return render(
        request,
        "mentoring/mentor_form.html",
        {
            "page_title": title,
            "form": form,
            "mentor": mentor,
            "breadcrumb": {"links": links, "current": title},
        },
    )
