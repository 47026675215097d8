"""Exports of the conventions list: the filtered tree, typed dates, formula-safe titles, flat queries."""

import pytest

from relais.conventions.enums import ConventionStatus
from tests.conventions.factories import ConventionFactory
from tests.core.export_files import column, csv_rows, query_count, xlsx_sheet

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_conventions(personas):
    n = personas.network
    charter = ConventionFactory(title='=HYPERLINK("http://x")', region=n.aura, parties=[n.cr_geiq, n.arml])
    local = ConventionFactory(
        title="Déclinaison locale", region=n.aura, parties=[n.cr_geiq, n.arml], parent=charter, local=True
    )
    return charter, local


def test_the_conventions_export_is_the_filtered_tree(client, personas, two_conventions):
    charter, local = two_conventions
    client.force_login(personas.arml_coordinator)
    rows = csv_rows(client.get("/conventions/?export=csv"))
    assert column(rows, "N°") == [str(charter.pk), str(local.pk)]
    assert column(rows, "Niveau dans l'arborescence") == ["0", "1"]
    assert column(rows, "Convention")[0].startswith("'=")
    filtered = csv_rows(client.get("/conventions/?q=locale&export=csv"))
    assert column(filtered, "N°") == [str(local.pk)]


def test_the_conventions_xlsx_has_dates_and_numbers(client, personas, two_conventions):
    charter, _ = two_conventions
    client.force_login(personas.arml_coordinator)
    sheet = xlsx_sheet(client.get("/conventions/?export=xlsx"))
    start, number, title = column(sheet, "Début")[0], column(sheet, "N°")[0], column(sheet, "Convention")[0]
    assert start.is_date and start.value.date() == charter.start_date
    assert (number.value, number.data_type) == (charter.pk, "n")
    assert title.data_type == "s" and title.quotePrefix


def test_the_conventions_export_takes_as_many_queries_for_one_row_as_for_several(client, personas):
    n = personas.network
    ConventionFactory(title="Première", region=n.aura, parties=[n.cr_geiq, n.arml])
    client.force_login(personas.arml_coordinator)
    one = query_count(client, "/conventions/?export=xlsx")
    for i in range(3):
        ConventionFactory(
            title=f"Suivante {i}", region=n.aura, parties=[n.cr_geiq, n.arml], status=ConventionStatus.SIGNED
        )
    assert query_count(client, "/conventions/?export=xlsx") == one
