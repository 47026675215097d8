"""Pages of the opportunities: lists per role, detail, form, lifecycle, diffusion."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods
from dsfr.utils import list_pages

from relais.conventions.selectors import conventions_visible_to
from relais.core.exports import requested_format
from relais.core.pagination import paginate
from relais.core.search import warn_if_capped
from relais.core.workflows import apply
from relais.opportunities import hooks, services
from relais.opportunities.exports import opportunity_export
from relais.opportunities.forms import (
    ConventionDiffusionSettingForm,
    DiffusionForm,
    OpportunityFilterForm,
    OpportunityForm,
    TransitionForm,
)
from relais.opportunities.lifecycle import OPPORTUNITY_LIFECYCLE
from relais.opportunities.models import ConventionDiffusionSetting, OpportunityError
from relais.opportunities.perms import (
    can_edit,
    can_set_diffusion_rule,
    diffusable_mission_locales,
    diffusers_of,
    publishing_organizations,
)
from relais.opportunities.selectors import (
    OpportunityFilters,
    available_views,
    deliveries_of,
    network_opportunities,
    opportunity_for_user,
    published_opportunities,
    received_opportunities,
    with_distances,
)
from relais.organizations.models import Organization

LIST_CRUMB = {"title": "Opportunités", "url": "/opportunites/"}
SELECTORS = {
    "recues": received_opportunities,
    "publiees": published_opportunities,
    "reseau": network_opportunities,
}


def _posted(request):
    """The POST data for a bound form, even when empty (an empty POST must show the errors, not a blank form)."""
    return request.POST if request.method == "POST" else None


def _filters(form: OpportunityFilterForm, default_status: str) -> OpportunityFilters:
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return OpportunityFilters(
        query=data.get("q") or "",
        kind=data.get("kind") or "",
        rome_family=data.get("rome_family") or "",
        origin=data.get("commune"),
        max_km=data.get("distance"),
        start_from=data.get("start_from"),
        start_to=data.get("start_to"),
        open_until=data.get("open_until"),
        status=data.get("status") or default_status,
        unread_only=bool(data.get("unread")),
    )


def _home_origin(scope):
    """Without a chosen place, the received list shows distances from the user's Mission Locale."""
    home = (
        Organization.objects.filter(pk__in=scope.mission_locale_ids, commune__isnull=False)
        .select_related("commune")
        .order_by("name")
        .first()
    )
    return home.commune if home else None


def opportunity_list(request):
    views = available_views(request.scope)
    codes = [code for code, _ in views]
    mode = request.GET.get("vue") if request.GET.get("vue") in codes else (codes[0] if codes else "")
    default_status = "all" if mode == "publiees" else "open"
    form = OpportunityFilterForm(request.GET or None, default_status=default_status)
    context = {
        "page_title": "Opportunités",
        "views": views,
        "mode": mode,
        "form": form,
        "breadcrumb": {"current": "Opportunités"},
        "can_publish": bool(publishing_organizations(request.scope)),
    }
    if mode:
        filters = _filters(form, default_status)
        origin = filters.origin
        # Without a chosen place, distances are reckoned in Python from the user's Mission Locale.
        home = _home_origin(request.scope) if mode == "recues" and origin is None else None
        if fmt := requested_format(request):
            queryset = SELECTORS[mode](request.scope, filters)
            return opportunity_export(request, fmt=fmt, mode=mode, queryset=queryset, home=home)
        warn_if_capped(request, filters.query)
        page, querystring = paginate(request, SELECTORS[mode](request.scope, filters))
        list_pages(page)
        if home is not None:
            origin = home
            page.object_list = list(page.object_list)
            with_distances(page.object_list, origin)
        context.update(
            page_obj=page,
            querystring=querystring,
            origin=origin,
            several_publishers=len(request.scope.publisher_ids) > 1,
        )
    return render(request, f"opportunities/list_{mode or 'none'}.html", context)


def opportunity_detail(request, pk):
    opportunity = opportunity_for_user(request.scope, pk)
    services.delivery_mark_read(opportunity=opportunity, scope=request.scope)
    editable = can_edit(request.scope, opportunity)
    diffusable = opportunity.is_open and diffusable_mission_locales(request.scope, opportunity).exists()
    show_deliveries = editable or diffusable or request.scope.is_platform_staff
    context = {
        "page_title": opportunity.display_title,
        "opportunity": opportunity,
        "can_edit": editable,
        "can_diffuse": diffusable,
        # The publisher who may not diffuse is told who does (the convention's Mission Locale network).
        "diffusers": diffusers_of(opportunity)
        if editable and opportunity.is_open and not diffusable
        else None,
        "transitions": OPPORTUNITY_LIFECYCLE.available(opportunity) if editable else [],
        "deliveries": list(deliveries_of(opportunity, unread_first=request.GET.get("tri") == "lecture"))
        if show_deliveries
        else None,
        "sort_by_reading": request.GET.get("tri") == "lecture",
        "my_deliveries": list(
            opportunity.deliveries.filter(
                mission_locale_id__in=request.scope.mission_locale_ids
            ).select_related("mission_locale", "first_read_by", "diffusion__by")
        ),
        "history": opportunity.transitions.select_related("by") if editable else None,
        "extra_actions": hooks.detail_actions(opportunity, request.scope),
        "breadcrumb": {"links": [LIST_CRUMB], "current": opportunity.display_title},
    }
    if context["deliveries"]:
        context["read_by_cres"] = sum(1 for d in context["deliveries"] if d.first_read_at)
    return render(request, "opportunities/detail.html", context)


def _form_page(request, form, opportunity=None):
    title = "Modifier l'opportunité" if opportunity else "Publier un besoin de recrutement"
    crumbs = [LIST_CRUMB]
    if opportunity:
        crumbs.append(
            {
                "title": opportunity.display_title,
                "url": reverse("opportunities:detail", args=[opportunity.pk]),
            }
        )
    return render(
        request,
        "opportunities/form.html",
        {
            "page_title": title,
            "form": form,
            "opportunity": opportunity,
            "breadcrumb": {"links": crumbs, "current": title},
        },
    )


def _apply_errors(form, error: ValidationError):
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@require_http_methods(["GET", "POST"])
def opportunity_create(request):
    publishers = publishing_organizations(request.scope)
    if not publishers.exists():
        raise PermissionDenied(
            "Seuls les recruteurs des partenaires et leurs coordinateurs publient des besoins."
        )
    form = OpportunityForm(_posted(request), publishers=publishers)
    if request.method == "POST" and form.is_valid():
        try:
            opportunity = services.opportunity_create(
                publisher=form.cleaned_data["publisher"], scope=request.scope, **form.service_fields()
            )
            if "publish" in request.POST:
                apply(OPPORTUNITY_LIFECYCLE, opportunity, "publish", scope=request.scope)
                messages.success(request, "L'opportunité est publiée.")
            else:
                messages.success(request, "Le brouillon est enregistré.")
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            return redirect("opportunities:detail", pk=opportunity.pk)
    return _form_page(request, form)


@require_http_methods(["GET", "POST"])
def opportunity_edit(request, pk):
    opportunity = opportunity_for_user(request.scope, pk)
    if not can_edit(request.scope, opportunity):
        raise PermissionDenied("Seule la structure qui recrute peut modifier cette opportunité.")
    publishers = Organization.objects.filter(pk=opportunity.publisher_id)
    initial = {name: getattr(opportunity, name) for name in OpportunityForm.SERVICE_FIELDS}
    initial.update(
        publisher=opportunity.publisher_id,
        rome_title=opportunity.rome_title_id,
        commune=opportunity.commune_id,
        convention=opportunity.convention_id,
    )
    form = OpportunityForm(_posted(request), initial=initial, publishers=publishers)
    if request.method == "POST" and form.is_valid():
        try:
            services.opportunity_update(opportunity=opportunity, scope=request.scope, **form.service_fields())
        except ValidationError as error:
            _apply_errors(form, error)
        except OpportunityError as error:
            messages.error(request, str(error))
            return redirect("opportunities:detail", pk=opportunity.pk)
        else:
            messages.success(request, "L'opportunité est modifiée.")
            return redirect("opportunities:detail", pk=opportunity.pk)
    return _form_page(request, form, opportunity)


@require_http_methods(["GET", "POST"])
def opportunity_transition(request, pk, name):
    opportunity = opportunity_for_user(request.scope, pk)
    transition = OPPORTUNITY_LIFECYCLE.transition(name)
    if not OPPORTUNITY_LIFECYCLE.allows(request.scope, opportunity, transition):
        raise PermissionDenied("Seule la structure qui recrute peut faire cela.")
    form = TransitionForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            apply(
                OPPORTUNITY_LIFECYCLE, opportunity, name, scope=request.scope, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            messages.error(request, "L'opportunité ne peut pas être publiée : " + " ".join(error.messages))
        except OpportunityError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"Statut : {opportunity.get_status_display().lower()}.")
        return redirect("opportunities:detail", pk=opportunity.pk)
    return render(
        request,
        "opportunities/confirm.html",
        {
            "page_title": f"{transition.label} : {opportunity.display_title}",
            "opportunity": opportunity,
            "transition": transition,
            "form": form,
            "breadcrumb": {
                "links": [
                    LIST_CRUMB,
                    {"title": opportunity.display_title, "url": reverse("opportunities:detail", args=[pk])},
                ],
                "current": transition.label,
            },
        },
    )


def _diffusing_as(scope, opportunity) -> str:
    """Who the diffusion goes out as, said on the form."""
    if scope.is_platform:
        return "Vous diffusez en tant qu'équipe de la plateforme."
    if scope.coordinated_network_ids:
        names = ", ".join(
            Organization.objects.filter(pk__in=scope.coordinated_network_ids)
            .order_by("name")
            .values_list("name", flat=True)
        )
        return f"Vous diffusez pour {names}, point de contact des Missions Locales pour la diffusion."
    return (
        f"Vous diffusez vous-même : la convention « {opportunity.convention} » permet aux partenaires de "
        "diffuser leurs opportunités aux Missions Locales."
    )


@require_http_methods(["GET", "POST"])
def opportunity_diffuse(request, pk):
    opportunity = opportunity_for_user(request.scope, pk)
    allowed = diffusable_mission_locales(request.scope, opportunity)
    if not allowed.exists():
        raise PermissionDenied("Vous ne pouvez pas diffuser cette opportunité.")
    form = DiffusionForm(_posted(request), allowed_mission_locales=allowed)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            diffusion = services.opportunity_diffuse(
                opportunity=opportunity,
                scope=request.scope,
                **form.perimeter_values(),
                note=data.get("note") or "",
            )
        except ValidationError as error:
            _apply_errors(form, error)
        except OpportunityError as error:
            form.add_error(None, str(error))
        else:
            count = diffusion.deliveries.count()
            messages.success(
                request,
                f"Opportunité diffusée à {count} Mission{'s' if count > 1 else ''} "
                f"Locale{'s' if count > 1 else ''}.",
            )
            return redirect("opportunities:detail", pk=opportunity.pk)
    already = set(opportunity.deliveries.values_list("mission_locale_id", flat=True))
    return render(
        request,
        "opportunities/diffuse.html",
        {
            "page_title": f"Diffuser : {opportunity.display_title}",
            "opportunity": opportunity,
            "form": form,
            "already_count": len(already),
            "allowed_count": allowed.count(),
            "diffusing_as": _diffusing_as(request.scope, opportunity),
            "breadcrumb": {
                "links": [
                    LIST_CRUMB,
                    {"title": opportunity.display_title, "url": reverse("opportunities:detail", args=[pk])},
                ],
                "current": "Diffuser",
            },
        },
    )


@require_http_methods(["GET", "POST"])
def convention_diffusion_setting(request, convention_pk):
    # A convention the user cannot see answers 404 like a missing one: the page reveals no existence.
    convention = get_object_or_404(conventions_visible_to(request.scope), pk=convention_pk)
    if not can_set_diffusion_rule(request.scope, convention):
        raise PermissionDenied("Seul un coordinateur d'une partie de la convention règle la diffusion.")
    setting = ConventionDiffusionSetting.objects.filter(convention=convention).first()
    form = ConventionDiffusionSettingForm(
        _posted(request), initial={"partners_may_diffuse": bool(setting and setting.partners_may_diffuse)}
    )
    if request.method == "POST" and form.is_valid():
        services.convention_diffusion_setting_set(
            convention=convention,
            partners_may_diffuse=form.cleaned_data["partners_may_diffuse"],
            scope=request.scope,
        )
        messages.success(request, "La règle de diffusion est enregistrée.")
        return redirect("opportunities:convention_setting", convention_pk=convention.pk)
    return render(
        request,
        "opportunities/convention_setting.html",
        {
            "page_title": f"Diffusion des opportunités : {convention}",
            "form": form,
            "convention": convention,
            "breadcrumb": {"links": [LIST_CRUMB], "current": "Règle de diffusion"},
        },
    )
