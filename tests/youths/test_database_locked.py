"""SQLite write-locked by another process: a form keeps what was typed (503), a read page still answers."""

import sqlite3
import tempfile
from pathlib import Path

import pytest
from django.db import OperationalError, connection
from django.urls import reverse
from django.utils import timezone
from huey.contrib.djhuey import HUEY

from relais.core.models import AccessLog
from relais.youths.models import Youth
from tests.youths.test_views import form_data, login


def real_lock_error() -> OperationalError:
    """The error SQLite itself raises when another connection holds `BEGIN IMMEDIATE` on the file."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "locked.sqlite3"
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("CREATE TABLE t (x)")
        holder.execute("BEGIN IMMEDIATE")
        writer = sqlite3.connect(path, timeout=0, isolation_level=None)
        try:
            writer.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            return OperationalError(*error.args)
        finally:
            writer.close()
            holder.close()
    raise AssertionError("SQLite did not report the lock")


class LockedWrites:
    """A database connection whose writes to some tables meet another process's write lock."""

    def __init__(self, *tables):
        self.tables = tables
        self.error = real_lock_error()
        assert str(self.error) == "database is locked"

    def __call__(self, execute, sql, params, many, context):
        statement = sql.lstrip().upper()
        if statement.startswith(("INSERT", "UPDATE", "DELETE")) and (
            not self.tables or any(f'"{table.upper()}"' in statement for table in self.tables)
        ):
            raise self.error
        return execute(sql, params, many, context)


def test_a_form_post_on_a_locked_database_answers_503_keeping_the_form(client, personas, rome):
    login(client, personas.counsellor_a)
    data = {**form_data(personas.network, rome), "csrfmiddlewaretoken": "posted-token"}
    with connection.execute_wrapper(LockedWrites()):
        response = client.post(reverse("youths:create"), data)
    html = response.content.decode()
    assert response.status_code == 503 and response["Retry-After"]
    assert "Service momentanément occupé" in html and "Réessayer" in html
    assert f'action="{reverse("youths:create")}"' in html
    assert f'<input type="hidden" name="last_name" value="{data["last_name"]}">' in html
    assert f'<input type="hidden" name="sought_codes" value="{data["sought_codes"]}">' in html
    assert "posted-token" not in html  # a fresh token, not the posted one
    assert not Youth.objects.exists()
    # The user clicks « Réessayer » once the lock is gone: the same fields create the record.
    retried = client.post(reverse("youths:create"), data)
    assert retried.status_code == 302 and Youth.objects.get().last_name.upper() == data["last_name"].upper()


def test_a_get_on_a_locked_write_answers_a_french_503(client, personas, youth_a, monkeypatch):
    login(client, personas.counsellor_a)

    def locked(*args, **kwargs):
        raise real_lock_error()

    monkeypatch.setattr("relais.youths.views.log_youth_read", locked)
    response = client.get(reverse("youths:detail", args=[youth_a.pk]))
    assert response.status_code == 503
    assert "Réessayez dans quelques instants" in response.content.decode()


@pytest.fixture
def queue():
    """The in-memory job queue of the test settings, emptied before and after."""
    HUEY.flush()
    yield HUEY
    HUEY.flush()


def test_a_list_page_answers_when_its_access_log_row_cannot_be_written_and_the_row_is_queued(
    client, personas, youth_a, queue
):
    login(client, personas.counsellor_a)
    before = timezone.now()
    with connection.execute_wrapper(LockedWrites("core_accesslog")):
        response = client.get(reverse("youths:list"))
        assert response.status_code == 200 and "CANARI Léa" in response.content.decode()
    after = timezone.now()
    assert not AccessLog.objects.exists()
    # The row waits in the queue for a retry (the immediate attempt met the lock too); the lock goes away.
    waiting = queue.scheduled()
    assert [task.name for task in waiting] == ["write_access_log_later"]
    for task in waiting:
        queue.execute(task, timestamp=task.eta)  # its retry time has come
    log = AccessLog.objects.get()
    assert (log.user, log.kind, log.object_type) == (
        personas.counsellor_a,
        AccessLog.Kind.LIST,
        "youths.youth",
    )
    assert list(log.subjects.values_list("subject_id", flat=True)) == [youth_a.pk]
    assert before <= log.created_at <= after  # the time of the read, not of the late write
