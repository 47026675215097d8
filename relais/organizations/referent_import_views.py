"""Pages of a Mission Locale's bulk naming of its partner referents: upload, preview with its report, confirmation,
and the file to fill in."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST
from dsfr.forms import DsfrBaseForm

from relais.core.exports import csv_response, xlsx_response
from relais.core.upload_fields import SpreadsheetFileField
from relais.core.words import plural
from relais.organizations import referent_imports as imports
from relais.organizations import selectors

SESSION_KEY = "referent_import"
TEMPLATE_FILENAME = "modele-import-referents"


class ReferentImportForm(DsfrBaseForm):
    file = SpreadsheetFileField(
        label="Fichier des référents",
        help_text="CSV (séparateur « ; », UTF-8 ou Windows-1252) ou classeur XLSX",
    )


def _mission_locale(request, pk: int):
    # The Missions Locales whose referents the principal names; any other answers 404.
    return get_object_or_404(selectors.referent_managed_missions_locales(request.scope), pk=pk)


def _context(ml, **extra) -> dict:
    return {
        "page_title": f"Importer les référents partenaires — {ml}",
        "organization": ml,
        "headers": [header for _, header in imports.COLUMNS],
        "max_rows": imports.MAX_ROWS,
        "max_mb": f"{settings.RELAIS_UPLOAD_MAX_BYTES / 1_048_576:g}".replace(".", ","),
        **extra,
    }


@require_http_methods(["GET", "POST"])
def referent_import(request, pk: int):
    ml = _mission_locale(request, pk)
    form = ReferentImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        # A new upload replaces a pending one: a confirmation only ever saves the file last previewed.
        previous = request.session.pop(SESSION_KEY, None)
        if previous:
            imports.delete_upload(previous.get("token", ""))
        report = imports.analyse(mission_locale=ml, content=content, filename=upload.name)
        if report.ok:
            request.session[SESSION_KEY] = {
                "token": imports.store_upload(content),
                "mission_locale": ml.pk,
                "filename": upload.name[:100],
            }
        return render(
            request,
            "organizations/referent_import_preview.html",
            _context(ml, report=report, filename=upload.name),
            status=200 if report.ok else 400,
        )
    return render(
        request,
        "organizations/referent_import.html",
        _context(ml, form=form),
        status=400 if form.errors else 200,
    )


@require_POST
def referent_import_commit(request, pk: int):
    ml = _mission_locale(request, pk)
    pending = request.session.get(SESSION_KEY) or {}
    content = (
        imports.load_upload(pending.get("token", "")) if pending.get("mission_locale") == ml.pk else None
    )
    if content is None:
        request.session.pop(SESSION_KEY, None)
        messages.error(request, "Le fichier à importer n'est plus disponible : déposez-le à nouveau.")
        return redirect("organizations:referent_import", pk=ml.pk)
    report = imports.referents_import(
        mission_locale=ml, scope=request.scope, content=content, filename=pending["filename"]
    )
    if not report.committed:
        return render(
            request,
            "organizations/referent_import_preview.html",
            _context(ml, report=report, filename=pending["filename"]),
            status=400,
        )
    imports.delete_upload(pending["token"])
    request.session.pop(SESSION_KEY, None)
    messages.success(
        request,
        "Import terminé : "
        + ", ".join(
            [
                plural(report.named, "référent nommé", "référents nommés"),
                plural(report.replaced, "remplacé", "remplacés"),
                plural(report.unchanged, "inchangé", "inchangés"),
            ]
        )
        + ".",
    )
    return redirect(reverse("organizations:detail", args=[ml.pk]) + "#referents")


@require_http_methods(["GET"])
def referent_import_template(request, pk: int, file_format: str):
    """The file to fill in: the headings and one row per partner with its current referent, if any."""
    ml = _mission_locale(request, pk)
    current = {r.partner_id: r.person.email for r in ml.partner_referents.select_related("person")}
    partners = imports.partners_of(ml).only("pk", "name", "siret")[: imports.MAX_ROWS]
    header = [header for _, header in imports.COLUMNS]
    rows = [[partner.siret or partner.name, current.get(partner.pk, "")] for partner in partners]
    if file_format == "xlsx":
        return xlsx_response(TEMPLATE_FILENAME, header, rows, title="Référents")
    return csv_response(TEMPLATE_FILENAME, header, rows)
