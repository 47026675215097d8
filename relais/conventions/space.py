"""The convention's shared space ("intranet" of the charters): folders, filing, moving and removing documents."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, QuerySet

from relais.conventions.document_models import ConventionDocument, DocumentFolder
from relais.conventions.perms import can_edit, can_remove_document
from relais.core.scope import Scope
from relais.core.services import audit

# The folders every convention starts with (the charters' communication supports, minutes, signed text, events).
DEFAULT_FOLDERS = (
    "Convention signée",
    "Comptes rendus",
    "Supports de communication",
    "Supports d'événements",
)
MAX_FOLDERS = 30
UNFILED_LABEL = "Non classé"


def create_default_folders(convention) -> None:
    """The default folders of a new convention (or period); those it already has are kept."""
    existing = set(convention.folders.values_list("name", flat=True))
    DocumentFolder.objects.bulk_create(
        DocumentFolder(convention=convention, name=name, order=order)
        for order, name in enumerate(DEFAULT_FOLDERS)
        if name not in existing
    )


# ---- reads -------------------------------------------------------------------------------------------------


def folders_of(convention) -> QuerySet[DocumentFolder]:
    return convention.folders.annotate(document_count=Count("documents")).order_by("order", "name", "pk")


def documents_in(convention, folder: DocumentFolder | None) -> QuerySet[ConventionDocument]:
    """The documents of one folder, or the unfiled ones (folder None), newest first."""
    documents = convention.documents.select_related("uploaded_by__person", "folder")
    if folder is None:
        return documents.filter(folder__isnull=True)
    return documents.filter(folder=folder)


# ---- writes ------------------------------------------------------------------------------------------------


def _clean_name(convention, name: str, *, exclude=None) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": "Donnez un nom au dossier."})
    if name.casefold() == UNFILED_LABEL.casefold():
        raise ValidationError({"name": f"« {UNFILED_LABEL} » est réservé aux documents sans dossier."})
    others = convention.folders.exclude(pk=exclude.pk) if exclude is not None else convention.folders.all()
    if any(other.casefold() == name.casefold() for other in others.values_list("name", flat=True)):
        raise ValidationError({"name": "Un dossier de cette convention porte déjà ce nom."})
    return name


@transaction.atomic
def folder_create(*, convention, scope: Scope, name: str) -> DocumentFolder:
    if not can_edit(scope, convention):
        raise PermissionDenied
    name = _clean_name(convention, name)
    count = convention.folders.count()
    if count >= MAX_FOLDERS:
        raise ValidationError(f"Une convention compte au plus {MAX_FOLDERS} dossiers.")
    try:
        with transaction.atomic():
            folder = DocumentFolder.objects.create(convention=convention, name=name, order=count)
    except IntegrityError:
        raise ValidationError({"name": "Un dossier de cette convention porte déjà ce nom."}) from None
    audit(actor=scope.actor, action="document.folder_create", obj=folder, convention=convention.pk)
    return folder


@transaction.atomic
def folder_rename(*, folder: DocumentFolder, scope: Scope, name: str) -> DocumentFolder:
    if not can_edit(scope, folder.convention):
        raise PermissionDenied
    folder.name = _clean_name(folder.convention, name, exclude=folder)
    try:
        with transaction.atomic():
            folder.save(update_fields=["name"])
    except IntegrityError:
        raise ValidationError({"name": "Un dossier de cette convention porte déjà ce nom."}) from None
    audit(actor=scope.actor, action="document.folder_update", obj=folder, fields=["name"])
    return folder


@transaction.atomic
def folder_remove(*, folder: DocumentFolder, scope: Scope) -> None:
    """Remove an empty folder; one that still holds documents is refused (nothing is removed with it)."""
    if not can_edit(scope, folder.convention):
        raise PermissionDenied
    folder = DocumentFolder.objects.select_for_update().get(pk=folder.pk)
    count = folder.documents.count()
    if count:
        raise ValidationError(
            f"Le dossier « {folder.name} » contient encore {count} document{'s' if count > 1 else ''} : "
            "déplacez-les ou retirez-les avant de le supprimer."
        )
    audit(actor=scope.actor, action="document.folder_remove", obj=folder, convention=folder.convention_id)
    folder.delete()


@transaction.atomic
def document_move(*, document: ConventionDocument, scope: Scope, folder: DocumentFolder | None):
    """File a document in another folder of its convention (None: "Non classé")."""
    if not can_remove_document(scope, document):
        raise PermissionDenied
    if folder is not None and folder.convention_id != document.convention_id:
        raise ValidationError("Ce dossier n'appartient pas à la convention.")
    previous = document.folder_id
    document.folder = folder
    document.save(update_fields=["folder"])
    audit(
        actor=scope.actor,
        action="document.move",
        obj=document,
        from_folder=previous,
        to_folder=folder.pk if folder is not None else None,
    )
    return document


@transaction.atomic
def document_remove(*, document: ConventionDocument, scope: Scope) -> None:
    """Remove a document and its file; one kept as the evidence of a calendar item is refused."""
    if not can_remove_document(scope, document):
        raise PermissionDenied
    if document.evidence_for.exists():
        raise ValidationError(
            "Ce document est le justificatif d'une échéance réalisée du calendrier : il ne peut pas être retiré."
        )
    audit(
        actor=scope.actor,
        action="document.remove",
        obj=document,
        convention=document.convention_id,
        size=document.size,
    )
    stored = document.file
    document.delete()
    # The file goes once the row is gone for good (a rolled-back removal keeps it).
    transaction.on_commit(lambda: stored.storage.delete(stored.name))
