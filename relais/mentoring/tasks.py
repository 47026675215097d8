"""Background jobs of the mentoring: the daily reminder of follow-up interviews due."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from relais.mentoring.services import follow_ups_remind_due


# Idempotent and catching up: runs hourly through the working day so that a lost run is made up the same day.
@db_periodic_task(crontab(minute="40", hour="7-19"), retries=2, retry_delay=300)
def remind_due_follow_ups():
    """Remind the counsellors, once per follow-up, of the follow-up interviews now due."""
    return follow_ups_remind_due()
