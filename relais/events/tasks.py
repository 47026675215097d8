"""Background jobs of the events app."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from relais.events.jobs import run_daily


# Hourly from 7:20 to 21:20: the first run does the work, the others catch up a missed run (each e-mail once).
@db_periodic_task(crontab(hour="7-21", minute="20"), retries=2, retry_delay=300)
def events_daily():
    return run_daily()
