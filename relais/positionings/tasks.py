"""Background jobs of the positioning pipeline: e-mails, and the hourly reminder and expiry pass."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from relais.positionings.notifications import send_notification
from relais.positionings.services import positionings_process_unanswered


@db_task()
def send_positioning_notification(positioning_id: int, event: str, actor_id: int | None = None):
    return send_notification(positioning_id, event, actor_id)


@db_periodic_task(crontab(minute="20"))
def process_unanswered_positionings():
    """Every hour: remind partners of candidates left unanswered (once), expire the oldest."""
    return positionings_process_unanswered()
