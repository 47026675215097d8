"""Who sees which opportunity, and the first reading recorded per Mission Locale."""

import datetime

import pytest
from django.urls import reverse

from relais.core.scope import Scope
from relais.opportunities.menu import home_section
from relais.opportunities.models import Delivery, DeliveryReading
from relais.opportunities.selectors import opportunities_visible_to
from relais.opportunities.services import delivery_mark_read
from tests.opportunities.factories import OpportunityFactory, delivered

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def detail_url(opportunity):
    return reverse("opportunities:detail", args=[opportunity.pk])


def test_a_counsellors_reading_is_their_own_and_the_mission_locale_reads_through_its_cre(
    client, personas, published
):
    n = personas.network
    delivered(published, n.ml_a, n.ml_b)
    client.force_login(personas.counsellor_a)
    assert client.get(detail_url(published)).status_code == 200
    delivery = Delivery.objects.get(opportunity=published, mission_locale=n.ml_a)
    # The counsellor has read it; the Mission Locale's CREs have not (the defect: it counted as theirs).
    assert DeliveryReading.objects.filter(delivery=delivery, user=personas.counsellor_a).exists()
    assert delivery.first_read_at is None and delivery.first_read_by is None

    client.force_login(personas.cre_a)
    client.get(detail_url(published))
    delivery.refresh_from_db()
    assert delivery.first_read_by == personas.cre_a and delivery.first_read_at is not None
    first_read_at = delivery.first_read_at
    client.get(detail_url(published))
    delivery.refresh_from_db()
    assert delivery.first_read_at == first_read_at
    assert DeliveryReading.objects.filter(delivery=delivery).count() == 2
    # Reading by ML A says nothing about ML B.
    assert Delivery.objects.get(opportunity=published, mission_locale=n.ml_b).first_read_at is None


def test_the_unread_mark_of_the_received_list_is_each_persons_own(client, personas, published):
    delivered(published, personas.network.ml_a)
    client.force_login(personas.counsellor_a)
    client.get(detail_url(published))
    assert 'badge--new">Non lue' not in client.get("/opportunites/?vue=recues").content.decode()
    client.force_login(personas.cre_a)
    assert 'badge--new">Non lue' in client.get("/opportunites/?vue=recues").content.decode()


def test_the_coordinator_sees_which_missions_locales_cres_read_it_with_a_summary_and_a_sort(
    client, personas, published
):
    n = personas.network
    delivered(published, n.ml_a, n.ml_b)
    client.force_login(personas.counsellor_a)
    client.get(detail_url(published))
    client.force_login(personas.arml_coordinator)
    body = client.get(detail_url(published)).content.decode()
    assert "<strong>0 / 2</strong> lue par les chargés de relations entreprises" in body
    client.force_login(personas.cre_a)
    client.get(detail_url(published))
    client.force_login(personas.arml_coordinator)
    body = client.get(detail_url(published)).content.decode()
    assert "<strong>1 / 2</strong> lue par les chargés" in body
    by_name = body.index("Mission Locale de Grenoble") < body.index("Mission Locale de Lyon</td>")
    unread_first = client.get(detail_url(published) + "?tri=lecture").content.decode()
    table = unread_first[unread_first.index("<caption>Missions Locales destinataires") :]
    assert by_name and table.index("Grenoble") < table.index("Lyon")
    assert "Le " in table and "Pas encore lue" in table


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


def test_the_home_panel_counts_what_the_person_has_not_read_in_words(personas, published, rome_title):
    n = personas.network
    second = OpportunityFactory(publisher=n.geiq, rome_title=rome_title, commune=n.lyon, status="published")
    delivered(published, n.ml_a)
    delivered(second, n.ml_a)
    scope = Scope.for_user(personas.counsellor_a)
    assert (
        home_section(scope, TODAY)
        .items[0]
        .label.startswith("2 opportunités diffusées à votre Mission Locale")
    )
    delivery_mark_read(opportunity=published, scope=scope)
    items = home_section(Scope.for_user(personas.counsellor_a), TODAY).items
    assert items[0].label.startswith("1 opportunité diffusée")
