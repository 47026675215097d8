"""Background jobs of the reviews: the PDF of a frozen review."""

from huey.contrib.djhuey import db_task

from relais.reviews.models import ReviewExport
from relais.reviews.pdf import build_export


@db_task(retries=1, retry_delay=60)
def build_review_pdf(export_id: int):
    export = ReviewExport.objects.select_related("review__convention").filter(pk=export_id).first()
    if export is None:
        return None
    build_export(export)
    return export.pk
