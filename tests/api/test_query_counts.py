"""The API's lists run a fixed number of queries, whatever the number of rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from relais.positionings.enums import PositioningStatus as S
from tests.positionings.factories import consenting_youth, positioning_at, published_opportunity

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_opportunities_and_positionings_lists_do_not_grow_with_rows(managers, rome, geiq_client, ml_a_client):
    network = managers.network

    def add_rows():
        opportunity = published_opportunity(network, rome_title=rome.mason)
        youth = consenting_youth(
            network.ml_a, counsellor=managers.counsellor_a.person, sought_titles=[rome.mason]
        )
        positioning_at(managers, S.TRANSMITTED, youth=youth, opportunity=opportunity)

    add_rows()
    for client in (geiq_client, ml_a_client):  # the first call records the token's last use
        client.get("/api/v1/directory/partners/")
    counts = {
        (name, url): queries(client, url)
        for name, client in (("partner", geiq_client), ("ml", ml_a_client))
        for url in ("/api/v1/opportunities/", "/api/v1/positionings/")
    }
    for _ in range(3):
        add_rows()
    for (name, url), before in counts.items():
        client = geiq_client if name == "partner" else ml_a_client
        assert queries(client, url) == before, (name, url)
