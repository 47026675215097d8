"""Writes of the cross-cutting logs; every domain service calls these."""

from django.db import models

from relais.core.enums import AuditAction
from relais.core.ids import parse_id
from relais.core.models import AccessLog, AccessLogSubject, AuditEvent


def audit(*, actor, action: str, obj: models.Model, **details) -> AuditEvent:
    """Record a write; `details` hold ids, counts and field names, never a person's name or a free text."""
    if action not in AuditAction.values:
        raise ValueError(f"Unknown audit action {action!r}: add it to relais.core.enums.AuditAction first.")
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
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
) -> AccessLog:
    """Record a read, a list or an export of personal data, with one subject row per record it showed.

    The subjects are `subject_ids` (of `object_type`) when given, else the object read itself.
    """
    log = AccessLog.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        kind=kind,
        object_type=object_type,
        object_id=str(object_id),
        description=description[:255],
        path=path[:500],
    )
    ids = set(subject_ids or ())
    if not ids and (pk := parse_id(object_id)) is not None:
        ids = {pk}
    AccessLogSubject.objects.bulk_create(
        [AccessLogSubject(access_log=log, subject_type=object_type, subject_id=pk) for pk in sorted(ids)]
    )
    return log
