"""Daily follow-up job under a frozen clock: review due, late items, reminders sent once."""

import datetime

import pytest
import time_machine
from django.core import mail

from relais.conventions.enums import ConventionStatus, OccurrenceKind, OccurrenceStatus, ReminderKind
from relais.conventions.jobs import run_daily
from relais.conventions.models import Reminder


def frozen(day):
    return time_machine.travel(datetime.datetime(*day, 7, tzinfo=datetime.UTC), tick=False)


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """The daily job with its e-mails really sent (they leave on commit)."""

    def _run():
        with django_capture_on_commit_callbacks(execute=True):
            return run_daily()

    return _run


def test_point_reminder_goes_14_days_before_and_only_once(aura, personas, run):
    mail.outbox.clear()
    with frozen((2025, 4, 21)):  # 15 days before the 6/5/2025 point: too early
        run()
    assert Reminder.objects.count() == 0 and mail.outbox == []
    with frozen((2025, 4, 22)):
        result = run()
    recipients = {r.recipient for r in Reminder.objects.filter(kind=ReminderKind.UPCOMING_POINT)}
    # Coordinators of both parties; Alexia Violet is both coordinator and named referent: one mail.
    assert recipients == {personas.arml_coordinator, personas.geiq_coordinator}
    assert result["reminders"] == 2 and len(mail.outbox) == 2
    assert "Point semestriel" in mail.outbox[0].subject
    with frozen((2025, 4, 23)):  # a later run (or a restart) sends nothing again
        run()
    assert Reminder.objects.count() == 2 and len(mail.outbox) == 2


def test_review_reminder_goes_30_days_before_the_copil(aura, personas, run):
    with frozen((2025, 9, 6)):  # the COPIL is on 6/10/2025
        run()
    assert Reminder.objects.filter(kind=ReminderKind.UPCOMING_REVIEW,
                                   occurrence__kind=OccurrenceKind.REVIEW).count() == 2
    assert any("Bilan annuel" in m.subject for m in mail.outbox)


def test_review_becomes_due_one_month_before_the_end(aura, run):
    with frozen((2025, 10, 5)):
        run()
    aura.refresh_from_db()
    assert aura.status == ConventionStatus.ACTIVE
    with frozen((2025, 10, 6)):
        assert run()["review_due"] == 1
    aura.refresh_from_db()
    assert aura.status == ConventionStatus.REVIEW_DUE
    assert aura.transitions.get(name="mark_review_due").note.startswith("Passage automatique")


def test_an_overdue_occurrence_becomes_late_and_is_reminded_once(aura, personas, run):
    mail.outbox.clear()
    with frozen((2025, 5, 7)):
        run()
        run()
    point = aura.occurrences.get(due_date=datetime.date(2025, 5, 6))
    assert point.status == OccurrenceStatus.LATE
    late = Reminder.objects.filter(kind=ReminderKind.LATE, occurrence=point)
    # The half-yearly point is the CR GEIQ's commitment: its coordinator is reminded.
    assert [r.recipient for r in late] == [personas.geiq_coordinator]
    assert sum("retard" in m.subject for m in mail.outbox) == 1


def test_done_items_are_not_reminded(aura, personas, run):
    point = aura.occurrences.get(due_date=datetime.date(2025, 5, 6))
    point.status = OccurrenceStatus.DONE
    point.save(update_fields=["status"])
    with frozen((2025, 4, 30)):
        run()
    assert not Reminder.objects.filter(occurrence=point).exists()
