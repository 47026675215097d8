"""Background jobs of the young people's records: the daily retention pass, the confirmed imports."""

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from relais.youths.import_jobs import youth_import_run
from relais.youths.retention import run_retention


@db_periodic_task(crontab(hour="3", minute="40"))
def daily_retention() -> dict | None:
    """Every night: notices, anonymisations and log purge; idempotent, so a missed night is caught up next."""
    if not settings.RELAIS_RETENTION_ENABLED:
        return None
    return run_retention(apply=True).counts()


@db_task()
def run_youth_import(import_id: int) -> str | None:
    """A confirmed import of young people (relais.youths.import_jobs): checked again, then saved or refused."""
    return youth_import_run(import_id=import_id)
