"""The events' jobs under a frozen clock: reminders once each, attendance requested until recorded."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from relais.core.notifications import OutboxEmail
from relais.core.scope import Scope
from relais.events.attendance import attendance_record
from relais.events.jobs import request_attendance, send_reminders
from relais.events.registrations import registration_add_staff
from tests.events.factories import make_event

pytestmark = pytest.mark.django_db


def test_registered_staff_are_reminded_once_two_days_before(personas):
    event = make_event(personas.network.geiq, days=5)
    registration_add_staff(event=event, scope=Scope.for_user(personas.cre_a))
    assert send_reminders() == 0
    with time_machine.travel(event.starts_at - datetime.timedelta(days=1), tick=False):
        assert send_reminders() == 1
        assert send_reminders() == 0
    rows = OutboxEmail.objects.filter(code="events.reminder")
    assert [row.recipient for row in rows] == [personas.cre_a]


def test_the_organiser_is_asked_for_attendance_daily_until_recorded(personas):
    event = make_event(personas.network.geiq, days=-1)
    now = timezone.now()
    assert request_attendance(now=now) == 1
    assert request_attendance(now=now) == 0
    attendance_record(event=event, scope=Scope.for_user(personas.geiq_recruiter), present_ids=[])
    assert request_attendance(now=now + datetime.timedelta(days=1)) == 0
