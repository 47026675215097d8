"""Event pages: calendar, event page, visibility of young people across organisations, query counts, iCalendar."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from relais.core.models import AccessLogSubject
from relais.core.scope import Scope
from relais.events.registrations import registration_add_staff, registration_add_youth
from relais.events.services import event_move, event_update
from relais.youths.enums import ConsentScope
from tests.events.factories import make_event
from tests.youths.factories import YouthFactory

pytestmark = pytest.mark.django_db


def register(personas, event, **youth_fields):
    youth = YouthFactory(mission_locale=personas.network.ml_a, last_name="Durandal", **youth_fields)
    registration_add_youth(
        event=event, youth=youth, scope=Scope.for_user(personas.counsellor_a), consent_recorded=True
    )
    return youth


@pytest.fixture
def event(personas):
    return make_event(personas.network.geiq, invite=[personas.network.ml_a])


def test_the_youths_own_mission_locale_sees_the_name_and_the_read_is_logged(client, personas, event):
    youth = register(personas, event)
    client.force_login(personas.counsellor_a)
    page = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "Durandal" in page
    assert AccessLogSubject.objects.filter(subject_id=youth.pk).exists()


def test_the_partner_organiser_sees_only_a_count_without_consent(client, personas, event):
    register(personas, event)
    client.force_login(personas.geiq_recruiter)
    page = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "Durandal" not in page
    assert "1 jeune inscrit" in page


def test_the_partner_organiser_sees_the_name_when_consent_covers_it(client, personas, event):
    register(
        personas, event, consent_given_at=datetime.date(2024, 1, 1), consent_scope=ConsentScope.IDENTITY_ONLY
    )
    client.force_login(personas.geiq_recruiter)
    assert "Durandal" in client.get(reverse("events:detail", args=[event.pk])).content.decode()


def test_another_mission_locale_never_sees_the_name_and_cannot_act_on_the_registration(
    client, personas, event
):
    register(
        personas, event, consent_given_at=datetime.date(2024, 1, 1), consent_scope=ConsentScope.IDENTITY_ONLY
    )
    registration = event.registrations.get()
    client.force_login(personas.counsellor_b)
    # ML B is not invited, not a party: the event itself answers 404.
    assert client.get(reverse("events:detail", args=[event.pk])).status_code == 404
    event.invited_mission_locales.add(personas.network.ml_b)
    assert "Durandal" not in client.get(reverse("events:detail", args=[event.pk])).content.decode()
    url = reverse("events:registration_move", args=[event.pk, registration.pk, "cancel"])
    assert client.get(url).status_code == 404


def test_a_draft_is_seen_by_its_organisers_only(client, personas):
    draft = make_event(personas.network.geiq, status="draft", invite=[personas.network.ml_a])
    client.force_login(personas.cre_a)
    assert client.get(reverse("events:detail", args=[draft.pk])).status_code == 404
    client.force_login(personas.geiq_recruiter)
    assert client.get(reverse("events:detail", args=[draft.pk])).status_code == 200


def test_an_observer_sees_held_events_of_its_conventions_only(client, personas):
    from tests.conventions.factories import ConventionFactory

    convention = ConventionFactory(region=personas.network.aura, parties=[personas.network.cr_geiq])
    held = make_event(
        personas.network.geiq, status="held", days=-3, convention=convention, title="Forum tenu"
    )
    planned = make_event(personas.network.geiq, convention=convention, title="Forum prévu")
    client.force_login(personas.state_observer)
    assert client.get(reverse("events:detail", args=[held.pk])).status_code == 200
    assert client.get(reverse("events:detail", args=[planned.pk])).status_code == 404


def test_the_convention_page_lists_its_events_and_those_of_its_local_conventions(client, personas):
    from tests.conventions.factories import ConventionFactory

    charter = ConventionFactory(
        region=personas.network.aura, parties=[personas.network.cr_geiq, personas.network.arml]
    )
    local = ConventionFactory(
        region=personas.network.aura, local=True, parent=charter, parties=[personas.network.geiq]
    )
    make_event(personas.network.geiq, convention=charter, title="Webinaire annuel")
    make_event(personas.network.geiq, convention=local, title="Visite du chantier")
    client.force_login(personas.arml_coordinator)
    page = client.get(reverse("conventions:detail", args=[charter.pk])).content.decode()
    assert "Webinaire annuel" in page and "Visite du chantier" in page


def test_the_calendar_shows_the_month_and_the_list_with_filters(client, personas):
    make_event(personas.network.geiq, invite=[personas.network.ml_a], title="Forum alternance", kind="forum")
    make_event(personas.network.geiq, invite=[personas.network.ml_a], title="Atelier CV", kind="workshop")
    client.force_login(personas.cre_a)
    listing = client.get(reverse("events:calendar"), {"vue": "liste", "kind": "forum"}).content.decode()
    assert "Forum alternance" in listing and "Atelier CV" not in listing
    month = client.get(reverse("events:calendar")).content.decode()
    assert "Lun." in month


def _queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params or {}).status_code == 200
    return len(ctx.captured_queries)


def test_the_calendar_and_event_page_queries_do_not_grow_with_the_data(client, personas):
    client.force_login(personas.cre_a)
    event = make_event(personas.network.geiq, invite=[personas.network.ml_a], capacity=100)
    make_event(personas.network.geiq, invite=[personas.network.ml_a])
    register(personas, event)
    registration_add_staff(event=event, scope=Scope.for_user(personas.counsellor_a))
    small = (
        _queries(client, reverse("events:calendar")),
        _queries(client, reverse("events:calendar"), {"vue": "liste"}),
        _queries(client, reverse("events:detail", args=[event.pk])),
    )
    for i in range(5):
        make_event(personas.network.geiq, invite=[personas.network.ml_a], title=f"Atelier {i}")
        register(personas, event)
    registration_add_staff(event=event, scope=Scope.for_user(personas.cre_a))
    large = (
        _queries(client, reverse("events:calendar")),
        _queries(client, reverse("events:calendar"), {"vue": "liste"}),
        _queries(client, reverse("events:detail", args=[event.pk])),
    )
    assert small == large


def _vevents(content: bytes):
    return [c for c in Calendar.from_ical(content).walk("VEVENT")]


def test_the_event_ics_keeps_its_uid_raises_its_sequence_and_says_cancelled(client, personas, event):
    register(personas, event)
    client.force_login(personas.geiq_recruiter)
    url = reverse("events:ics", args=[event.pk])
    first = _vevents(client.get(url).content)[0]
    event_update(
        event=event, scope=Scope.for_user(personas.geiq_recruiter), title="Collective métiers du bâtiment"
    )
    second = _vevents(client.get(url).content)[0]
    assert str(first["uid"]) == str(second["uid"]) == f"event-{event.pk}@relais"
    assert int(second["sequence"]) > int(first["sequence"])
    assert second["dtstart"].dt.tzinfo is not None and "Europe/Paris" in str(
        second["dtstart"].params.get("TZID")
    )
    event_move(
        event=event, name="cancel", scope=Scope.for_user(personas.geiq_recruiter), cancel_reason="Intempéries"
    )
    third = _vevents(client.get(url).content)[0]
    assert str(third["status"]) == "CANCELLED" and int(third["sequence"]) > int(second["sequence"])
    assert b"Durandal" not in client.get(url).content


def test_the_private_feed_carries_the_events_the_user_is_registered_to(client, personas, event):
    from relais.conventions.feeds import calendar_feed_regenerate

    register(personas, event)
    registration_add_staff(event=event, scope=Scope.for_user(personas.cre_a))
    feed = calendar_feed_regenerate(scope=Scope.for_user(personas.cre_a))
    content = client.get(reverse("conventions:feed", args=[feed.key, feed.secret])).content
    uids = [str(v["uid"]) for v in _vevents(content)]
    assert f"event-{event.pk}@relais" in uids
    assert b"Durandal" not in content
