"""Pages of the network directory (C1) and of the referents (C3)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from relais.core.exports import csv_response, xlsx_response
from relais.core.pagination import paginate
from relais.organizations import selectors, services
from relais.organizations.enums import OrganizationKind, Role
from relais.organizations.forms import (
    CoverageForm,
    MissionLocaleSearchForm,
    PartnerSearchForm,
    ReferentForm,
    SiteForm,
)
from relais.organizations.models import Organization, PartnerReferent, Site

PUBLIC_CONTACT_ROLES = {Role.DIRECTOR, Role.CRE, Role.DISABILITY_REFERENT, Role.PARTNER_RECRUITER}

EXPORT_HEADER = [
    "Code I-Milo", "Nom", "Type", "Région", "Départements", "Structure de rattachement", "SIRET",
    "Adresse", "Code postal", "Téléphone", "E-mail", "Site internet", "Points d'accueil",
]


def _search_args(form):
    data = form.cleaned_data if form.is_valid() else {}
    region = data.get("region")
    department = data.get("department")
    return {
        "query": data.get("q", ""),
        "region_code": region.code if region else "",
        **({"department_code": department.code if department else ""} if "department" in form.fields else {}),
    }


def ml_list(request):
    form = MissionLocaleSearchForm(request.GET or None)
    queryset = selectors.missions_locales(**_search_args(form))
    export = request.GET.get("export")
    if export in {"csv", "xlsx"}:
        return _export_directory(export, queryset)
    page, query_string = paginate(request, queryset)
    return render(request, "organizations/ml_list.html", {
        "page_title": "Annuaire des Missions Locales", "form": form, "page_obj": page,
        "query_string": query_string, "total": page.paginator.count,
    })


def _export_directory(fmt: str, queryset):
    rows = (
        [
            org.imilo_code or "", org.name, org.get_kind_display(), org.region.name if org.region else "",
            ", ".join(d.code for d in org.departments.all()), str(org.parent) if org.parent else "", org.siret,
            org.address, org.postal_code, org.phone, org.email, org.website, getattr(org, "site_count", ""),
        ]
        for org in queryset
    )
    if fmt == "csv":
        return csv_response("annuaire-missions-locales", EXPORT_HEADER, rows)
    return xlsx_response("annuaire-missions-locales", EXPORT_HEADER, rows, title="Missions Locales")


def organization_detail(request, pk: int):
    try:
        organization = selectors.organization_detail(pk)
    except Organization.DoesNotExist as exc:
        raise Http404 from exc
    user = request.user
    context = {
        "page_title": str(organization),
        "organization": organization,
        "can_manage": selectors.can_manage(user, organization),
        "can_see_team": selectors.team_visible_organizations(user).filter(pk=pk).exists(),
        "children": organization.children.filter(is_active=True).order_by("name"),
    }
    if organization.is_mission_locale:
        context["referents"] = selectors.referents_of_mission_locale(organization)
        context["can_manage_referents"] = services.can_manage_referents(user, organization)
    elif organization.is_partner:
        context["referents"] = selectors.referents_for_partner(organization)
    context["coordinators"] = [m for m in organization.memberships.all() if m.role == Role.COORDINATOR]
    # The people partners need to reach; the whole team (counsellors included) stays on the team page.
    context["contacts"] = [m for m in organization.memberships.all() if m.role in PUBLIC_CONTACT_ROLES]
    return render(request, "organizations/organization_detail.html", context)


def team(request, pk: int):
    organization = get_object_or_404(selectors.team_visible_organizations(request.user), pk=pk)
    memberships = organization.memberships.filter(is_active=True).select_related("person").order_by(
        "person__last_name"
    )
    return render(request, "organizations/team.html", {
        "page_title": f"Équipe — {organization}", "organization": organization, "memberships": memberships,
    })


def partner_list(request):
    form = PartnerSearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    region = data.get("region")
    queryset = selectors.partners(query=data.get("q", ""), kind=data.get("kind", ""),
                                  region_code=region.code if region else "")
    export = request.GET.get("export")
    if export in {"csv", "xlsx"}:
        return _export_directory(export, queryset)
    page, query_string = paginate(request, queryset)
    return render(request, "organizations/partner_list.html", {
        "page_title": "Annuaire des partenaires", "form": form, "page_obj": page,
        "query_string": query_string, "total": page.paginator.count,
    })


def coverage(request):
    form = CoverageForm(request.GET or None)
    context = {"page_title": "Couverture des référents", "form": form, "rows": None}
    if form.is_valid():
        members, rows = selectors.referent_coverage(
            network=form.cleaned_data["network"], region_code=form.cleaned_data["region"].code
        )
        context.update({
            "members": members, "rows": rows,
            "uncovered": [row for row in rows if row["missing"]],
            "missing_total": sum(row["missing"] for row in rows),
        })
    return render(request, "organizations/coverage.html", context)


def _managed_ml(request, pk: int) -> Organization:
    ml = get_object_or_404(Organization, pk=pk, kind=OrganizationKind.MISSION_LOCALE)
    if not services.can_manage_referents(request.user, ml):
        raise Http404
    return ml


def referent_edit(request, pk: int):
    ml = _managed_ml(request, pk)
    form = ReferentForm(request.POST or None, mission_locale=ml)
    if request.method == "POST" and form.is_valid():
        try:
            services.referent_assign(
                mission_locale=ml, partner=form.cleaned_data["partner"], person=form.cleaned_data["person"],
                acting_user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, "Le référent est enregistré.")
            return redirect(reverse("organizations:detail", args=[ml.pk]) + "#referents")
    return render(request, "organizations/referent_form.html", {
        "page_title": f"Nommer un référent — {ml}", "organization": ml, "form": form,
    })


@require_POST
def referent_delete(request, pk: int, referent_pk: int):
    ml = _managed_ml(request, pk)
    referent = get_object_or_404(PartnerReferent, pk=referent_pk, mission_locale=ml)
    services.referent_remove(referent=referent, acting_user=request.user)
    messages.success(request, "Le référent a été retiré.")
    return redirect(reverse("organizations:detail", args=[ml.pk]) + "#referents")


def _managed_organization(request, pk: int) -> Organization:
    return get_object_or_404(selectors.managed_organizations(request.user), pk=pk)


def site_edit(request, pk: int, site_pk: int | None = None):
    organization = _managed_organization(request, pk)
    site = get_object_or_404(Site, pk=site_pk, organization=organization) if site_pk else None
    initial = SiteForm.initial_for(site) if site else None
    form = SiteForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if site:
                services.site_update(site=site, acting_user=request.user, **form.site_fields())
            else:
                services.site_create(organization=organization, acting_user=request.user, **form.site_fields())
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Le point d'accueil est enregistré.")
            return redirect(reverse("organizations:detail", args=[organization.pk]) + "#sites")
    return render(request, "organizations/site_form.html", {
        "page_title": "Point d'accueil", "organization": organization, "site": site, "form": form,
    })


def _add_errors(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, field_errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, field_errors)


def site_delete(request, pk: int, site_pk: int):
    organization = _managed_organization(request, pk)
    site = get_object_or_404(Site, pk=site_pk, organization=organization)
    if request.method == "POST":
        services.site_delete(site=site, acting_user=request.user)
        messages.success(request, f"Le point d'accueil « {site.name} » a été supprimé.")
        return redirect(reverse("organizations:detail", args=[organization.pk]) + "#sites")
    return render(request, "organizations/site_confirm_delete.html", {
        "page_title": "Supprimer un point d'accueil", "organization": organization, "site": site,
    })
