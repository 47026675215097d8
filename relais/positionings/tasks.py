"""Background jobs of the positioning pipeline: the hourly reminder and expiry pass."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from relais.positionings.services import positionings_process_unanswered


@db_periodic_task(crontab(minute="20"))
def process_unanswered_positionings():
    """Every hour: remind partners of candidates left unanswered (once), expire the oldest."""
    return positionings_process_unanswered()
