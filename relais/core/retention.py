"""Purge of the access log and the audit log past their retention (RELAIS_LOG_RETENTION_MONTHS), after an
optional CSV export of what is deleted; called by the daily retention job (relais/youths/retention.py)."""

import csv
import datetime
from pathlib import Path

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from relais.core.models import AccessLog, AccessLogSubject, AuditEvent

ACCESS_LOG_HEADER = ["id", "created_at", "user_id", "kind", "object_type", "object_id", "description", "path"]
AUDIT_HEADER = ["id", "created_at", "actor_id", "action", "object_type", "object_id", "details"]


def log_cutoff(now: datetime.datetime) -> datetime.datetime:
    return now - relativedelta(months=settings.RELAIS_LOG_RETENTION_MONTHS)


def expired_logs(now: datetime.datetime):
    """(access log rows, audit rows) older than the retention, oldest first."""
    cutoff = log_cutoff(now)
    return (
        AccessLog.objects.filter(created_at__lt=cutoff).order_by("pk"),
        AuditEvent.objects.filter(created_at__lt=cutoff).order_by("pk"),
    )


def _export(directory: Path, now: datetime.datetime, access_logs, audit_events) -> list[Path]:
    """Write what is about to be purged; each access row lists the records it showed (subject ids)."""
    directory.mkdir(parents=True, exist_ok=True)
    stamp = now.strftime("%Y%m%d-%H%M%S")
    access_path = directory / f"journal-acces-purge-{stamp}.csv"
    audit_path = directory / f"journal-audit-purge-{stamp}.csv"
    subjects: dict[int, list[str]] = {}
    for row in AccessLogSubject.objects.filter(access_log__in=access_logs).order_by("pk"):
        subjects.setdefault(row.access_log_id, []).append(f"{row.subject_type}#{row.subject_id}")
    with access_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([*ACCESS_LOG_HEADER, "subjects"])
        for log in access_logs.iterator():
            values = [getattr(log, name) for name in ACCESS_LOG_HEADER]
            writer.writerow([*values, " ".join(subjects.get(log.pk, []))])
    with audit_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(AUDIT_HEADER)
        for event in audit_events.iterator():
            writer.writerow([getattr(event, name) for name in AUDIT_HEADER])
    return [access_path, audit_path]


def purge_logs(
    *, now: datetime.datetime | None = None, apply: bool = False, export_dir: Path | None = None
) -> dict:
    """Count (dry run) or delete the expired rows, exporting them first when `export_dir` is given."""
    now = now or timezone.now()
    access_logs, audit_events = expired_logs(now)
    counts = {"access_logs_purged": access_logs.count(), "audit_events_purged": audit_events.count()}
    if not apply:
        return counts
    with transaction.atomic():
        if export_dir is not None:
            counts["export_files"] = [
                str(path) for path in _export(export_dir, now, access_logs, audit_events)
            ]
        # The subjects go with their access row (on_delete CASCADE).
        access_logs.delete()
        audit_events.delete()
    return counts
