"""Writes of the cross-cutting logs; every domain service calls these."""

import datetime
import logging
from contextlib import contextmanager

from django.conf import settings
from django.db import OperationalError, connection, models, transaction
from django.utils import timezone

from relais.core.bulk import insert_rows
from relais.core.enums import AuditAction
from relais.core.ids import parse_id
from relais.core.models import AccessLog, AccessLogSubject, AuditEvent

logger = logging.getLogger(__name__)
# How long a page waits for SQLite's write lock to record its access-log row before queuing it instead.
ACCESS_LOG_LOCK_WAIT_MS = 500


def is_lock_error(error: BaseException) -> bool:
    """SQLite's "database is locked" (or "database table is locked"): another process holds the write lock."""
    return isinstance(error, OperationalError) and "is locked" in str(error)


def audit(*, actor, action: str, obj: models.Model | None, **details) -> AuditEvent:
    """Record a write; `details` hold ids, counts and field names, never a person's name or a free text.

    `obj` is None for a platform-wide action about no single object (a retention run)."""
    if action not in AuditAction.values:
        raise ValueError(f"Unknown audit action {action!r}: add it to relais.core.enums.AuditAction first.")
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        details=details,
    )


def log_access(
    *,
    user,
    kind: str,
    object_type: str,
    object_id: str = "",
    description: str = "",
    path: str = "",
    subject_ids: list | None = None,
) -> AccessLog | None:
    """Record a read, a list or an export of personal data, with one subject row per record it showed.

    The subjects are `subject_ids` (of `object_type`) when given, else the object read itself. When SQLite's
    write lock cannot be had within ACCESS_LOG_LOCK_WAIT_MS, the row is queued as a job (written later with
    the time of the read, retried until it is) and None is returned: the page is served, the row never lost.
    """
    ids = set(subject_ids or ())
    if not ids and (pk := parse_id(object_id)) is not None:
        ids = {pk}
    row = {
        "user_id": user.pk if user is not None and user.is_authenticated else None,
        "kind": kind,
        "object_type": object_type,
        "object_id": str(object_id),
        "description": description[:255],
        "path": path[:500],
        "subject_ids": sorted(ids),
    }
    try:
        with _short_lock_wait(), transaction.atomic():
            return write_access_log(row)
    except OperationalError as error:
        if not is_lock_error(error):
            raise
    from relais.core.tasks import write_access_log_later

    logger.warning("Access log row queued: the database is write-locked (%s).", path[:100])
    write_access_log_later({**row, "created_at": timezone.now().isoformat()})
    return None


def write_access_log(row: dict) -> AccessLog:
    """Write one access-log row and its subjects (`row` as built by log_access, JSON-serialisable)."""
    log = AccessLog.objects.create(
        user_id=row["user_id"],
        kind=row["kind"],
        object_type=row["object_type"],
        object_id=row["object_id"],
        description=row["description"],
        path=row["path"],
    )
    if row.get("created_at"):  # a queued row keeps the time of the read
        log.created_at = datetime.datetime.fromisoformat(row["created_at"])
        AccessLog.objects.filter(pk=log.pk).update(created_at=log.created_at)
    # One statement whatever the number of subjects (an export or an import names tens of thousands).
    insert_rows(
        AccessLogSubject,
        ["access_log_id", "subject_type", "subject_id"],
        [(log.pk, row["object_type"], pk) for pk in row["subject_ids"]],
    )
    return log


@contextmanager
def _short_lock_wait():
    """On SQLite outside a transaction, wait for the write lock only briefly (a read page must not hang)."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA busy_timeout = {int(ACCESS_LOG_LOCK_WAIT_MS)}")
    try:
        yield
    finally:
        timeout_ms = int(float(settings.DATABASES["default"].get("OPTIONS", {}).get("timeout", 5)) * 1000)
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {timeout_ms}")
