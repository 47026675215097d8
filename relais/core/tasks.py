"""Background jobs shared by every app."""

from django.core.mail import send_mail
from huey.contrib.djhuey import db_task


@db_task(retries=3, retry_delay=60)
def send_email(subject: str, body: str, recipients: list[str]) -> None:
    """Send one plain-text e-mail from the job consumer, so that a slow mail server never holds a page."""
    send_mail(subject, body, None, recipients)
