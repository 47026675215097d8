"""The partner sheet as a one-page PDF (WeasyPrint), from its own print template, rendered within the request.

Bounded by construction: every text and list of a sheet has a maximum (models.py), the referents listed are
capped, the logo is at most 1 MB and 16 Mpx, and WeasyPrint fetches nothing (the logo is inlined as a data: URI; any other address is refused).
"""

import base64
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

from relais.sheets.selectors import sheet_context

PRINT_CSS = Path(__file__).parent / "static" / "sheets" / "print.css"
# A national network head may have a referent in hundreds of Missions Locales: the PDF names the first ones.
REFERENTS_IN_PDF = 30


def _logo_data_uri(sheet) -> str:
    if sheet is None or not sheet.logo:
        return ""
    with sheet.logo.open("rb") as handle:
        content = handle.read()
    return f"data:{sheet.logo_content_type};base64,{base64.b64encode(content).decode('ascii')}"


def sheet_document(organization):
    """The laid-out WeasyPrint document of the sheet (its pages can be read before writing the PDF)."""
    context = sheet_context(organization)
    referents = context["referents"]
    context.update(
        logo_uri=_logo_data_uri(context["sheet"]),
        printed_on=timezone.localdate(),
        referents=referents[:REFERENTS_IN_PDF],
        more_referents=max(0, len(referents) - REFERENTS_IN_PDF),
    )
    html = render_to_string("sheets/print.html", context)
    fetcher = URLFetcher(allowed_protocols={"data"}, allow_redirects=False, timeout=1)
    stylesheet = CSS(filename=str(PRINT_CSS), url_fetcher=fetcher)
    return HTML(string=html, base_url=None, url_fetcher=fetcher).render(stylesheets=[stylesheet])


def sheet_pdf(organization) -> bytes:
    return sheet_document(organization).write_pdf()


def document_text(document) -> str:
    """The text laid out on every page of a WeasyPrint document, in reading order."""
    parts: list[str] = []

    def walk(box):
        text = getattr(box, "text", None)
        if isinstance(text, str):
            parts.append(text)
        for child in getattr(box, "children", ()) or ():
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    return " ".join(parts)
