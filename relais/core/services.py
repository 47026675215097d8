"""Writes of the cross-cutting logs; every domain service calls these."""

from django.db import models

from relais.core.models import AccessLog, AuditEvent


def audit(*, actor, action: str, obj: models.Model, **details) -> AuditEvent:
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
):
    return AccessLog.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        kind=kind,
        object_type=object_type,
        object_id=str(object_id),
        description=description[:255],
        path=path[:500],
        subject_ids=sorted(set(subject_ids or [])),
    )
