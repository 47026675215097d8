"""Checks of uploaded documents: size limit and type recognised from the content, never from the name."""

import io
import re
import uuid
import zipfile
from contextlib import contextmanager

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
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


# ---- images (logos): PNG and JPEG checked by Pillow, SVG parsed and refused when it can do anything but draw ----

IMAGE_TYPES = {"image/png": "png", "image/jpeg": "jpg"}
IMAGE_ACCEPTED_LABEL = "PNG, JPEG ou SVG"
SVG_NS = "http://www.w3.org/2000/svg"
# Elements that run code, embed another document or change a link when animated.
SVG_REFUSED_ELEMENTS = {
    "script",
    "foreignobject",
    "iframe",
    "embed",
    "object",
    "audio",
    "video",
    "animate",
    "set",
    "animatemotion",
    "animatetransform",
    "handler",
    "listener",
}
SVG_ALLOWED_DATA = re.compile(r"^data:image/(png|jpeg);base64,[a-z0-9+/=\s]*$", re.IGNORECASE)
SVG_EXTERNAL_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)", re.IGNORECASE)
SVG_PROCESSING_INSTRUCTION = re.compile(rb"<\?(?!xml[\s?])", re.IGNORECASE)
SVG_REFUSED = "Ce fichier SVG n'est pas accepté : {reason}. Enregistrez le logo en PNG ou en SVG simple."


def validate_image(uploaded_file, *, max_bytes: int, max_pixels: int) -> tuple[bytes, str, str]:
    """Read and check an image upload: (content, extension, MIME type), whatever its name says."""
    if uploaded_file.size is not None and uploaded_file.size > max_bytes:
        raise ValidationError(f"L'image dépasse la taille maximale autorisée ({filesizeformat(max_bytes)}).")
    content = uploaded_file.read(max_bytes + 1)
    if len(content) > max_bytes:
        raise ValidationError(f"L'image dépasse la taille maximale autorisée ({filesizeformat(max_bytes)}).")
    if not content:
        raise ValidationError("Le fichier est vide.")
    kind = filetype.guess(content[:8192])
    mime = kind.mime if kind else ""
    if mime in IMAGE_TYPES:
        _check_bitmap(content, max_pixels)
        scan_upload(content)
        return content, IMAGE_TYPES[mime], mime
    if mime:
        raise ValidationError(
            f"Ce type d'image n'est pas accepté. Formats acceptés : {IMAGE_ACCEPTED_LABEL}."
        )
    check_svg(content)
    scan_upload(content)
    return content, "svg", "image/svg+xml"


def _check_bitmap(content: bytes, max_pixels: int) -> None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(content)) as image:
            width, height = image.size
            if width * height > max_pixels:
                raise ValidationError(
                    f"L'image est trop grande ({width} × {height} pixels) : "
                    f"{max_pixels // 1_000_000} millions de pixels au plus."
                )
            image.verify()
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise ValidationError("Cette image est illisible ou endommagée.") from None


def check_svg(content: bytes) -> None:
    """Refuse an SVG that could run code, fetch anything or declare entities; a plain drawing passes."""
    from defusedxml import ElementTree
    from defusedxml.common import DefusedXmlException

    lowered = content.lower()
    if b"<!doctype" in lowered or b"<!entity" in lowered:
        raise ValidationError(SVG_REFUSED.format(reason="il déclare un DOCTYPE ou des entités"))
    # A processing instruction (xml-stylesheet...) is dropped by the parser but would be read by a browser.
    if SVG_PROCESSING_INSTRUCTION.search(content):
        raise ValidationError(SVG_REFUSED.format(reason="il contient une instruction de traitement"))
    try:
        root = ElementTree.fromstring(content, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise ValidationError(SVG_REFUSED.format(reason="il déclare un DOCTYPE ou des entités")) from None
    except ElementTree.ParseError:
        raise ValidationError(
            f"Ce type d'image n'est pas accepté. Formats acceptés : {IMAGE_ACCEPTED_LABEL}."
        ) from None
    if root.tag != f"{{{SVG_NS}}}svg":
        raise ValidationError(
            f"Ce type d'image n'est pas accepté. Formats acceptés : {IMAGE_ACCEPTED_LABEL}."
        )
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        local = element.tag.rsplit("}", 1)[-1].lower()
        if local in SVG_REFUSED_ELEMENTS:
            raise ValidationError(SVG_REFUSED.format(reason=f"il contient un élément « {local} »"))
        text = (element.text or "").lower()
        if local == "style" and (SVG_EXTERNAL_URL.search(text) or "@import" in text):
            raise ValidationError(
                SVG_REFUSED.format(reason="sa feuille de style appelle une ressource externe")
            )
        for name, value in element.attrib.items():
            _check_svg_attribute(name, value)


def _check_svg_attribute(name: str, value: str) -> None:
    local = name.rsplit("}", 1)[-1].lower()
    if local.startswith("on"):
        raise ValidationError(
            SVG_REFUSED.format(reason=f"il contient un gestionnaire d'événement « {local} »")
        )
    if local == "href":  # href and xlink:href alike
        target = value.strip()
        if not (target.startswith("#") or SVG_ALLOWED_DATA.match(target)):
            raise ValidationError(SVG_REFUSED.format(reason="il fait référence à une ressource externe"))
    if SVG_EXTERNAL_URL.search(value):
        raise ValidationError(SVG_REFUSED.format(reason="il fait référence à une ressource externe"))


@contextmanager
def stored_document(document_class, *, uploaded_file, scope, title: str, **fields):
    """A document row for an upload checked by its content, its file written to private storage and the row
    saved; the caller audits inside the block. Should the row (or the audit) fail, no file is left behind.
    Yields (document, content, mime)."""
    content, extension, mime = validate_upload(uploaded_file)
    name = served_name(uploaded_file.name, extension)
    document = document_class(
        title=title.strip() or name,
        stored_name=f"{uuid.uuid4().hex}.{extension}",
        original_name=name,
        content_type=mime,
        size=len(content),
        uploaded_by=scope.actor,
        **fields,
    )
    document.file.save(document.stored_name, ContentFile(content), save=False)
    try:
        document.save()
        yield document, content, mime
    except BaseException:
        document.file.delete(save=False)
        raise
