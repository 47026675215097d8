"""A real huey consumer killed in the middle of sending an e-mail: after a restart the e-mail is sent, once.

The consumer runs as ``manage.py run_huey`` on a SQLite database and a SqliteHuey queue of its own under
tmp_path, with the production settings (not the suite's immediate jobs). Its mail server is
``tests.core.gated_mail``, which holds each sending until the test opens a gate and files what it sends.
"""

import datetime
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.consumer

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 120  # seconds, for each wait: the machine may be busy, the test fails only when nothing happens

SETUP = """
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from django.utils import timezone
from relais.accounts.models import User
from relais.core.notifications.digest import digest_key
from relais.core.notifications.models import OutboxEmail
from relais.core.tasks import send_outbox_emails
user = User.objects.create_user("partenaire@example.org")
day = timezone.localdate()
row = OutboxEmail.objects.create(
    recipient=user, code="core.digest", dedup_key=digest_key(user.pk, day), data={"day": day.isoformat()}
)
send_outbox_emails([row.pk])
print(row.pk)
"""
# The periodic sweep's next run, queued as the scheduler does, then a job that does nothing behind it: with one
# worker taking the queue in order, its result means the sweep has finished (a periodic job keeps no result).
RUN_SWEEP = """
from relais.core.tasks import send_outbox_emails, send_pending_emails
send_pending_emails()
print(send_outbox_emails([]).get(blocking=True, timeout=120))
"""


def wait_for(condition, what):
    deadline = time.monotonic() + TIMEOUT
    while not (value := condition()):
        if time.monotonic() > deadline:
            pytest.fail(f"Nothing after {TIMEOUT} s: {what}")
        time.sleep(0.1)
    return value


class Site:
    """The files of one installation under tmp_path and the processes started on them."""

    def __init__(self, tmp_path):
        self.tmp = tmp_path
        self.database = tmp_path / "relais.sqlite3"
        self.queue = tmp_path / "huey.sqlite3"
        self.mail_dir = tmp_path / "mail"
        self.started = tmp_path / "sendings-started"
        self.gate = tmp_path / "mail-gate"
        self.started.touch()
        self.env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"DATABASE_URL", "REDIS_URL", "RELAIS_HUEY_IMMEDIATE", "RELAIS_ENV"}
        }
        self.env.update(
            DJANGO_SETTINGS_MODULE="relais.settings",
            RELAIS_VAR_DIR=str(tmp_path / "var"),
            RELAIS_SQLITE_PATH=str(self.database),
            RELAIS_HUEY_PATH=str(self.queue),
            DJANGO_EMAIL_BACKEND="tests.core.gated_mail.EmailBackend",
            RELAIS_TEST_MAIL_DIR=str(self.mail_dir),
            RELAIS_TEST_MAIL_STARTED=str(self.started),
            RELAIS_TEST_MAIL_GATE=str(self.gate),
        )
        self.consumers: list[subprocess.Popen] = []

    def manage(self, *args) -> str:
        done = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def start_consumer(self) -> subprocess.Popen:
        log = (self.tmp / f"consumer-{len(self.consumers) + 1}.log").open("w")
        with log:
            # One worker, no scheduler: the test runs the periodic sweep itself instead of waiting for its time.
            consumer = subprocess.Popen(
                [sys.executable, "manage.py", "run_huey", "--workers", "1", "--no-periodic"],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self.consumers.append(consumer)
        return consumer

    def row(self, pk) -> tuple[str, int, str | None]:
        with sqlite3.connect(self.database) as db:
            return db.execute(
                "SELECT status, attempts, sent_at FROM core_outboxemail WHERE id = ?", [pk]
            ).fetchone()

    def queued_jobs(self) -> int:
        with sqlite3.connect(self.queue) as db:
            return db.execute("SELECT COUNT(*) FROM task").fetchone()[0]

    def sendings_started(self) -> int:
        return len(self.started.read_text().split())

    def messages(self) -> list[str]:
        files = sorted(self.mail_dir.glob("*.log")) if self.mail_dir.exists() else []
        return [line for path in files for line in path.read_text().splitlines() if line.startswith("To: ")]

    def stop(self):
        for consumer in self.consumers:
            if consumer.poll() is None:
                consumer.send_signal(signal.SIGINT)  # huey's graceful stop
                try:
                    consumer.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    consumer.kill()
                    consumer.wait()


@pytest.fixture
def site(tmp_path):
    site = Site(tmp_path)
    yield site
    site.stop()


def test_an_email_whose_consumer_was_killed_mid_send_is_sent_once_after_a_restart(site):
    pk = int(site.manage("shell", "-c", SETUP).split()[-1])  # recorded, its sending job queued
    assert site.row(pk)[:2] == ("pending", 0) and site.queued_jobs() == 1

    first = site.start_consumer()
    wait_for(lambda: site.sendings_started() == 1, "the consumer never started sending the e-mail")
    assert site.row(pk)[:2] == ("sending", 1)
    first.send_signal(signal.SIGKILL)
    assert first.wait(timeout=TIMEOUT) == -signal.SIGKILL
    assert site.row(pk)[:2] == ("sending", 1) and site.messages() == []
    assert site.queued_jobs() == 0  # huey took the job out of the queue: only the outbox row remembers it

    # The lease runs out: the claim is moved back in time rather than waited for (fifteen minutes).
    claimed = datetime.datetime.now(datetime.UTC) - datetime.timedelta(hours=1)
    with sqlite3.connect(site.database) as db:
        db.execute(
            "UPDATE core_outboxemail SET sent_at = ? WHERE id = ?", [f"{claimed:%Y-%m-%d %H:%M:%S.%f}", pk]
        )
    site.gate.touch()  # the mail server answers again
    site.start_consumer()
    site.manage("shell", "-c", RUN_SWEEP)

    assert site.row(pk)[:2] == ("sent", 2)
    assert site.messages() == ["To: partenaire@example.org"]
    assert site.sendings_started() == 2  # the killed one and this one

    site.manage("shell", "-c", RUN_SWEEP)  # the sweep again: nothing left to send
    assert site.row(pk)[:2] == ("sent", 2)
    assert site.messages() == ["To: partenaire@example.org"] and site.sendings_started() == 2
