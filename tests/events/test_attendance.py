"""Attendance in bulk: present ones checked, the others absent, all or nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from relais.core.scope import Scope
from relais.events.attendance import attendance_record
from relais.events.enums import RegistrationStatus as R
from relais.events.models import Registration
from tests.events.factories import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def past(personas):
    event = make_event(personas.network.geiq, days=-1)
    for user in (personas.cre_a, personas.counsellor_b):
        Registration.objects.create(event=event, kind="staff", person=user.person, status=R.REGISTERED)
    return event


def test_the_checklist_marks_present_and_absent(personas, past):
    first, second = past.registrations.order_by("pk")
    counts = attendance_record(
        event=past, scope=Scope.for_user(personas.geiq_recruiter), present_ids=[first.pk]
    )
    assert counts == {"attended": 1, "no_show": 1, "unchanged": 0}
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.status, second.status) == (R.ATTENDED, R.NO_SHOW)
    past.refresh_from_db()
    assert past.attendance_recorded_at is not None


def test_an_unknown_registration_saves_nothing(personas, past):
    first = past.registrations.order_by("pk").first()
    with pytest.raises(ValidationError):
        attendance_record(
            event=past, scope=Scope.for_user(personas.geiq_recruiter), present_ids=[first.pk, 999999]
        )
    assert set(past.registrations.values_list("status", flat=True)) == {R.REGISTERED}


def test_only_organisers_record_attendance(personas, past):
    with pytest.raises(PermissionDenied):
        attendance_record(event=past, scope=Scope.for_user(personas.cre_a), present_ids=[])


def test_the_checklist_leaves_the_young_people_it_does_not_show_to_their_mission_locale(
    client, personas, past
):
    from tests.youths.factories import YouthFactory

    youth = YouthFactory(mission_locale=personas.network.ml_a)
    hidden = Registration.objects.create(
        event=past, kind="youth", youth=youth, organization=personas.network.ml_a, status=R.REGISTERED
    )
    first, second = past.registrations.filter(kind="staff").order_by("pk")
    client.force_login(
        personas.geiq_recruiter
    )  # the partner organiser: no consent, the young person is a count
    page = client.get(f"/evenements/{past.pk}/presences/").content.decode()
    assert f'value="{hidden.pk}"' not in page
    client.post(f"/evenements/{past.pk}/presences/", {"present": [first.pk]})
    hidden.refresh_from_db(), second.refresh_from_db()
    assert (hidden.status, second.status) == (R.REGISTERED, R.NO_SHOW)


def test_an_excused_absence_stays_excused_when_attendance_is_recorded(personas, past):
    """Recording attendance turned an excused registration into "absent"."""
    first, second = past.registrations.order_by("pk")
    Registration.objects.filter(pk=second.pk).update(status=R.EXCUSED)
    counts = attendance_record(
        event=past, scope=Scope.for_user(personas.geiq_recruiter), present_ids=[first.pk]
    )
    assert counts == {"attended": 1, "no_show": 0, "unchanged": 1}
    second.refresh_from_db()
    assert second.status == R.EXCUSED
