"""Background jobs of the positioning pipeline: the hourly reminder and expiry pass."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from relais.positionings.services import positionings_process_unanswered


# Idempotent and catching up: each run takes every positioning past its delays, however many runs were lost.
@db_periodic_task(crontab(minute="20"), retries=2, retry_delay=300)
def process_unanswered_positionings():
    """Every hour: remind partners of candidates left unanswered (once), expire the oldest."""
    return positionings_process_unanswered()
