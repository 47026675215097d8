"""Who sees which opportunity, and the first reading recorded per Mission Locale."""

import pytest
from django.urls import reverse

from relais.core.scope import Scope
from relais.opportunities.models import Delivery
from relais.opportunities.selectors import opportunities_visible_to
from tests.opportunities.factories import delivered

pytestmark = pytest.mark.django_db


def detail_url(opportunity):
    return reverse("opportunities:detail", args=[opportunity.pk])


def test_the_first_reading_is_recorded_once_by_a_member_of_the_mission_locale(client, personas, published):
    n = personas.network
    delivered(published, n.ml_a, n.ml_b)
    client.force_login(personas.counsellor_a)
    assert client.get(detail_url(published)).status_code == 200
    delivery = Delivery.objects.get(opportunity=published, mission_locale=n.ml_a)
    assert delivery.first_read_by == personas.counsellor_a
    first_read_at = delivery.first_read_at
    assert first_read_at is not None

    client.force_login(personas.cre_a)
    client.get(detail_url(published))
    delivery.refresh_from_db()
    assert (delivery.first_read_at, delivery.first_read_by) == (first_read_at, personas.counsellor_a)
    # Reading by ML A says nothing about ML B.
    assert Delivery.objects.get(opportunity=published, mission_locale=n.ml_b).first_read_at is None


@pytest.mark.parametrize("persona", ["arml_coordinator", "geiq_recruiter", "geiq_coordinator", "admin"])
def test_opening_the_page_outside_the_mission_locale_records_no_reading(client, personas, published, persona):
    delivered(published, personas.network.ml_a)
    client.force_login(getattr(personas, persona))
    assert client.get(detail_url(published)).status_code == 200
    assert Delivery.objects.get(opportunity=published).first_read_at is None


def test_a_counsellor_of_another_mission_locale_gets_404(client, personas, published):
    delivered(published, personas.network.ml_a)
    client.force_login(personas.counsellor_b)
    assert client.get(detail_url(published)).status_code == 404
    assert Delivery.objects.get(opportunity=published).first_read_at is None


def test_a_draft_is_seen_only_on_the_publisher_side(client, personas, draft):
    delivered(draft, personas.network.ml_a)  # even a stray delivery does not reveal a draft
    for persona, status in [
        ("geiq_recruiter", 200),
        ("geiq_coordinator", 200),
        ("cre_a", 404),
        ("arml_coordinator", 404),
        ("state_observer", 404),
    ]:
        client.force_login(getattr(personas, persona))
        assert client.get(detail_url(draft)).status_code == status, persona


def test_visibility_per_persona(personas, published, rome_title):
    from tests.opportunities.factories import OpportunityFactory

    n = personas.network
    delivered(published, n.ml_a)
    elsewhere = OpportunityFactory(
        publisher=n.geiq_2, rome_title=rome_title, commune=n.grenoble, status="published"
    )
    expectations = {
        "cre_a": {published},
        "counsellor_a": {published},
        "counsellor_b": set(),
        "geiq_recruiter": {published},
        "geiq_coordinator": {published, elsewhere},
        "arml_coordinator": {published, elsewhere},  # every non-draft one located in the ARML's region
        "state_observer": set(),
    }
    for persona, expected in expectations.items():
        assert set(opportunities_visible_to(Scope.for_user(getattr(personas, persona)))) == expected, persona
