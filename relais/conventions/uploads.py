"""Checks of uploaded documents: size limit and type recognised from the content, never from the name."""

import io
import re
import zipfile

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from relais.core.antivirus import scan_upload
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
# Macro-enabled Office formats are refused: their macros run on the reader's machine.
MACRO_REFUSED = (
    "Les documents contenant des macros (docm, xlsm, pptm…) ne sont pas acceptés : "
    "enregistrez-le sans macros (docx, xlsx, pptx) ou en PDF."
)
MACRO_EXTENSIONS = {"docm", "dotm", "xlsm", "xltm", "xlsb", "xlam", "pptm", "potm", "ppsm", "ppam"}
# Trailing extensions dropped from an uploaded name before the detected one is put on it.
NAME_EXTENSIONS = {
    *MACRO_EXTENSIONS,
    *("pdf", "png", "jpg", "jpeg", "docx", "xlsx", "pptx", "odt", "ods", "doc", "xls", "ppt", "rtf", "txt"),
    *(
        "html",
        "htm",
        "xhtml",
        "svg",
        "xml",
        "js",
        "exe",
        "com",
        "bat",
        "cmd",
        "scr",
        "msi",
        "ps1",
        "vbs",
        "zip",
    ),
}
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
        _refuse_macros(archive, names)
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


def _refuse_macros(archive: zipfile.ZipFile, names: set[str]) -> None:
    """A VBA project (OOXML), a macro-enabled content type, or OpenDocument Basic/script parts."""
    lowered = {name.lower() for name in names}
    if any(name.endswith("vbaproject.bin") for name in lowered):
        raise ValidationError(MACRO_REFUSED)
    if any(name.startswith(("basic/", "scripts/")) for name in lowered):
        raise ValidationError(MACRO_REFUSED)
    if "[Content_Types].xml" in names:
        # A real one is a few KB: a bigger one is refused by the bounded read.
        declared = read_entry(archive, "[Content_Types].xml", max_bytes=1024 * 1024)
        declared = declared.decode("utf-8", "replace").lower()
        if "macroenabled" in declared or "vbaproject" in declared:
            raise ValidationError(MACRO_REFUSED)


def served_name(original_name: str, extension: str) -> str:
    """The uploaded name with the extension of the detected type ("cv.pdf.exe" holding a PDF: "cv.pdf")."""
    stem = (original_name or "").replace("\\", "/").rsplit("/", 1)[-1]
    stem = re.sub(r"[\x00-\x1f\x7f\"]", "", stem).strip().rstrip(".")
    if "." in stem:
        stem = stem.rsplit(".", 1)[0]
    while "." in stem and stem.rsplit(".", 1)[1].lower() in NAME_EXTENSIONS:
        stem = stem.rsplit(".", 1)[0]
    stem = stem.strip(" .") or "document"
    return f"{stem[: 250 - len(extension)]}.{extension}"


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
    if "." in (uploaded_file.name or "") and uploaded_file.name.rsplit(".", 1)[1].lower() in MACRO_EXTENSIONS:
        raise ValidationError(MACRO_REFUSED)
    extension, mime = detect(content)
    scan_upload(content)
    return content, extension, mime
