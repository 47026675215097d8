"""The API's daily work: notices of tokens about to expire, and the call log's retention."""

import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from relais.api.models import ApiCall, ApiToken, IdempotentResponse
from relais.api.notifications import ApiTokenExpiring
from relais.core.notifications import notify
from relais.core.services import audit

# A stored answer to an Idempotency-Key serves retries; a day covers any client's retry policy.
IDEMPOTENCY_RETENTION = datetime.timedelta(days=1)


def tokens_notify_expiring(*, now: datetime.datetime | None = None) -> int:
    """Record the notice of each token reaching 30, then 15 days before its expiry, once each.

    A token created with less than that left gets no notice for that step; a step missed (the job did not
    run) is not sent late when a closer one is due: only the closest due step is sent, and all are marked.
    """
    now = now or timezone.now()
    steps = sorted(settings.RELAIS_API_EXPIRY_NOTICE_DAYS)
    sent = 0
    candidates = ApiToken.objects.filter(
        revoked_at__isnull=True, expires_at__gt=now, expires_at__lte=now + datetime.timedelta(days=max(steps))
    ).select_related("organization")
    for token in candidates:
        due = [
            days
            for days in steps
            if token.expires_at - now <= datetime.timedelta(days=days)
            and token.expires_at - token.created_at > datetime.timedelta(days=days)
            and days not in token.expiry_notices
        ]
        if not due:
            continue
        with transaction.atomic():
            locked = ApiToken.objects.select_for_update().get(pk=token.pk)
            if set(due) <= set(locked.expiry_notices):
                continue
            closest = min(due)
            notify(ApiTokenExpiring, obj=locked, key=f"{locked.pk}-{closest}", days=closest)
            locked.expiry_notices = sorted(set(locked.expiry_notices) | set(due))
            locked.save(update_fields=["expiry_notices"])
            audit(actor=None, action="api_token.expiry_notice", obj=locked, days=closest)
            sent += 1
    return sent


def api_calls_purge(*, now: datetime.datetime | None = None) -> dict:
    """Delete the calls older than RELAIS_API_CALL_RETENTION_MONTHS and the stale idempotent answers."""
    now = now or timezone.now()
    cutoff = now - relativedelta(months=settings.RELAIS_API_CALL_RETENTION_MONTHS)
    calls, _ = ApiCall.objects.filter(created_at__lt=cutoff).delete()
    answers, _ = IdempotentResponse.objects.filter(created_at__lt=now - IDEMPOTENCY_RETENTION).delete()
    return {"api_calls_purged": calls, "idempotent_answers_purged": answers}
