"""Background jobs of the young people's records: the daily retention pass."""

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from relais.youths.retention import run_retention


@db_periodic_task(crontab(hour="3", minute="40"))
def daily_retention() -> dict | None:
    """Every night: notices, anonymisations and log purge; idempotent, so a missed night is caught up next."""
    if not settings.RELAIS_RETENTION_ENABLED:
        return None
    return run_retention(apply=True).counts()
