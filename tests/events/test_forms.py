"""The event form through the client: creation, errors keeping what was typed, choices limited to the
organiser's conventions, the convention's axis and action, the co-organisers' picker."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from relais.events.enums import OrganizerRole
from relais.events.models import Event
from tests.conventions.factories import ActionFactory, AxisFactory, ConventionFactory
from tests.events.factories import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def conventions(personas):
    """A convention the GEIQ BTP is party to (one axis, one action under it, one under another axis) and
    one it is not party to."""
    n = personas.network
    own = ConventionFactory(title="Convention GEIQ BTP – ML Lyon", parties=[n.geiq, n.ml_a])
    axis = AxisFactory(convention=own, title="Découverte des métiers")
    other_axis = AxisFactory(convention=own, title="Recrutement")
    return type(
        "Conventions",
        (),
        {
            "own": own,
            "axis": axis,
            "action": ActionFactory(convention=own, axis=axis, text="Visites de chantiers"),
            "other_action": ActionFactory(convention=own, axis=other_axis, text="Job dating"),
            "foreign": ConventionFactory(title="Convention Propreté Isère", parties=[n.geiq_2, n.ml_b]),
        },
    )


def form_data(personas, **overrides):
    day = timezone.localdate() + datetime.timedelta(days=20)
    data = {
        "organizer": personas.network.geiq.pk,
        "kind": "trades_youths",
        "title": "Matinée découverte du BTP",
        "mode": "in_person",
        "commune": personas.network.lyon.pk,
        "address": "12 rue des Bâtisseurs",
        "audience": "both",
        "capacity": "30",
        "description": "Visite d'un chantier et rencontre des compagnons.",
        "slot_1_date": day.isoformat(),
        "slot_1_start": "09:00",
        "slot_1_end": "12:00",
        "perimeter": "list",
        "mission_locales": [personas.network.ml_a.pk],
        "co_organisers": [personas.network.geiq_2.pk],
    }
    data.update(overrides)
    return data


def test_the_organiser_creates_a_draft_with_its_slot_convention_action_and_co_organiser(
    client, personas, conventions
):
    client.force_login(personas.geiq_recruiter)
    data = form_data(
        personas,
        convention=conventions.own.pk,
        axis=conventions.axis.pk,
        action=conventions.action.pk,
    )
    response = client.post(reverse("events:create"), data)
    event = Event.objects.get()
    assert response.url == reverse("events:detail", args=[event.pk])
    assert (event.status, event.convention, event.axis, event.action) == (
        "draft",
        conventions.own,
        conventions.axis,
        conventions.action,
    )
    assert timezone.localtime(event.starts_at).hour == 9
    roles = {o.organization_id: o.role for o in event.organizers.all()}
    assert roles == {
        personas.network.geiq.pk: OrganizerRole.ORGANISER,
        personas.network.geiq_2.pk: OrganizerRole.CO_ORGANISER,
    }
    assert list(event.invited_mission_locales.all()) == [personas.network.ml_a]


def test_an_invalid_form_keeps_what_was_typed_and_saves_nothing(client, personas):
    client.force_login(personas.geiq_recruiter)
    data = form_data(personas, title="", slot_1_end="08:00")
    page = client.post(reverse("events:create"), data).content.decode()
    assert not Event.objects.exists()
    assert (
        "L&#x27;événement n&#x27;a pas été enregistré" in page or "L'événement n'a pas été enregistré" in page
    )
    assert "La fin doit suivre le début." in page
    assert "Visite d&#x27;un chantier" in page and "12 rue des Bâtisseurs" in page
    # The co-organiser and the commune chosen are still chosen.
    assert f'name="co_organisers" value="{personas.network.geiq_2.pk}"' in page
    assert 'id="commune-current"' in page


def test_only_the_organisers_conventions_are_offered_and_accepted(client, personas, conventions):
    client.force_login(personas.geiq_recruiter)
    page = client.get(reverse("events:create")).content.decode()
    assert "Convention GEIQ BTP – ML Lyon" in page and "Convention Propreté Isère" not in page
    page = client.post(reverse("events:create"), form_data(personas, convention=conventions.foreign.pk))
    assert not Event.objects.exists()
    assert "Sélectionnez un choix valide" in page.content.decode()


def test_an_action_of_another_axis_is_refused(client, personas, conventions):
    client.force_login(personas.geiq_recruiter)
    data = form_data(
        personas,
        convention=conventions.own.pk,
        axis=conventions.axis.pk,
        action=conventions.other_action.pk,
    )
    page = client.post(reverse("events:create"), data).content.decode()
    assert not Event.objects.exists()
    assert "Cette action relève d&#x27;un autre axe" in page or "Cette action relève d'un autre axe" in page


def test_the_organiser_edits_the_event_and_others_may_not(client, personas):
    event = make_event(personas.network.geiq, status="draft", invite=[personas.network.ml_a])
    client.force_login(personas.geiq_recruiter)
    page = client.get(reverse("events:edit", args=[event.pk])).content.decode()
    assert 'value="Collective métiers du BTP"' in page
    data = form_data(personas, title="Collective métiers du BTP (nouvelle date)", co_organisers=[])
    response = client.post(reverse("events:edit", args=[event.pk]), data)
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Collective métiers du BTP (nouvelle date)" and event.sequence == 1
    assert event.organizers.count() == 1
    client.force_login(personas.cre_a)
    assert client.get(reverse("events:edit", args=[event.pk])).status_code == 404  # a draft: not seen


def test_the_co_organiser_search_finds_by_name_and_the_selection_keeps_valid_ids_only(client, personas):
    client.force_login(personas.geiq_recruiter)
    fragment = client.get(reverse("events:organization_search"), {"organisation_q": "geiq"}).content.decode()
    assert "GEIQ BTP Rhône" in fragment and "GEIQ Propreté Isère" in fragment
    assert "Mission Locale de Lyon" not in fragment
    assert (
        "deux caractères"
        in client.get(reverse("events:organization_search"), {"organisation_q": "g"}).content.decode()
    )
    n = personas.network
    tags = client.get(
        reverse("events:organization_selection"),
        {"co_organisers": [str(n.geiq_2.pk), "abc", "999999"], "add": str(n.ml_b.pk)},
    ).content.decode()
    assert tags.count('name="co_organisers"') == 2
    assert "GEIQ Propreté Isère" in tags and "Mission Locale de Grenoble" in tags
