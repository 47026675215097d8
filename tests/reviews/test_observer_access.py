"""Observers see masked aggregates only: a single period's figures send them to the roll-up."""

import pytest

pytestmark = pytest.mark.django_db


def test_an_observer_is_sent_from_a_review_and_its_exports_to_the_masked_roll_up(client, personas, review):
    client.force_login(personas.state_observer)
    convention = review.convention
    for url in (
        "/bilans/",
        f"/bilans/{convention.pk}/",
        f"/bilans/{convention.pk}/bilan.csv",
        f"/bilans/{convention.pk}/bilan.xlsx",
    ):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, "/bilans/consolidation/"), url
    client.force_login(personas.arml_coordinator)
    assert client.get(f"/bilans/{convention.pk}/").status_code == 200


def test_the_convention_page_shows_an_observer_no_live_figures(client, personas, review, charter):
    client.force_login(personas.state_observer)
    body = client.get(f"/conventions/{charter.pk}/").content.decode()
    assert 'data-testid="activity-for-observers"' in body and 'data-testid="activity"' not in body
    client.force_login(personas.arml_coordinator)
    body = client.get(f"/conventions/{charter.pk}/").content.decode()
    assert 'data-testid="activity"' in body
