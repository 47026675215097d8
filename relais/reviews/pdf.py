"""The frozen review as a PDF a COPIL can project and sign off (WeasyPrint), built by a background job.

Built from the snapshot only; the charts are inline SVG drawn from the same figures, and WeasyPrint fetches
nothing (no address but data: is allowed).
"""

from pathlib import Path

from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

from relais.core.scope import Scope
from relais.reviews.enums import ExportStatus
from relais.reviews.figures import figures_of
from relais.reviews.models import ReviewExport
from relais.reviews.selectors import commitments_of
from relais.reviews.snapshot import stored_values

PRINT_CSS = Path(__file__).parent / "static" / "reviews" / "print.css"


def review_html(review) -> str:
    convention = review.convention
    return render_to_string(
        "reviews/print.html",
        {
            "review": review,
            "convention": convention,
            # The figures as the parties saw them: no activity links in a document.
            "sections": figures_of(review, stored_values(review), Scope.system()),
            "commitments": commitments_of(convention),
            "parties": list(convention.parties.select_related("organization")),
            "printed_on": timezone.localdate(),
        },
    )


def review_document(review):
    fetcher = URLFetcher(allowed_protocols={"data"}, allow_redirects=False, timeout=1)
    stylesheet = CSS(filename=str(PRINT_CSS), url_fetcher=fetcher)
    return HTML(string=review_html(review), base_url=None, url_fetcher=fetcher).render(
        stylesheets=[stylesheet]
    )


def _progress(export: ReviewExport, status: str, progress: int, **fields) -> None:
    export.status, export.progress = status, progress
    for name, value in fields.items():
        setattr(export, name, value)
    export.save(update_fields=["status", "progress", *fields])


def build_export(export: ReviewExport) -> ReviewExport:
    """Lay out and store the PDF, saving each step's progress for the page that polls it."""
    review = export.review
    _progress(export, ExportStatus.RUNNING, 10)
    try:
        document = review_document(review)
        _progress(export, ExportStatus.RUNNING, 70)
        content = document.write_pdf()
        name = f"bilan-periode-{review.convention.period_number}-{export.pk}.pdf"
        export.file.save(name, ContentFile(content), save=False)
        _progress(export, ExportStatus.DONE, 100, file=export.file, finished_at=timezone.now())
    except Exception as error:  # the page shows the failure and offers a new attempt
        _progress(
            export, ExportStatus.FAILED, 100, error=type(error).__name__[:255], finished_at=timezone.now()
        )
        raise
    return export
