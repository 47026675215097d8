"""Unanswered candidates: a reminder to the partner every N days, then expiry (periodic job body)."""

import datetime

import pytest
from django.core import mail

from relais.core.scope import Scope
from relais.core.workflows import apply
from relais.positionings.enums import PositioningStatus as S
from relais.positionings.lifecycle import POSITIONING_LIFECYCLE
from relais.positionings.models import Positioning, PositioningTransition
from relais.positionings.services import positionings_process_unanswered
from tests.positionings.factories import positioning_at

pytestmark = pytest.mark.django_db
T0 = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def transmitted(personas, youth, opportunity, time_machine):
    time_machine.move_to(T0, tick=False)
    youth.consent_given_at = datetime.date(2025, 1, 1)
    youth.save(update_fields=["consent_given_at"])
    positioning = positioning_at(personas, S.TRANSMITTED, youth=youth, opportunity=opportunity)
    mail.outbox.clear()
    return positioning


def reminders_to(email):
    return [m for m in mail.outbox if "Relance" in m.subject and email in m.to]


def test_nothing_happens_before_the_reminder_delay(personas, transmitted, time_machine, committed):
    time_machine.move_to(T0 + datetime.timedelta(days=6, hours=23))
    assert committed(positionings_process_unanswered) == {"reminded": 0, "expired": 0}
    assert mail.outbox == []


def test_the_partner_is_reminded_once_after_seven_days(personas, transmitted, time_machine, committed):
    time_machine.move_to(T0 + datetime.timedelta(days=7, minutes=1))
    assert committed(positionings_process_unanswered) == {"reminded": 1, "expired": 0}
    assert len(reminders_to(personas.geiq_recruiter.email)) == 1
    body = reminders_to(personas.geiq_recruiter.email)[0].body
    assert "Mission Locale de Lyon" in body and "n'a pas encore reçu de réponse" in body
    assert f"/positionnements/{transmitted.pk}/" in body
    transmitted.refresh_from_db()
    assert transmitted.reminder_sent_at is not None
    # The job runs every hour: the reminder is never sent twice.
    time_machine.move_to(T0 + datetime.timedelta(days=8))
    assert committed(positionings_process_unanswered) == {"reminded": 0, "expired": 0}
    assert len(reminders_to(personas.geiq_recruiter.email)) == 1


def test_reminders_come_back_every_seven_days_until_expiry(personas, transmitted, time_machine, committed):
    sent = []
    for hours in range(0, 31 * 24, 6):  # the job every six hours for a month
        time_machine.move_to(T0 + datetime.timedelta(hours=hours, minutes=1))
        result = committed(positionings_process_unanswered)
        if result["reminded"]:
            sent.append(hours // 24)
    assert sent == [7, 14, 21, 28]
    transmitted.refresh_from_db()
    assert (transmitted.reminders_sent, transmitted.status) == (4, S.EXPIRED)
    assert len(reminders_to(personas.geiq_recruiter.email)) == 4


def test_the_positioning_expires_after_thirty_days_and_the_log_says_so(
    personas, transmitted, time_machine, committed
):
    time_machine.move_to(T0 + datetime.timedelta(days=7, minutes=1))
    committed(positionings_process_unanswered)
    time_machine.move_to(T0 + datetime.timedelta(days=30, minutes=1))
    assert committed(positionings_process_unanswered) == {"reminded": 0, "expired": 1}
    transmitted.refresh_from_db()
    assert transmitted.status == S.EXPIRED
    log = PositioningTransition.objects.filter(positioning=transmitted).order_by("-at", "-pk").first()
    assert (log.name, log.by, log.from_status) == ("expire", None, S.TRANSMITTED)
    assert len(reminders_to(personas.geiq_recruiter.email)) == 1


def test_delays_follow_the_settings(personas, transmitted, time_machine, settings, committed):
    settings.RELAIS_POSITIONING_REMINDER_DAYS = 2
    settings.RELAIS_POSITIONING_EXPIRY_DAYS = 3
    time_machine.move_to(T0 + datetime.timedelta(days=2, minutes=1))
    assert committed(positionings_process_unanswered)["reminded"] == 1
    time_machine.move_to(T0 + datetime.timedelta(days=3, minutes=1))
    assert committed(positionings_process_unanswered)["expired"] == 1


def test_an_answered_positioning_is_neither_reminded_nor_expired(
    personas, transmitted, time_machine, committed
):
    time_machine.move_to(T0 + datetime.timedelta(days=1))
    apply(POSITIONING_LIFECYCLE, transmitted, "acknowledge", scope=Scope.for_user(personas.geiq_recruiter))
    time_machine.move_to(T0 + datetime.timedelta(days=60))
    assert committed(positionings_process_unanswered) == {"reminded": 0, "expired": 0}
    assert Positioning.objects.get(pk=transmitted.pk).status == S.ACKNOWLEDGED


def test_a_positioning_still_with_the_referent_is_not_reminded(
    personas, youth, opportunity, time_machine, committed
):
    time_machine.move_to(T0, tick=False)
    youth.consent_given_at = datetime.date(2025, 1, 1)
    youth.save(update_fields=["consent_given_at"])
    positioning_at(personas, S.PROPOSED, youth=youth, opportunity=opportunity)
    time_machine.move_to(T0 + datetime.timedelta(days=45))
    assert committed(positionings_process_unanswered) == {"reminded": 0, "expired": 0}


def test_the_periodic_task_runs_the_same_body(personas, transmitted, time_machine):
    from relais.positionings.tasks import process_unanswered_positionings

    time_machine.move_to(T0 + datetime.timedelta(days=31))
    process_unanswered_positionings.call_local()
    transmitted.refresh_from_db()
    assert transmitted.status == S.EXPIRED
