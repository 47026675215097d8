"""The coordinators' page for the two reference tables no open source gives: the communes each Mission Locale
covers and the QPV list. The operator's commands (import_ml_coverage, import_qpv) run the same imports for the
whole country; here an ARML coordinator imports within their network and region, after a preview."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST
from dsfr.forms import DsfrBaseForm

from relais.core import pending_uploads
from relais.core.scope import Scope
from relais.core.services import audit
from relais.core.upload_fields import SpreadsheetFileField
from relais.organizations.enums import OrganizationKind
from relais.organizations.loaders import import_ml_coverage
from relais.organizations.models import Organization
from relais.territories.imports import ImportRejected, import_qpv

UPLOAD_FOLDER = "operator-import"


@dataclass(frozen=True)
class OperatorTable:
    slug: str
    title: str
    columns: str
    explanation: str

    def reach(self, scope: Scope):
        """None: the whole country (platform staff); else the ids the principal may import for; PermissionDenied
        when they may not import this table at all."""
        if scope.is_platform_staff:
            return None
        if self.slug == "couverture":
            ids = set(
                Organization.objects.filter(
                    pk__in=scope.managed_ids, kind=OrganizationKind.MISSION_LOCALE
                ).values_list("pk", flat=True)
            )
            if scope.coordinated_network_ids and ids:
                return ids
        elif scope.coordinated_network_ids and scope.network_region_ids:
            return set(scope.network_region_ids)
        raise PermissionDenied(
            "Seuls les coordinateurs des réseaux de Missions Locales importent cette table."
        )

    def run(self, content: bytes, reach):
        if self.slug == "couverture":
            return import_ml_coverage(content, mission_locale_ids=reach)
        return import_qpv(content, region_ids=reach)


TABLES = {
    table.slug: table
    for table in (
        OperatorTable(
            "couverture",
            "Importer les communes couvertes par les Missions Locales",
            "code_imilo;code_insee",
            "Une ligne par commune couverte : le code I-Milo de la Mission Locale et le code INSEE de la commune. "
            "Le fichier donne toute la couverture de chaque Mission Locale qu'il nomme ; les autres restent telles "
            "quelles.",
        ),
        OperatorTable(
            "qpv",
            "Importer la liste des quartiers prioritaires (QPV)",
            "code;nom;codes_insee",
            "Une ligne par QPV : son code du référentiel en vigueur (QN06901M), son nom et les codes INSEE de ses "
            "communes séparés par « | » ou « , ».",
        ),
    )
}


def operator_tables_for(scope: Scope) -> list[OperatorTable]:
    """The tables the principal may import (for the coverage page's links)."""
    allowed = []
    for table in TABLES.values():
        try:
            table.reach(scope)
        except PermissionDenied:
            continue
        allowed.append(table)
    return allowed


class OperatorImportForm(DsfrBaseForm):
    file = SpreadsheetFileField(label="Fichier CSV", help_text="Séparateur « ; », encodé en UTF-8")


def _table(request, slug) -> tuple[OperatorTable, object]:
    table = TABLES.get(slug)
    if table is None:
        raise Http404
    return table, table.reach(request.scope)


def _dry_run(table: OperatorTable, content: bytes, reach):
    """What the import would do, nothing kept: (report, errors)."""
    try:
        with transaction.atomic():
            report = table.run(content, reach)
            transaction.set_rollback(True)
    except ImportRejected as rejected:
        return None, rejected.errors
    return report, []


@require_http_methods(["GET", "POST"])
def operator_import(request, slug):
    table, reach = _table(request, slug)
    form = OperatorImportForm(request.POST or None, request.FILES or None)
    context = {"page_title": table.title, "table": table, "form": form}
    if request.method == "POST" and form.is_valid():
        content = form.cleaned_data["file"].read()
        report, errors = _dry_run(table, content, reach)
        context.update(report=report, errors=errors, filename=form.cleaned_data["file"].name)
        if report is not None:
            context["token"] = pending_uploads.store(content, folder=UPLOAD_FOLDER)
        return render(request, "organizations/operator_import.html", context, status=400 if errors else 200)
    return render(request, "organizations/operator_import.html", context, status=400 if form.errors else 200)


@require_POST
def operator_import_commit(request, slug):
    table, reach = _table(request, slug)
    token = request.POST.get("token", "")
    content = pending_uploads.load(token, folder=UPLOAD_FOLDER)
    if content is None:
        messages.error(request, "Le fichier à importer n'est plus disponible : déposez-le à nouveau.")
        return redirect("organizations:operator_import", slug=slug)
    try:
        with transaction.atomic():
            report = table.run(content, reach)
            audit(
                actor=request.scope.actor,
                action="organization.operator_import",
                obj=None,
                table=slug,
                loaded=report.loaded,
            )
    except ImportRejected as rejected:
        context = {
            "page_title": table.title,
            "table": table,
            "form": OperatorImportForm(),
            "errors": rejected.errors,
        }
        return render(request, "organizations/operator_import.html", context, status=400)
    pending_uploads.delete(token, folder=UPLOAD_FOLDER)
    messages.success(
        request,
        f"Import enregistré : {report.loaded} enregistrement(s) créé(s) ou modifié(s), {report.unchanged} inchangé(s).",
    )
    return redirect("organizations:coverage")
