"""E-mails left "sending" by a worker killed mid-send: the periodic sweep sends them again, once, then gives up."""

import datetime

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from relais.accounts.models import User
from relais.core.notifications import OutboxEmail, deliver
from relais.core.notifications.digest import digest_key
from relais.core.notifications.outbox import (
    LOST_SENDING,
    MAX_ATTEMPTS,
    SENDING_LEASE,
    SWEEP_DELAY,
    send_pending,
)

pytestmark = pytest.mark.django_db
Status = OutboxEmail.Status
SECOND = datetime.timedelta(seconds=1)


class WorkerKilled(BaseException):
    """What the process sees of a kill: nothing after it runs, no except clause catches it."""


class DyingBackend(BaseEmailBackend):
    """A worker killed while the mail server is talking to it."""

    def send_messages(self, email_messages):
        raise WorkerKilled


@pytest.fixture
def locmem(settings):
    return settings.MAILERS


@pytest.fixture
def dying(settings, locmem):
    """Kill the worker during its next sending, then give the mail server back."""

    def run(ids):
        settings.MAILERS = {"default": {"BACKEND": f"{__name__}.DyingBackend"}}
        with pytest.raises(WorkerKilled):
            deliver(ids)
        settings.MAILERS = locmem

    return run


def recorded_email(email="partenaire@example.org", **fields):
    """One recorded e-mail (a daily digest: the one notification needing no other object), pending."""
    user = User.objects.create_user(email)
    day = timezone.localdate()
    return OutboxEmail.objects.create(
        recipient=user,
        code="core.digest",
        dedup_key=digest_key(user.pk, day),
        data={"day": day.isoformat()},
        **fields,
    )


def test_a_row_left_sending_by_a_killed_worker_is_sent_again_once_its_claim_is_old(dying):
    row = recorded_email()
    dying([row.pk])
    row.refresh_from_db()
    assert (row.status, row.attempts) == (Status.SENDING, 1) and row.sent_at is not None
    claimed = row.sent_at

    assert send_pending(now=claimed + SENDING_LEASE - SECOND) == 0  # a slow worker may still be sending it
    row.refresh_from_db()
    assert row.status == Status.SENDING and mail.outbox == []

    assert send_pending(now=claimed + SENDING_LEASE + SECOND) == 1
    row.refresh_from_db()
    assert (row.status, row.attempts) == (Status.SENT, 2) and row.sent_at > claimed
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["partenaire@example.org"]


def test_running_the_catch_up_twice_sends_nothing_twice(dying):
    killed = recorded_email("tue@example.org")
    lost = recorded_email("perdu@example.org")  # its job was lost before it claimed anything: still pending
    dying([killed.pk])
    later = timezone.now() + SENDING_LEASE + SWEEP_DELAY

    assert send_pending(now=later) == 2
    assert send_pending(now=later) == 0
    assert send_pending(now=later + SENDING_LEASE) == 0
    assert deliver([killed.pk, lost.pk]) == 0  # the original job, retried by the queue, finds them sent
    assert sorted(message.to[0] for message in mail.outbox) == ["perdu@example.org", "tue@example.org"]
    assert set(OutboxEmail.objects.values_list("status", "attempts")) == {(Status.SENT, 2), (Status.SENT, 1)}


def test_a_row_whose_every_attempt_killed_its_worker_is_marked_failed_and_not_sent_again(dying):
    row = recorded_email(attempts=MAX_ATTEMPTS - 1)
    dying([row.pk])
    later = timezone.now() + SENDING_LEASE + SECOND

    assert send_pending(now=later) == 0
    row.refresh_from_db()
    assert (row.status, row.attempts, row.last_error) == (Status.FAILED, MAX_ATTEMPTS, LOST_SENDING)
    assert row.sent_at is None
    assert send_pending(now=later + SENDING_LEASE) == 0 and mail.outbox == []


def test_a_row_stuck_sending_since_before_claims_were_timed_is_sent_again():
    row = recorded_email(status=Status.SENDING, attempts=1)
    assert row.sent_at is None

    assert send_pending() == 1
    row.refresh_from_db()
    assert (row.status, row.attempts) == (Status.SENT, 2) and len(mail.outbox) == 1


def test_a_refused_email_goes_back_to_pending_without_a_claim_time(settings, locmem):
    row = recorded_email()
    settings.MAILERS = {"default": {"BACKEND": "tests.core.test_notifications.RefusingBackend"}}
    assert deliver([row.pk], raise_errors=False) == 0
    row.refresh_from_db()
    assert (row.status, row.sent_at) == (Status.PENDING, None)
