"""Pages of a partner's bulk import of its needs: the upload, the preview with its report, the confirmation."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from relais.conventions.models import Convention
from relais.core.exports import csv_response, xlsx_response
from relais.core.words import plural
from relais.opportunities import imports
from relais.opportunities.forms import OpportunityImportForm
from relais.opportunities.perms import publishing_organizations

SESSION_KEY = "opportunity_import"
TEMPLATE_FILENAME = "modele-import-opportunites"


def _publishers(request):
    publishers = publishing_organizations(request.scope)
    if not publishers.exists():
        raise PermissionDenied(
            "Seuls les recruteurs des partenaires et leurs coordinateurs publient des besoins."
        )
    return publishers


def _context(**extra) -> dict:
    return {
        "page_title": "Importer des besoins de recrutement",
        "headers": [header for _, header in imports.COLUMNS],
        "required_headers": [imports.HEADERS[key] for key in imports.REQUIRED],
        "max_rows": imports.MAX_ROWS,
        "max_mb": f"{settings.RELAIS_UPLOAD_MAX_BYTES / 1_048_576:g}".replace(".", ","),
        **extra,
    }


@require_http_methods(["GET", "POST"])
def opportunity_import(request):
    publishers = _publishers(request)
    form = OpportunityImportForm(request.POST or None, request.FILES or None, publishers=publishers)
    if request.method == "POST" and form.is_valid():
        publisher, convention = form.cleaned_data["publisher"], form.cleaned_data["convention"]
        upload = form.cleaned_data["file"]
        content = upload.read()
        # A new upload replaces a pending one: a confirmation only ever saves the file last previewed.
        previous = request.session.pop(SESSION_KEY, None)
        if previous:
            imports.delete_upload(previous.get("token", ""))
        report = imports.analyse(
            publisher=publisher, convention=convention, content=content, filename=upload.name
        )
        if report.ok:
            request.session[SESSION_KEY] = {
                "token": imports.store_upload(content),
                "publisher": publisher.pk,
                "convention": convention.pk if convention else None,
                "filename": upload.name[:100],
            }
        return render(
            request,
            "opportunities/import_preview.html",
            _context(report=report, publisher=publisher, convention=convention, filename=upload.name),
            status=200 if report.ok else 400,
        )
    return render(
        request, "opportunities/import.html", _context(form=form), status=400 if form.errors else 200
    )


@require_POST
def opportunity_import_commit(request):
    publishers = _publishers(request)
    pending = request.session.get(SESSION_KEY) or {}
    publisher = publishers.filter(pk=pending.get("publisher")).first()
    content = imports.load_upload(pending.get("token", ""))
    if publisher is None or content is None:
        request.session.pop(SESSION_KEY, None)
        messages.error(request, "Le fichier à importer n'est plus disponible : déposez-le à nouveau.")
        return redirect("opportunities:import")
    convention = (
        Convention.objects.filter(pk=pending.get("convention")).first() if pending["convention"] else None
    )
    report = imports.opportunities_import(
        publisher=publisher,
        convention=convention,
        scope=request.scope,
        content=content,
        filename=pending["filename"],
    )
    if not report.committed:
        return render(
            request,
            "opportunities/import_preview.html",
            _context(report=report, publisher=publisher, convention=convention, filename=pending["filename"]),
            status=400,
        )
    imports.delete_upload(pending["token"])
    request.session.pop(SESSION_KEY, None)
    messages.success(
        request,
        "Import terminé : "
        + ", ".join(
            [
                plural(report.created, "opportunité créée", "opportunités créées"),
                plural(report.updated, "mise à jour", "mises à jour"),
                plural(report.unchanged, "inchangée", "inchangées"),
            ]
        )
        + ".",
    )
    return redirect("opportunities:list")


@require_http_methods(["GET"])
def opportunity_import_template(request, file_format):
    """The file to fill in: the headings and one example row (nobody's data)."""
    _publishers(request)
    start = timezone.localdate() + datetime.timedelta(days=30)
    example = {
        "reference": "BTP-2027-001",
        "kind": "Contrat d'apprentissage",
        "rome": "15830",
        "title": "Maçon·ne en apprentissage",
        "commune": "69123",
        "positions": "2",
        "start_date": f"{start:%d/%m/%Y}",
        "closing_date": f"{start - datetime.timedelta(days=10):%d/%m/%Y}",
        "duration_months": "24",
        "weekly_hours": "35",
        "priority_publics": "",
        "description": "Gros œuvre sur des chantiers de logements, formation en CFA.",
        "publish": "oui",
    }
    header = [header for _, header in imports.COLUMNS]
    rows = [[example[key] for key, _ in imports.COLUMNS]]
    if file_format == "xlsx":
        return xlsx_response(TEMPLATE_FILENAME, header, rows, title="Opportunités")
    return csv_response(TEMPLATE_FILENAME, header, rows)
