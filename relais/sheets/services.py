"""Writes of partner sheets: contents, contacts, logo and documents; each checks the right and audits itself."""

import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from relais.conventions.uploads import stored_document, validate_image
from relais.core.scope import Scope
from relais.core.services import audit
from relais.sheets.models import (
    MAX_CONTACTS,
    MAX_DEPARTMENTS,
    MAX_DOCUMENTS,
    MAX_FAMILIES,
    MAX_SECTORS,
    TEXT_MAX,
    PartnerSheet,
    SheetContact,
    SheetDocument,
)
from relais.sheets.perms import can_edit

LOGO_MAX_BYTES = 1024 * 1024
LOGO_MAX_PIXELS = 16_000_000
BOUNDS = {
    "naf_sectors": (MAX_SECTORS, "secteurs"),
    "rome_families": (MAX_FAMILIES, "familles de métiers"),
    "departments": (MAX_DEPARTMENTS, "départements"),
}


def _sheet_to_write(*, organization, scope: Scope) -> PartnerSheet:
    if not can_edit(scope, organization):
        raise PermissionDenied
    sheet, _ = PartnerSheet.objects.select_for_update().get_or_create(organization=organization)
    return sheet


@transaction.atomic
def sheet_update(
    *,
    organization,
    scope: Scope,
    presentation: str,
    offer: str,
    territory_note: str,
    naf_sectors=(),
    rome_families=(),
    departments=(),
) -> PartnerSheet:
    """Replace the sheet's texts and lists (the sheet is created on its first edit)."""
    errors = {}
    for name, value in (("presentation", presentation), ("offer", offer)):
        if len(value) > TEXT_MAX:
            errors[name] = f"{TEXT_MAX} caractères au plus."
    if len(territory_note) > 255:
        errors["territory_note"] = "255 caractères au plus."
    lists = {
        "naf_sectors": list(naf_sectors),
        "rome_families": list(rome_families),
        "departments": list(departments),
    }
    for name, items in lists.items():
        limit, label = BOUNDS[name]
        if len(items) > limit:
            errors[name] = f"{limit} {label} au plus."
    if errors:
        raise ValidationError(errors)
    sheet = _sheet_to_write(organization=organization, scope=scope)
    sheet.presentation, sheet.offer, sheet.territory_note = (
        presentation.strip(),
        offer.strip(),
        territory_note.strip(),
    )
    sheet.updated_by = scope.actor
    sheet.save(update_fields=["presentation", "offer", "territory_note", "updated_by", "updated_at"])
    for name, items in lists.items():
        getattr(sheet, name).set(items)
    audit(
        actor=scope.actor,
        action="partner_sheet.update",
        obj=sheet,
        fields=["presentation", "offer", "territory_note", *lists],
        counts={name: len(items) for name, items in lists.items()},
    )
    return sheet


@transaction.atomic
def contact_add(*, organization, scope: Scope, full_name: str, title="", email="", phone="") -> SheetContact:
    sheet = _sheet_to_write(organization=organization, scope=scope)
    count = sheet.contacts.count()
    if count >= MAX_CONTACTS:
        raise ValidationError(f"Une fiche compte au plus {MAX_CONTACTS} contacts.")
    contact = SheetContact.objects.create(
        sheet=sheet,
        full_name=full_name.strip(),
        title=title.strip(),
        email=email,
        phone=phone.strip(),
        order=count,
    )
    audit(actor=scope.actor, action="partner_sheet.update", obj=sheet, fields=["contacts"], added=contact.pk)
    return contact


@transaction.atomic
def contact_remove(*, contact: SheetContact, scope: Scope) -> None:
    sheet = _sheet_to_write(organization=contact.sheet.organization, scope=scope)
    audit(
        actor=scope.actor, action="partner_sheet.update", obj=sheet, fields=["contacts"], removed=contact.pk
    )
    contact.delete()


def _on_commit_delete(field_file) -> None:
    if field_file:
        storage, name = field_file.storage, field_file.name
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def logo_set(*, organization, scope: Scope, uploaded_file) -> PartnerSheet:
    """A PNG, JPEG or SVG checked by its content (an SVG that could run or fetch anything is refused)."""
    sheet = _sheet_to_write(organization=organization, scope=scope)
    content, extension, mime = validate_image(
        uploaded_file, max_bytes=LOGO_MAX_BYTES, max_pixels=LOGO_MAX_PIXELS
    )
    previous = sheet.logo.name if sheet.logo else ""
    sheet.logo.save(f"{uuid.uuid4().hex}.{extension}", ContentFile(content), save=False)
    new_name = sheet.logo.name
    try:
        sheet.logo_content_type = mime
        sheet.updated_by = scope.actor
        sheet.save(update_fields=["logo", "logo_content_type", "updated_by", "updated_at"])
        audit(actor=scope.actor, action="partner_sheet.logo", obj=sheet, size=len(content), type=mime)
    except BaseException:
        sheet.logo.storage.delete(new_name)
        raise
    if previous:
        storage = sheet.logo.storage
        transaction.on_commit(lambda: storage.delete(previous))
    return sheet


@transaction.atomic
def logo_remove(*, organization, scope: Scope) -> PartnerSheet:
    sheet = _sheet_to_write(organization=organization, scope=scope)
    _on_commit_delete(sheet.logo)
    sheet.logo, sheet.logo_content_type, sheet.updated_by = "", "", scope.actor
    sheet.save(update_fields=["logo", "logo_content_type", "updated_by", "updated_at"])
    audit(actor=scope.actor, action="partner_sheet.logo", obj=sheet, removed=True)
    return sheet


@transaction.atomic
def document_upload(*, organization, scope: Scope, uploaded_file, title: str) -> SheetDocument:
    """A document of the sheet, checked like the conventions' documents (content, size, macros, antivirus)."""
    sheet = _sheet_to_write(organization=organization, scope=scope)
    if sheet.documents.count() >= MAX_DOCUMENTS:
        raise ValidationError(f"Une fiche compte au plus {MAX_DOCUMENTS} documents.")
    with stored_document(
        SheetDocument, uploaded_file=uploaded_file, scope=scope, title=title, sheet=sheet
    ) as (document, content, mime):
        audit(
            actor=scope.actor,
            action="partner_sheet.document_upload",
            obj=document,
            size=len(content),
            type=mime,
        )
    return document


@transaction.atomic
def document_remove(*, document: SheetDocument, scope: Scope) -> None:
    _sheet_to_write(organization=document.sheet.organization, scope=scope)
    audit(actor=scope.actor, action="partner_sheet.document_remove", obj=document, sheet=document.sheet_id)
    _on_commit_delete(document.file)
    document.delete()
