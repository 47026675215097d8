"""Daily follow-up job under a frozen clock: review due, late items, reminders sent once."""

import datetime

import pytest
import time_machine
from django.core import mail

from relais.conventions.enums import ConventionStatus, OccurrenceKind, OccurrenceStatus, ReminderKind
from relais.conventions.jobs import run_daily
from relais.conventions.selectors import reminders
from relais.conventions.services import convention_update
from relais.core.scope import Scope
from relais.organizations.enums import Role
from tests.organizations.factories import user_with_role


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
    assert reminders().count() == 0 and mail.outbox == []
    with frozen((2025, 4, 22)):
        result = run()
    recipients = {r.recipient for r in reminders(kind=ReminderKind.UPCOMING_POINT)}
    # Coordinators of both parties; Alexia Violet is both coordinator and named referent: one mail.
    assert recipients == {personas.arml_coordinator, personas.geiq_coordinator}
    assert result["reminders"] == 2 and len(mail.outbox) == 2
    assert "Point semestriel" in mail.outbox[0].subject
    assert f"Point de suivi dans 14 jours pour la convention « {aura.title} » :" in mail.outbox[0].body
    assert "Point semestriel — prévu le 06/05/2025." in mail.outbox[0].body
    assert f"/conventions/{aura.pk}/" in mail.outbox[0].body
    with frozen((2025, 4, 23)):  # a later run (or a restart) sends nothing again
        run()
    assert reminders().count() == 2 and len(mail.outbox) == 2


def test_review_reminder_goes_30_days_before_the_copil(aura, personas, run):
    with frozen((2025, 9, 6)):  # the COPIL is on 6/10/2025
        run()
    assert (
        reminders(kind=ReminderKind.UPCOMING_REVIEW)
        .filter(object_id__in=aura.occurrences.filter(kind=OccurrenceKind.REVIEW).values("pk"))
        .count()
        == 2
    )
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


def test_a_late_follow_up_point_is_reminded_once_to_every_party(aura, personas, run):
    mail.outbox.clear()
    with frozen((2025, 5, 7)):
        run()
        run()
    point = aura.occurrences.get(due_date=datetime.date(2025, 5, 6))
    assert point.status == OccurrenceStatus.LATE
    late = reminders(kind=ReminderKind.LATE, occurrence=point)
    # The half-yearly point is written as the CR GEIQ's commitment, but it is the partnership's follow-up:
    # the single points of contact of both parties are told.
    assert {r.recipient for r in late} == {personas.geiq_coordinator, personas.arml_coordinator}
    assert sum("retard" in m.subject for m in mail.outbox) == 2


def test_a_late_commitment_goes_to_its_party_and_the_other_party_s_coordinator(aura, personas, run):
    other = user_with_role(personas.network.cr_geiq, Role.COUNSELLOR, "equipe@crgeiq-aura.test")
    webinar = aura.occurrences.get(commitment__text__startswith="Organiser un webinaire annuel")
    with frozen((2025, 11, 7)):
        run()
    webinar.refresh_from_db()
    assert webinar.status == OccurrenceStatus.LATE
    recipients = {r.recipient for r in reminders(kind=ReminderKind.LATE, occurrence=webinar)}
    # AMILAURA owes the webinar; the CR GEIQ's coordinator is its single point of contact; a plain member is not.
    assert recipients == {personas.arml_coordinator, personas.geiq_coordinator}
    assert other not in recipients


def test_an_item_overdue_for_months_still_gets_its_late_reminder_once(aura, personas, run):
    """The worker was down: the run long after the date still reminds, once."""
    with frozen((2025, 9, 1)):  # the 6/5/2025 point is almost four months overdue
        run()
    point = aura.occurrences.get(due_date=datetime.date(2025, 5, 6))
    assert reminders(kind=ReminderKind.LATE, occurrence=point).count() == 2
    with frozen((2025, 9, 2)):
        run()
    assert reminders(kind=ReminderKind.LATE, occurrence=point).count() == 2


def test_undated_one_off_commitments_are_never_late(aura, run):
    with frozen((2026, 6, 1)):
        run()
    one_offs = aura.occurrences.filter(due_date__isnull=True)
    assert one_offs.count() == 4 and {o.status for o in one_offs} == {OccurrenceStatus.PLANNED}
    assert not reminders().filter(object_id__in=one_offs.values("pk")).exists()


def test_the_review_becomes_due_at_the_convention_s_own_lead(aura, personas, run):
    convention_update(convention=aura, scope=Scope.for_user(personas.arml_coordinator), review_lead_months=2)
    assert aura.occurrences.get(kind=OccurrenceKind.REVIEW).due_date == datetime.date(2025, 9, 6)
    with frozen((2025, 9, 5)):
        run()
    aura.refresh_from_db()
    assert aura.status == ConventionStatus.ACTIVE
    with frozen((2025, 9, 6)):
        assert run()["review_due"] == 1
    aura.refresh_from_db()
    assert aura.status == ConventionStatus.REVIEW_DUE
    assert aura.transitions.get(name="mark_review_due").note == "Passage automatique 2 mois avant l'échéance."


def test_without_an_annual_review_the_convention_is_due_at_its_end(aura, personas, run):
    convention_update(
        convention=aura, scope=Scope.for_user(personas.arml_coordinator), review_lead_months=None
    )
    with frozen((2025, 11, 5)):
        run()
    aura.refresh_from_db()
    assert aura.status == ConventionStatus.ACTIVE
    with frozen((2025, 11, 6)):
        run()
    aura.refresh_from_db()
    assert aura.status == ConventionStatus.REVIEW_DUE


def test_done_items_are_not_reminded(aura, personas, run):
    point = aura.occurrences.get(due_date=datetime.date(2025, 5, 6))
    point.status = OccurrenceStatus.DONE
    point.save(update_fields=["status"])
    with frozen((2025, 4, 30)):
        run()
    assert not reminders(occurrence=point).exists()
