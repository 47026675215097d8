"""Background jobs of the conventions app."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from relais.conventions.jobs import run_daily


# Hourly from 6:15 to 22:15: the first run of the day does the work; the others find nothing left (each
# reminder is sent once) unless the consumer was down or killed, which they then catch up the same day.
@db_periodic_task(crontab(hour="6-22", minute="15"), retries=2, retry_delay=300)
def convention_daily_follow_up():
    """Every morning (and caught up hourly): review due before the end, late items, reminders (each once)."""
    return run_daily()
