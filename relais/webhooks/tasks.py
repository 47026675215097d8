"""Jobs of the webhooks: send one delivery, and the periodic sweep of due deliveries."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from relais.webhooks.sending import attempt, send_due


@db_task()
def send_webhook(pk: int) -> bool:
    """One attempt of a delivery (its retries are scheduled by the attempt itself, with their backoff)."""
    return attempt(pk) is not None


@db_periodic_task(crontab(minute="*"))
def send_due_webhooks() -> int:
    """Every minute: what a lost job (a restart) left due, and claims left by a stopped worker."""
    return send_due()
