"""Checks of uploaded documents: size limit and type recognised from the content, never from the name."""

import io
import zipfile

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from relais.core.archives import ArchiveRefused, check_archive, read_entry

SIMPLE_TYPES = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}
OPENDOCUMENT_TYPES = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
}
# Office Open XML files are zip archives; the part that makes each of them what it is.
OOXML_PARTS = {
    "word/document.xml": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xl/workbook.xml": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "ppt/presentation.xml": (
        "pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
}
# An OpenDocument `mimetype` entry holds a few dozen bytes; it is never read past this.
MIMETYPE_MAX_BYTES = 256
ACCEPTED_LABEL = "PDF, Word (docx), Excel (xlsx), PowerPoint (pptx), OpenDocument (odt, ods), PNG ou JPEG"


def detect(content: bytes) -> tuple[str, str]:
    """(extension, MIME type) of an accepted document, or a French ValidationError."""
    kind = filetype.guess(content[:8192])
    mime = kind.mime if kind else ""
    if mime in SIMPLE_TYPES:
        return SIMPLE_TYPES[mime], mime
    if content[:4] == b"PK\x03\x04":
        detected = _office_type(content)
        if detected:
            return detected
    raise ValidationError(f"Ce type de fichier n'est pas accepté. Formats acceptés : {ACCEPTED_LABEL}.")


def _office_type(content: bytes) -> tuple[str, str] | None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        check_archive(archive)
        names = set(archive.namelist())
        if "mimetype" in names:
            declared = read_entry(archive, "mimetype", max_bytes=MIMETYPE_MAX_BYTES)
            declared = declared.decode("ascii", "replace").strip()
            if declared in OPENDOCUMENT_TYPES and "content.xml" in names:
                return OPENDOCUMENT_TYPES[declared], declared
            return None
        if "[Content_Types].xml" not in names:
            return None
        for part, detected in OOXML_PARTS.items():
            if part in names:
                return detected
    except ArchiveRefused as error:
        raise ValidationError(str(error)) from None
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    return None


def validate_upload(uploaded_file) -> tuple[bytes, str, str]:
    """Read and check an upload: (content, extension, MIME type)."""
    limit = settings.RELAIS_UPLOAD_MAX_BYTES
    if uploaded_file.size is not None and uploaded_file.size > limit:
        raise ValidationError(f"Le fichier dépasse la taille maximale autorisée ({filesizeformat(limit)}).")
    content = uploaded_file.read(limit + 1)
    if len(content) > limit:
        raise ValidationError(f"Le fichier dépasse la taille maximale autorisée ({filesizeformat(limit)}).")
    if not content:
        raise ValidationError("Le fichier est vide.")
    extension, mime = detect(content)
    return content, extension, mime
