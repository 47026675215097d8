"""Pages of the review's indicators: type the value of one the registry cannot compute, set the targets."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from relais.conventions import indicator_entries
from relais.conventions.edit_views import Removal, child_or_404, detail_url, editable_convention, removal_view
from relais.conventions.indicator_forms import IndicatorCodeForm, IndicatorEntryForm, IndicatorTargetForm
from relais.conventions.providers import covered_structures
from relais.conventions.views import _breadcrumb
from relais.core.providers import provider_of
from relais.organizations.enums import OrganizationKind
from relais.organizations.models import Organization
from relais.territories.models import Department

ANCHOR = "bilan"


@require_http_methods(["GET", "POST"])
def indicator_entry_edit(request, pk: int, indicator_id: int):
    convention = editable_convention(request, pk)
    indicator = child_or_404(convention.indicators.all(), indicator_id)
    if indicator_entries.is_computed(indicator.code):
        raise Http404("Cet indicateur est calculé à partir de l'activité enregistrée.")
    entry = getattr(indicator, "entry", None)
    initial = {"value": entry.value, "unit": entry.unit, "note": entry.note} if entry else {}
    linking = request.method == "POST" and "link" in request.POST
    form = IndicatorEntryForm(
        request.POST if request.method == "POST" and not linking else None, initial=initial
    )
    code_form = IndicatorCodeForm(request.POST if linking else None)
    if linking and code_form.is_valid():
        try:
            indicator_entries.indicator_link_code(
                indicator=indicator, scope=request.scope, code=code_form.cleaned_data["code"]
            )
        except ValidationError as error:
            code_form.add_error(None, error)
        else:
            messages.success(request, f"« {indicator.label} » est désormais calculé à partir de l'activité.")
            return redirect(detail_url(convention, ANCHOR))
    if request.method == "POST" and not linking and form.is_valid():
        try:
            indicator_entries.indicator_entry_save(
                indicator=indicator, scope=request.scope, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"La valeur de « {indicator.label} » est enregistrée.")
            return redirect(detail_url(convention, ANCHOR))
    title = f"Renseigner : {indicator.label}"
    return render(
        request,
        "conventions/indicator_entry.html",
        {
            "page_title": title,
            "convention": convention,
            "indicator": indicator,
            "entry": entry,
            "form": form,
            "code_form": code_form,
            "cancel_url": detail_url(convention, ANCHOR),
            "breadcrumb": _breadcrumb(convention, title),
        },
    )


def _target_choices(convention):
    """The Missions Locales the convention brings together (those of its region, else every one) and the
    departments of its region (every one for a national convention)."""
    mission_locales, _ = covered_structures(convention)
    choices = Organization.objects.filter(kind=OrganizationKind.MISSION_LOCALE, is_active=True)
    if mission_locales:
        choices = choices.filter(pk__in=mission_locales)
    elif convention.region_id:
        choices = choices.filter(region_id=convention.region_id)
    departments = Department.objects.order_by("code")
    if convention.region_id:
        departments = departments.filter(Q(region_id=convention.region_id))
    return choices.order_by("name"), departments


@require_http_methods(["GET", "POST"])
def targets_edit(request, pk: int):
    convention = editable_convention(request, pk)
    mission_locales, departments = _target_choices(convention)
    form = IndicatorTargetForm(request.POST or None, mission_locales=mission_locales, departments=departments)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            indicator_entries.indicator_target_set(
                convention=convention,
                scope=request.scope,
                code=data["code"],
                value=data["value"],
                mission_locale=data["mission_locale"],
                department=data["department"],
                note=data["note"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "L'objectif est enregistré.")
            return redirect("conventions:targets", convention.pk)
    targets = [
        (target, provider_of(target.code))
        for target in convention.indicator_targets.select_related(
            "mission_locale", "department", "set_by__person"
        )
    ]
    title = "Objectifs des indicateurs"
    return render(
        request,
        "conventions/targets.html",
        {
            "page_title": title,
            "convention": convention,
            "targets": targets,
            "form": form,
            "cancel_url": detail_url(convention, ANCHOR),
            "breadcrumb": _breadcrumb(convention, title),
        },
    )


target_remove = removal_view(
    Removal(
        "un objectif",
        "l'objectif",
        indicator_entries.indicator_target_remove,
        ANCHOR,
        related="indicator_targets",
        name=lambda target: target.get_code_display(),
        detail=lambda target: f"{target.perimeter_label} : {target.value.normalize():f}",
    )
)
