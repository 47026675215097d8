"""Exports of the opportunity lists (received, published, network): the filtered list, typed, formula-safe."""

import pytest

from relais.core.models import AccessLog
from relais.opportunities.enums import OpportunityStatus
from tests.core.export_files import column, csv_rows, query_count, xlsx_sheet, xlsx_text
from tests.opportunities.factories import OpportunityFactory, delivered
from tests.territories.factories import CommuneFactory

pytestmark = pytest.mark.django_db
LIST = "/opportunites/"


def received(personas, rome_title, *, title, commune=None, kind="apprenticeship", **fields):
    opportunity = OpportunityFactory(
        publisher=personas.network.geiq,
        rome_title=rome_title,
        commune=commune or personas.network.lyon,
        status=OpportunityStatus.PUBLISHED,
        title=title,
        kind=kind,
        **fields,
    )
    delivered(opportunity, personas.network.ml_a)
    return opportunity


def test_the_received_export_follows_the_filters_with_typed_cells(client, personas, rome_title):
    formula = received(personas, rome_title, title='=HYPERLINK("http://x")', positions=3)
    received(
        personas,
        rome_title,
        title="En cuisine",
        kind="pmsmp",
        duration_months=None,
        weekly_hours=None,
        commune=personas.network.grenoble,
    )
    client.force_login(personas.cre_a)
    everything = csv_rows(client.get(f"{LIST}?vue=recues&export=csv"))
    assert len(everything) == 3
    rows = csv_rows(client.get(f"{LIST}?vue=recues&kind=apprenticeship&export=csv"))
    assert column(rows, "N°") == [str(formula.pk)]
    assert column(rows, "Opportunité") == ['\'=HYPERLINK("http://x")']
    sheet = xlsx_sheet(client.get(f"{LIST}?vue=recues&kind=apprenticeship&export=xlsx"))
    positions, start, title = (
        column(sheet, "Postes")[0],
        column(sheet, "Début")[0],
        column(sheet, "Opportunité")[0],
    )
    assert (positions.value, positions.data_type) == (3, "n")
    assert start.is_date and start.value.date() == formula.start_date
    assert title.data_type == "s" and title.quotePrefix
    # Distances from the Mission Locale's commune, as the page shows them: Lyon to Lyon.
    assert column(sheet, "Distance (km)")[0].value in (0, None)
    assert column(sheet, "Lue")[0].value == "non"
    assert not AccessLog.objects.filter(user=personas.cre_a).exists()


def test_the_received_export_sorts_by_distance_from_a_chosen_commune(client, personas, rome_title):
    n = personas.network
    villeurbanne = CommuneFactory(
        code="69266", name="Villeurbanne", department=n.rhone, latitude=45.771, longitude=4.880
    )
    received(personas, rome_title, title="À Grenoble", commune=n.grenoble)
    received(personas, rome_title, title="Près de Lyon", commune=villeurbanne)
    client.force_login(personas.cre_a)
    sheet = xlsx_sheet(client.get(f"{LIST}?vue=recues&commune={n.grenoble.pk}&export=xlsx"))
    assert [cell.value for cell in column(sheet, "Opportunité")] == ["À Grenoble", "Près de Lyon"]
    distances = [cell.value for cell in column(sheet, "Distance (km)")]
    assert distances[0] == 0 and distances[1] > 50


def test_the_partners_published_export_has_the_counts_and_no_priority_public(client, personas, rome_title):
    opportunity = received(personas, rome_title, title="Maçon", priority_publics=["rqth", "qpv_resident"])
    client.force_login(personas.geiq_recruiter)
    response = client.get(f"{LIST}?vue=publiees&export=xlsx")
    sheet = xlsx_sheet(response)
    assert [cell.value for cell in column(sheet, "N°")] == [opportunity.pk]
    delivered_to = column(sheet, "Missions Locales destinataires")[0]
    assert (delivered_to.value, delivered_to.data_type) == (1, "n")
    text = xlsx_text(response)
    for word in ("RQTH", "QPV", "prioritaire"):
        assert word not in text


@pytest.mark.parametrize(("persona", "view"), [("cre_a", "recues"), ("geiq_recruiter", "publiees")])
def test_the_opportunity_export_takes_as_many_queries_for_one_row_as_for_several(
    client, personas, rome_title, persona, view
):
    received(personas, rome_title, title="Premier")
    client.force_login(getattr(personas, persona))
    url = f"{LIST}?vue={view}&export=xlsx"
    one = query_count(client, url)
    for i in range(4):
        received(personas, rome_title, title=f"Poste {i}")
    assert query_count(client, url) == one


def test_the_list_page_links_to_both_formats(client, personas, rome_title):
    received(personas, rome_title, title="Maçon")
    client.force_login(personas.cre_a)
    page = client.get(f"{LIST}?vue=recues").content.decode()
    assert "export=csv" in page and "export=xlsx" in page
