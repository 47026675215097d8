"""Pages of the partner sheets: the sheet, its PDF and logo, editing, contacts, documents."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods

from relais.conventions.uploads import served_name
from relais.sheets import services
from relais.sheets.forms import ContactForm, LogoForm, SheetDocumentForm, SheetForm
from relais.sheets.pdf import sheet_pdf
from relais.sheets.perms import can_edit
from relais.sheets.selectors import organization_with_sheet, sheet_context

# A logo is only ever drawn: an SVG served by itself may neither run, fetch nor be framed.
LOGO_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox"


def _breadcrumb(organization, current=""):
    links = [
        {"url": reverse("organizations:partner_list"), "title": "Annuaire des partenaires"},
        {"url": reverse("organizations:detail", args=[organization.pk]), "title": organization.name},
    ]
    if current:
        links.append({"url": reverse("sheets:detail", args=[organization.pk]), "title": "Fiche partenaire"})
    return {"links": links, "current": current or "Fiche partenaire"}


def _editable(request, pk: int):
    organization = organization_with_sheet(request.scope, pk)
    if not can_edit(request.scope, organization):
        raise PermissionDenied
    return organization


def sheet_detail(request, pk: int):
    organization = organization_with_sheet(request.scope, pk)
    return render(
        request,
        "sheets/detail.html",
        {
            **sheet_context(organization),
            "page_title": f"Fiche partenaire — {organization.name}",
            "can_edit": can_edit(request.scope, organization),
            "breadcrumb": _breadcrumb(organization),
        },
    )


def sheet_pdf_view(request, pk: int):
    organization = organization_with_sheet(request.scope, pk)
    response = HttpResponse(sheet_pdf(organization), content_type="application/pdf")
    filename = f"fiche-{slugify(organization.name)[:80] or organization.pk}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def logo(request, pk: int):
    organization = organization_with_sheet(request.scope, pk)
    sheet = organization.sheet_or_none
    if sheet is None or not sheet.logo:
        raise Http404("Pas de logo.")
    response = FileResponse(sheet.logo.open("rb"), content_type=sheet.logo_content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = LOGO_CSP
    response["Cache-Control"] = "private, max-age=300"
    return response


def _form_page(request, organization, form, *, title: str, submit: str, multipart=False):
    return render(
        request,
        "sheets/form.html",
        {
            "page_title": title,
            "organization": organization,
            "form": form,
            "submit_label": submit,
            "multipart": multipart,
            "cancel_url": reverse("sheets:detail", args=[organization.pk]),
            "breadcrumb": _breadcrumb(organization, title),
        },
    )


def _add_errors(form, error: ValidationError, default_field=None) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(default_field, error)


@require_http_methods(["GET", "POST"])
def sheet_edit(request, pk: int):
    organization = _editable(request, pk)
    context = sheet_context(organization)
    sheet = context["sheet"]
    initial = {
        "presentation": context["presentation"],
        "offer": context["offer"],
        "territory_note": context["territory_note"],
        "naf_sectors": [s.pk for s in context["sectors"]],
        "rome_families": [f.pk for f in context["families"]],
        "departments": [d.pk for d in context["departments"]],
    }
    form = SheetForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.sheet_update(organization=organization, scope=request.scope, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "La fiche est enregistrée.")
            return redirect("sheets:detail", pk=pk)
    title = "Modifier la fiche" if sheet else "Compléter la fiche"
    return _form_page(request, organization, form, title=title, submit="Enregistrer")


@require_http_methods(["GET", "POST"])
def logo_edit(request, pk: int):
    organization = _editable(request, pk)
    form = LogoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.logo_set(
                organization=organization, scope=request.scope, uploaded_file=form.cleaned_data["logo"]
            )
        except ValidationError as error:
            _add_errors(form, error, "logo")
        else:
            messages.success(request, "Le logo est enregistré.")
            return redirect("sheets:detail", pk=pk)
    return _form_page(
        request, organization, form, title="Changer le logo", submit="Enregistrer", multipart=True
    )


def _confirm(request, organization, what: str):
    return render(
        request,
        "sheets/remove_confirm.html",
        {
            "page_title": "Confirmer le retrait",
            "organization": organization,
            "what": what,
            "cancel_url": reverse("sheets:detail", args=[organization.pk]),
            "breadcrumb": _breadcrumb(organization, "Confirmer le retrait"),
        },
    )


@require_http_methods(["GET", "POST"])
def logo_remove(request, pk: int):
    organization = _editable(request, pk)
    if organization.sheet_or_none is None or not organization.sheet_or_none.logo:
        raise Http404("Pas de logo.")
    if request.method == "POST":
        services.logo_remove(organization=organization, scope=request.scope)
        messages.success(request, "Le logo est retiré.")
        return redirect("sheets:detail", pk=pk)
    return _confirm(request, organization, "le logo")


@require_http_methods(["GET", "POST"])
def contact_add(request, pk: int):
    organization = _editable(request, pk)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_add(organization=organization, scope=request.scope, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Le contact est ajouté.")
            return redirect(reverse("sheets:detail", args=[pk]) + "#contacts")
    return _form_page(request, organization, form, title="Ajouter un contact", submit="Ajouter")


@require_http_methods(["GET", "POST"])
def contact_remove(request, pk: int, contact_id: int):
    organization = _editable(request, pk)
    sheet = organization.sheet_or_none
    if sheet is None:
        raise Http404
    contact = get_object_or_404(sheet.contacts.select_related("sheet__organization"), pk=contact_id)
    if request.method == "POST":
        services.contact_remove(contact=contact, scope=request.scope)
        messages.success(request, f"{contact.full_name} est retiré des contacts.")
        return redirect(reverse("sheets:detail", args=[pk]) + "#contacts")
    return _confirm(request, organization, f"le contact {contact.full_name}")


@require_http_methods(["GET", "POST"])
def document_upload(request, pk: int):
    organization = _editable(request, pk)
    form = SheetDocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_upload(
                organization=organization,
                scope=request.scope,
                uploaded_file=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
            )
        except ValidationError as error:
            _add_errors(form, error, "file")
        else:
            messages.success(request, "Le document est déposé.")
            return redirect(reverse("sheets:detail", args=[pk]) + "#documents")
    return _form_page(
        request, organization, form, title="Déposer un document", submit="Déposer", multipart=True
    )


def _document(organization, document_id: int):
    sheet = organization.sheet_or_none
    if sheet is None:
        raise Http404("Document introuvable.")
    return get_object_or_404(sheet.documents.select_related("sheet__organization"), pk=document_id)


def document_download(request, pk: int, document_id: int):
    organization = organization_with_sheet(request.scope, pk)
    document = _document(organization, document_id)
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=served_name(document.original_name, document.stored_name.rsplit(".", 1)[-1]),
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_http_methods(["GET", "POST"])
def document_remove(request, pk: int, document_id: int):
    organization = _editable(request, pk)
    document = _document(organization, document_id)
    if request.method == "POST":
        services.document_remove(document=document, scope=request.scope)
        messages.success(request, f"« {document.title} » est retiré.")
        return redirect(reverse("sheets:detail", args=[pk]) + "#documents")
    return _confirm(request, organization, f"le document « {document.title} »")
