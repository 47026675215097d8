"""Background jobs of the conventions app."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from relais.conventions.jobs import run_daily


@db_periodic_task(crontab(hour="6", minute="15"))
def convention_daily_follow_up():
    """Every morning: review due one month before the end, late items, reminders (each sent once)."""
    return run_daily()
