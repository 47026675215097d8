"""Pages of the network directory (C1) and of the referents (C3)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from relais.core.pagination import paginate
from relais.core.search import warn_if_capped
from relais.organizations import selectors, services
from relais.organizations.enums import Role
from relais.organizations.exports import coverage_export, directory_export
from relais.organizations.forms import (
    CoverageForm,
    MissionLocaleSearchForm,
    PartnerSearchForm,
    ReferentForm,
    ReferentsForm,
    SiteForm,
    with_home_region,
)
from relais.organizations.hooks import organization_links
from relais.organizations.models import Organization
from relais.organizations.operator_import_views import operator_tables_for

PUBLIC_CONTACT_ROLES = set(selectors.DIRECTORY_CONTACT_ROLES) - {Role.COORDINATOR}
EXPORT_FORMATS = {"csv", "xlsx"}


def _code(data: dict, name: str) -> str:
    value = data.get(name)
    return value.code if value else ""


def _directory_page(request, form, *, layout: str, search, template: str, title: str):
    """Search form, then the export or the paginated list; a refused search shows its errors and no result."""
    if form.is_bound and not form.is_valid():
        queryset = Organization.objects.none()
    else:
        queryset = search(form.cleaned_data if form.is_bound else {})
    export = request.GET.get("export")
    if export not in EXPORT_FORMATS:
        warn_if_capped(request, request.GET.get("q"))
    if export in EXPORT_FORMATS:
        return directory_export(request, layout=layout, fmt=export, queryset=selectors.for_export(queryset))
    page, query_string = paginate(request, queryset)
    for organization in page.object_list:
        organization.links = organization_links(organization, request.scope)
    return render(
        request,
        template,
        {
            "page_title": title,
            "form": form,
            "page_obj": page,
            "query_string": query_string,
            "total": page.paginator.count,
        },
    )


def ml_list(request):
    return _directory_page(
        request,
        MissionLocaleSearchForm(
            with_home_region(request.GET, selectors.home_region_code(request.scope)) or None
        ),
        layout="missions_locales",
        template="organizations/ml_list.html",
        title="Annuaire des Missions Locales",
        search=lambda data: selectors.missions_locales(
            query=data.get("q", ""),
            region_code=_code(data, "region"),
            department_code=_code(data, "department"),
            commune_query=data.get("commune", ""),
        ),
    )


def partner_list(request):
    return _directory_page(
        request,
        PartnerSearchForm(request.GET or None),
        layout="partners",
        template="organizations/partner_list.html",
        title="Annuaire des partenaires",
        search=lambda data: selectors.partners(
            query=data.get("q", ""),
            kind=data.get("kind", ""),
            region_code=_code(data, "region"),
            department_code=_code(data, "department"),
            naf_code=_code(data, "naf"),
        ),
    )


def organization_detail(request, pk: int):
    try:
        organization = selectors.organization_detail(pk, request.scope)
    except Organization.DoesNotExist as exc:
        raise Http404 from exc
    scope = request.scope
    context = {
        "page_title": str(organization),
        "organization": organization,
        "can_manage": selectors.can_manage(scope, organization),
        "can_see_team": selectors.team_visible_organizations(scope).filter(pk=pk).exists(),
        "children": selectors.active_children(organization),
        "regions": selectors.covered_regions(organization),
        "links": organization_links(organization, scope),
    }
    if organization.is_mission_locale:
        context["referents"] = selectors.referents_of_mission_locale(organization)
        context["covered_communes"] = selectors.covered_communes(organization)
        context["can_manage_referents"] = selectors.can_manage_referents(scope, organization)
    elif organization.is_partner:
        context["referents"] = selectors.referents_for_partner(organization)
    context["coordinators"] = [m for m in organization.memberships.all() if m.role == Role.COORDINATOR]
    # The people partners need to reach; the whole team (counsellors included) stays on the team page.
    context["contacts"] = [m for m in organization.memberships.all() if m.role in PUBLIC_CONTACT_ROLES]
    return render(request, "organizations/organization_detail.html", context)


def team(request, pk: int):
    organization = get_object_or_404(selectors.team_visible_organizations(request.scope), pk=pk)
    return render(
        request,
        "organizations/team.html",
        {
            "page_title": f"Équipe — {organization}",
            "organization": organization,
            "memberships": selectors.team_memberships(organization),
        },
    )


def coverage(request):
    data = CoverageForm.initial_data(
        request.GET,
        network_id=selectors.home_network_id(request.scope),
        region_code=selectors.home_region_code(request.scope),
    )
    form = CoverageForm(data or None)
    context = {
        "page_title": "Couverture des référents",
        "form": form,
        "rows": None,
        "operator_tables": operator_tables_for(request.scope),
    }
    if form.is_valid():
        network, region = form.cleaned_data["network"], form.cleaned_data["region"]
        members, rows = selectors.referent_coverage(network=network, region_code=region.code)
        if form.cleaned_data["gaps"]:
            rows = [row for row in rows if row["missing"]]
        export = request.GET.get("export")
        if export in EXPORT_FORMATS:
            return coverage_export(
                request, fmt=export, network=network, region=region, members=members, rows=rows
            )
        managed = set(
            selectors.referent_managed_missions_locales(request.scope)
            .filter(pk__in=[row["mission_locale"].pk for row in rows])
            .values_list("pk", flat=True)
        )
        for row in rows:
            row["can_edit"] = row["mission_locale"].pk in managed
        context.update(
            {
                "members": members,
                "rows": rows,
                "uncovered": [row for row in rows if row["missing"]],
                "missing_total": sum(row["missing"] for row in rows),
                "query_string": data.urlencode() if hasattr(data, "urlencode") else "",
            }
        )
    return render(request, "organizations/coverage.html", context)


def _managed_ml(request, pk: int) -> Organization:
    return get_object_or_404(selectors.referent_managed_missions_locales(request.scope), pk=pk)


def referent_edit(request, pk: int):
    ml = _managed_ml(request, pk)
    form = ReferentForm(request.POST or None, mission_locale=ml)
    if request.method == "POST" and form.is_valid():
        try:
            services.referent_assign(
                mission_locale=ml,
                partner=form.cleaned_data["partner"],
                person=form.cleaned_data["person"],
                scope=request.scope,
            )
        except ValidationError as error:
            _add_errors(form, error)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, "Le référent est enregistré.")
            return redirect(reverse("organizations:detail", args=[ml.pk]) + "#referents")
    return render(
        request,
        "organizations/referent_form.html",
        {
            "page_title": f"Nommer un référent — {ml}",
            "organization": ml,
            "form": form,
        },
    )


def referents_edit(request, pk: int):
    """One form for the referents of every partner of the Mission Locale, each saved by the referent service."""
    ml = _managed_ml(request, pk)
    form = ReferentsForm(request.POST or None, mission_locale=ml)
    if request.method == "POST" and form.is_valid():
        changes = form.changes()
        try:
            services.referents_assign(mission_locale=ml, choices=changes, scope=request.scope)
        except ValidationError as error:
            _add_errors(form, error)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            count = len(changes)
            messages.success(
                request,
                f"{count} référent{'s' if count > 1 else ''} enregistré{'s' if count > 1 else ''}."
                if count
                else "Aucun référent n'a changé.",
            )
            return redirect(reverse("organizations:detail", args=[ml.pk]) + "#referents")
    return render(
        request,
        "organizations/referents_form.html",
        {"page_title": f"Référents partenaires — {ml}", "organization": ml, "form": form},
    )


@require_POST
def referent_delete(request, pk: int, referent_pk: int):
    ml = _managed_ml(request, pk)
    referent = get_object_or_404(selectors.referents_named_by(ml), pk=referent_pk)
    services.referent_remove(referent=referent, scope=request.scope)
    messages.success(request, "Le référent a été retiré.")
    return redirect(reverse("organizations:detail", args=[ml.pk]) + "#referents")


def _managed_organization(request, pk: int) -> Organization:
    return get_object_or_404(selectors.managed_organizations(request.scope), pk=pk)


def site_edit(request, pk: int, site_pk: int | None = None):
    organization = _managed_organization(request, pk)
    site = get_object_or_404(selectors.sites_of(organization), pk=site_pk) if site_pk else None
    initial = SiteForm.initial_for(site) if site else None
    form = SiteForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if site:
                services.site_update(site=site, scope=request.scope, **form.site_fields())
            else:
                services.site_create(organization=organization, scope=request.scope, **form.site_fields())
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Le point d'accueil est enregistré.")
            return redirect(reverse("organizations:detail", args=[organization.pk]) + "#sites")
    return render(
        request,
        "organizations/site_form.html",
        {
            "page_title": "Point d'accueil",
            "organization": organization,
            "site": site,
            "form": form,
        },
    )


def _add_errors(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, field_errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, field_errors)


def site_delete(request, pk: int, site_pk: int):
    organization = _managed_organization(request, pk)
    site = get_object_or_404(selectors.sites_of(organization), pk=site_pk)
    if request.method == "POST":
        services.site_delete(site=site, scope=request.scope)
        messages.success(request, f"Le point d'accueil « {site.name} » a été supprimé.")
        return redirect(reverse("organizations:detail", args=[organization.pk]) + "#sites")
    return render(
        request,
        "organizations/site_confirm_delete.html",
        {
            "page_title": "Supprimer un point d'accueil",
            "organization": organization,
            "site": site,
        },
    )
