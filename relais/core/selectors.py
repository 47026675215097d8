"""Reads of the cross-cutting logs: who saw a given record."""

from django.db import models
from django.db.models import QuerySet

from relais.core.models import AccessLog


def accesses_to(subject: models.Model) -> QuerySet[AccessLog]:
    """Every read, list or export that showed this record (a young person...), newest first, in one query.

    Not scoped: this answers the data-protection question for the platform (administrators, the retention
    job); a page showing it must check that its reader may ask. Works after the record was deleted too,
    as long as the instance still carries its id.
    """
    return (
        AccessLog.objects.filter(
            subjects__subject_type=subject._meta.label_lower, subjects__subject_id=subject.pk
        )
        .select_related("user")
        .order_by("-created_at", "-pk")
    )
