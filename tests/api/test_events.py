"""Events through the API (read): what the organisation sees, its registrations as the page shows them."""

import pytest

from relais.core.models import AccessLog
from relais.core.scope import Scope
from relais.events.registrations import registration_add_youth
from tests.api.conftest import client_for, make_token
from tests.events.factories import make_event
from tests.youths.factories import YouthFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/events/"


def test_an_invited_mission_locale_reads_the_event_and_its_own_young_people(
    managers, ml_a_client, ml_b_client
):
    network = managers.network
    event = make_event(network.geiq, invite=[network.ml_a], capacity=5)
    draft = make_event(network.geiq, status="draft", title="Brouillon")
    youth = YouthFactory(mission_locale=network.ml_a, first_name="Léa", last_name="Dupont")
    registration_add_youth(
        event=event, youth=youth, scope=Scope.for_user(managers.counsellor_a), consent_recorded=True
    )
    ids = [row["id"] for row in ml_a_client.get(URL).json()["results"]]
    assert event.pk in ids and draft.pk not in ids
    body = ml_a_client.get(f"{URL}{event.pk}/registrations/").json()
    assert body["seated"] == 1 and [line["name"] for line in body["youths"]] == ["Léa Dupont"]
    assert AccessLog.objects.filter(subjects__subject_id=youth.pk).exists()
    # ML B was not invited: the event answers 404.
    assert ml_b_client.get(f"{URL}{event.pk}/").status_code == 404
    assert ml_b_client.get(f"{URL}{event.pk}/registrations/").status_code == 404


def test_the_organiser_sees_its_drafts_and_an_events_scope_is_needed(managers, geiq_client):
    network = managers.network
    draft = make_event(network.geiq, status="draft", title="Brouillon")
    assert geiq_client.get(f"{URL}{draft.pk}/").json()["status"] == "draft"
    _, secret = make_token(managers.geiq_manager, network.geiq, scopes=["opportunities:read"])
    assert client_for(secret).get(URL).status_code == 403
