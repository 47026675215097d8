"""A confirmed import of young people, run by the job queue, and the state its follow-up page shows."""

import logging

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.http import Http404
from django.utils import timezone

from relais.core.scope import Scope
from relais.organizations.models import Organization
from relais.youths import imports
from relais.youths.enums import ImportStatus
from relais.youths.import_report import RowError
from relais.youths.models import YouthImport
from relais.youths.services import check_can_write

logger = logging.getLogger(__name__)
# A refused import keeps this many errors for its page (the preview of the file showed them all).
MAX_STORED_ERRORS = 1000
FILE_GONE = "Le fichier à importer n'est plus disponible : déposez-le à nouveau."
UNEXPECTED = (
    "Une erreur inattendue a interrompu l'import : rien n'a été enregistré. Déposez le fichier à nouveau ; "
    "si l'erreur se répète, signalez-la à l'équipe de la plateforme."
)


@transaction.atomic
def youth_import_queue(
    *, mission_locale: Organization, scope: Scope, upload_token: str, filename: str
) -> YouthImport:
    """Record the confirmed import and hand it to the job queue once recorded (the page follows its state)."""
    check_can_write(scope, mission_locale)
    job = YouthImport.objects.create(
        mission_locale=mission_locale,
        requested_by=scope.actor,
        filename=filename[:100],
        upload_token=upload_token,
    )
    transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _enqueue(import_id: int) -> None:
    from relais.youths.tasks import run_youth_import

    run_youth_import(import_id)


def youth_import_run(*, import_id: int) -> str | None:
    """The job's work: analyse again and save, or nothing, reporting its progress; returns the final status.

    Claiming the queued row first makes a second delivery of the same job do nothing."""
    claimed = YouthImport.objects.filter(pk=import_id, status=ImportStatus.QUEUED).update(
        status=ImportStatus.CHECKING, started_at=timezone.now()
    )
    if not claimed:
        return None
    job = YouthImport.objects.select_related("mission_locale", "requested_by").get(pk=import_id)
    content = imports.load_upload(job.upload_token)
    if content is None:
        return _finish(job, errors=[[0, "Fichier", FILE_GONE]])
    rows = YouthImport.objects.filter(pk=job.pk)

    def progress(checked: int, total: int) -> None:
        rows.update(rows_checked=checked, rows_total=total)

    def on_saving() -> None:
        rows.update(status=ImportStatus.SAVING, rows_checked=F("rows_total"))

    try:
        report = imports.youths_import(
            mission_locale=job.mission_locale,
            scope=Scope.for_user(job.requested_by),
            content=content,
            filename=job.filename,
            progress=progress,
            on_saving=on_saving,
        )
    except PermissionDenied as error:
        return _finish(job, errors=[[0, "Fichier", str(error)]])
    except Exception:
        logger.exception("Youth import %s failed.", job.pk)
        _finish(job, errors=[[0, "Fichier", UNEXPECTED]])
        raise
    if not report.committed:
        return _finish(job, errors=[[error.row, error.column, error.message] for error in report.errors])
    job.created_count, job.updated_count, job.unchanged_count = (
        report.to_create,
        report.to_update,
        report.unchanged,
    )
    job.rows_total = job.rows_checked = len(report.rows)
    return _finish(job, errors=[])


def _finish(job: YouthImport, *, errors: list) -> str:
    if len(errors) > MAX_STORED_ERRORS:
        more = len(errors) - MAX_STORED_ERRORS
        errors = [*errors[:MAX_STORED_ERRORS], [0, "Fichier", f"… et {more} autre(s) erreur(s)."]]
    job.status = ImportStatus.FAILED if errors else ImportStatus.DONE
    job.errors = errors
    job.finished_at = timezone.now()
    # The file served its purpose either way; the page shows the counts or the report.
    imports.delete_upload(job.upload_token)
    job.upload_token = ""
    job.save(
        update_fields=[
            "status",
            "errors",
            "finished_at",
            "upload_token",
            "rows_total",
            "rows_checked",
            "created_count",
            "updated_count",
            "unchanged_count",
        ]
    )
    return job.status


def youth_import_for_user(scope: Scope, pk) -> YouthImport:
    """The import's state, for the person who confirmed it while they still follow its Mission Locale."""
    user = scope.actor
    job = (
        YouthImport.objects.filter(pk=pk, mission_locale_id__in=scope.mission_locale_ids)
        .select_related("mission_locale")
        .first()
    )
    if job is None or user is None or job.requested_by_id != user.pk:
        raise Http404("Import introuvable.")
    return job


def errors_of(job: YouthImport) -> list[RowError]:
    return [RowError(row, column, message) for row, column, message in job.errors]
