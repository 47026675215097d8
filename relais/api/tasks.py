"""Background jobs of the API: the daily expiry notices and call-log retention."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from relais.api.jobs import api_calls_purge, tokens_notify_expiring


# Idempotent: each notice is recorded once (its step is marked on the token, the outbox deduplicates).
@db_periodic_task(crontab(hour="6", minute="40"), retries=2, retry_delay=300)
def notify_expiring_tokens() -> int:
    return tokens_notify_expiring()


@db_periodic_task(crontab(hour="3", minute="50"), retries=2, retry_delay=300)
def purge_api_calls() -> dict:
    return api_calls_purge()
