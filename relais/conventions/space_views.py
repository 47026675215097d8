"""Pages of the convention's shared space: folders, documents filed in them, filing, moving, removing."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from relais.conventions import selectors, services, space
from relais.conventions.perms import can_contribute, can_edit, can_remove_document
from relais.conventions.space_forms import FolderForm, MoveForm, SpaceDocumentForm
from relais.core.ids import parse_id
from relais.core.pagination import paginate


def _breadcrumb(convention, current, *, folder_page=False):
    links = [
        {"url": reverse("conventions:list"), "title": "Conventions"},
        {"url": reverse("conventions:detail", args=[convention.pk]), "title": convention.title},
    ]
    if folder_page:
        links.append({"url": reverse("conventions:space", args=[convention.pk]), "title": "Espace partagé"})
    return {"links": links, "current": current}


def _space_url(convention, folder=None) -> str:
    if folder is None:
        return reverse("conventions:unfiled", args=[convention.pk])
    return reverse("conventions:folder", args=[convention.pk, folder.pk])


def space_index(request, pk: int):
    convention = selectors.convention_for(request.scope, pk)
    return render(
        request,
        "conventions/space/index.html",
        {
            "page_title": f"Espace partagé — {convention.title}",
            "convention": convention,
            "folders": space.folders_of(convention),
            "unfiled_count": space.documents_in(convention, None).count(),
            "can_manage": can_edit(request.scope, convention),
            "can_contribute": can_contribute(request.scope, convention),
            "breadcrumb": _breadcrumb(convention, "Espace partagé"),
        },
    )


def folder_detail(request, pk: int, folder_id: int | None = None):
    convention = selectors.convention_for(request.scope, pk)
    folder = get_object_or_404(convention.folders, pk=folder_id) if folder_id else None
    page, querystring = paginate(request, space.documents_in(convention, folder))
    scope = request.scope
    for document in page.object_list:
        document.convention = convention  # its parties are prefetched: one rule, no query per row
        document.removable = can_remove_document(scope, document)
    name = folder.name if folder is not None else space.UNFILED_LABEL
    return render(
        request,
        "conventions/space/folder.html",
        {
            "page_title": f"{name} — {convention.title}",
            "convention": convention,
            "folder": folder,
            "folder_name": name,
            "page_obj": page,
            "querystring": querystring,
            "can_manage": can_edit(scope, convention),
            "can_contribute": can_contribute(scope, convention),
            "breadcrumb": _breadcrumb(convention, name, folder_page=True),
        },
    )


@require_http_methods(["GET", "POST"])
def document_upload(request, pk: int):
    convention = selectors.convention_for(request.scope, pk)
    if not can_contribute(request.scope, convention):
        raise PermissionDenied
    folders = convention.folders.all()
    preset = folders.filter(pk=parse_id(request.GET.get("dossier"))).first()
    form = SpaceDocumentForm(
        request.POST or None, request.FILES or None, folders=folders, initial={"folder": preset}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.document_upload(
                convention=convention,
                scope=request.scope,
                uploaded_file=data["file"],
                title=data["title"],
                kind=data["kind"],
                folder=data["folder"],
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, "Le document est déposé.")
            return redirect(_space_url(convention, data["folder"]))
    return render(
        request,
        "conventions/form.html",
        {
            "page_title": "Déposer un document",
            "form": form,
            "submit_label": "Déposer",
            "multipart": True,
            "cancel_url": _space_url(convention, preset)
            if preset
            else reverse("conventions:space", args=[pk]),
            "breadcrumb": _breadcrumb(convention, "Déposer un document", folder_page=True),
        },
    )


@require_http_methods(["GET", "POST"])
def folder_edit(request, pk: int, folder_id: int | None = None):
    convention = selectors.convention_for(request.scope, pk)
    if not can_edit(request.scope, convention):
        raise PermissionDenied
    folder = get_object_or_404(convention.folders, pk=folder_id) if folder_id else None
    form = FolderForm(request.POST or None, initial={"name": folder.name} if folder else None)
    if request.method == "POST" and form.is_valid():
        try:
            if folder is None:
                folder = space.folder_create(
                    convention=convention, scope=request.scope, name=form.cleaned_data["name"]
                )
            else:
                space.folder_rename(folder=folder, scope=request.scope, name=form.cleaned_data["name"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Le dossier « {folder.name} » est enregistré.")
            return redirect(_space_url(convention, folder))
    title = "Renommer le dossier" if folder_id else "Nouveau dossier"
    return render(
        request,
        "conventions/form.html",
        {
            "page_title": title,
            "form": form,
            "submit_label": "Enregistrer",
            "cancel_url": reverse("conventions:space", args=[pk]),
            "breadcrumb": _breadcrumb(convention, title, folder_page=True),
        },
    )


@require_http_methods(["GET", "POST"])
def folder_remove(request, pk: int, folder_id: int):
    convention = selectors.convention_for(request.scope, pk)
    if not can_edit(request.scope, convention):
        raise PermissionDenied
    folder = get_object_or_404(convention.folders, pk=folder_id)
    if request.method == "POST":
        try:
            space.folder_remove(folder=folder, scope=request.scope)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(_space_url(convention, folder))
        messages.success(request, f"Le dossier « {folder.name} » est supprimé.")
        return redirect("conventions:space", pk=pk)
    return _confirm(request, convention, f"le dossier « {folder.name} »", _space_url(convention, folder))


def _document_for(request, pk: int, document_id: int):
    convention = selectors.convention_for(request.scope, pk)
    document = get_object_or_404(convention.documents.select_related("folder", "convention"), pk=document_id)
    if not can_remove_document(request.scope, document):
        raise PermissionDenied
    return convention, document


@require_http_methods(["GET", "POST"])
def document_move(request, pk: int, document_id: int):
    convention, document = _document_for(request, pk, document_id)
    form = MoveForm(
        request.POST or None, folders=convention.folders.all(), initial={"folder": document.folder}
    )
    if request.method == "POST" and form.is_valid():
        space.document_move(document=document, scope=request.scope, folder=form.cleaned_data["folder"])
        messages.success(request, f"« {document.title} » est classé.")
        return redirect(_space_url(convention, form.cleaned_data["folder"]))
    return render(
        request,
        "conventions/form.html",
        {
            "page_title": f"Classer « {document.title} »",
            "form": form,
            "submit_label": "Classer",
            "cancel_url": _space_url(convention, document.folder),
            "breadcrumb": _breadcrumb(convention, "Classer un document", folder_page=True),
        },
    )


@require_http_methods(["GET", "POST"])
def document_remove(request, pk: int, document_id: int):
    convention, document = _document_for(request, pk, document_id)
    back = _space_url(convention, document.folder)
    if request.method == "POST":
        try:
            space.document_remove(document=document, scope=request.scope)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"« {document.title} » est retiré.")
        return redirect(back)
    return _confirm(request, convention, f"le document « {document.title} »", back)


def _confirm(request, convention, what: str, cancel_url: str):
    return render(
        request,
        "conventions/remove_confirm.html",
        {
            "page_title": "Confirmer la suppression",
            "convention": convention,
            "what": what,
            "cancel_url": cancel_url,
            "breadcrumb": _breadcrumb(convention, "Confirmer la suppression", folder_page=True),
        },
    )
