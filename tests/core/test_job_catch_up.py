"""Periodic jobs: a lost or killed run is caught up by the next one, within the hour, and failures are retried."""

import datetime

import pytest
from huey.contrib.djhuey import HUEY

import relais.conventions.tasks
import relais.core.tasks
import relais.positionings.tasks  # noqa: F401  (registers the periodic tasks)


def periodic_tasks():
    return sorted((task_class() for task_class in HUEY._registry._periodic_tasks), key=lambda t: t.name)


@pytest.mark.parametrize("task", periodic_tasks(), ids=lambda task: task.name)
def test_every_periodic_job_runs_again_within_the_hour_during_the_day(task):
    """A consumer down or killed at a run's time: the next run in the same hour or the next one catches up."""
    day = datetime.datetime(2026, 3, 2)
    for hour in range(7, 23):
        minutes = [day.replace(hour=hour, minute=m) for m in range(60)]
        assert any(task.validate_datetime(minute) for minute in minutes), f"{task.name} skips {hour}h"


@pytest.mark.parametrize("task", periodic_tasks(), ids=lambda task: task.name)
def test_every_periodic_job_is_retried_when_it_fails(task):
    assert task.retries >= 1 and task.retry_delay > 0


def test_the_queued_access_log_row_and_the_outbox_are_retried():
    for wrapper in (relais.core.tasks.write_access_log_later, relais.core.tasks.send_outbox_emails):
        task = wrapper.s({})
        assert task.retries >= 3 and task.retry_delay > 0
