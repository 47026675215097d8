"""Background jobs shared by every app: sending the outbox's e-mails, its periodic sweep, the daily digest."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from relais.core.notifications.digest import send_daily_digests
from relais.core.notifications.outbox import deliver, send_pending


@db_task(retries=50, retry_delay=15)
def write_access_log_later(row: dict) -> int:
    """An access-log row a page could not write at once (SQLite write-locked): written now, retried until it is."""
    from django.db import transaction

    from relais.core.services import write_access_log

    with transaction.atomic():
        return write_access_log(row).pk


@db_task(retries=3, retry_delay=60)
def send_outbox_emails(ids: list[int]) -> int:
    """Send recorded e-mails from the job consumer, so that a slow mail server never holds a page."""
    return deliver(ids)


@db_periodic_task(crontab(minute="*/10"), retries=1, retry_delay=120)
def send_pending_emails() -> int:
    """Every ten minutes: send what a lost job (a restart), a killed worker or a failed attempt left unsent."""
    return send_pending()


@db_periodic_task(crontab(minute="5"), retries=2, retry_delay=300)
def daily_digests() -> int:
    """Every hour from 7:00 (Europe/Paris): each user's digest of the day, once."""
    return send_daily_digests()
