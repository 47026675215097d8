"""Exports of the event lists: the upcoming list with its filters and "my events", typed and formula-safe."""

import pytest

from relais.core.models import AccessLog
from relais.events.enums import EventKind
from tests.core.export_files import column, csv_rows, query_count, xlsx_sheet
from tests.events.factories import make_event

pytestmark = pytest.mark.django_db


def test_the_upcoming_list_export_follows_the_calendar_filters(client, personas):
    ml_a = personas.network.ml_a
    trades = make_event(ml_a, title='=HYPERLINK("http://x")', capacity=12)
    other = make_event(ml_a, title="Job dating", kind=EventKind.FORUM, days=12)
    client.force_login(personas.counsellor_a)
    everything = csv_rows(client.get("/evenements/?vue=liste&export=csv"))
    assert set(column(everything, "N°")) >= {str(trades.pk), str(other.pk)}
    filtered = csv_rows(client.get(f"/evenements/?vue=liste&kind={EventKind.TRADES_YOUTHS}&export=csv"))
    assert column(filtered, "N°") == [str(trades.pk)]
    assert column(filtered, "Événement") == ['\'=HYPERLINK("http://x")']
    sheet = xlsx_sheet(client.get(f"/evenements/?vue=liste&kind={EventKind.TRADES_YOUTHS}&export=xlsx"))
    start, places, title = (
        column(sheet, "Début")[0],
        column(sheet, "Places")[0],
        column(sheet, "Événement")[0],
    )
    assert start.is_date and start.value.hour == 9
    assert (places.value, places.data_type) == (12, "n")
    assert title.data_type == "s" and title.quotePrefix
    # No young person in an event list: nothing in the access log.
    assert not AccessLog.objects.filter(user=personas.counsellor_a).exists()


def test_my_events_export_holds_the_events_of_my_structure_only(client, personas):
    mine = make_event(personas.network.ml_a, title="Forum de Lyon")
    make_event(personas.network.ml_b, title="Forum de Grenoble")
    client.force_login(personas.counsellor_a)
    rows = csv_rows(client.get("/evenements/mes-evenements/?export=csv"))
    assert column(rows, "Événement") == ["Forum de Lyon"]
    assert column(rows, "Organisé par") == [personas.network.ml_a.name]
    assert column(rows, "N°") == [str(mine.pk)]
    page = client.get("/evenements/mes-evenements/").content.decode()
    assert "export=csv" in page and "export=xlsx" in page


def test_the_event_export_takes_as_many_queries_for_one_row_as_for_several(client, personas):
    make_event(personas.network.ml_a, title="Premier")
    client.force_login(personas.counsellor_a)
    url = "/evenements/?vue=liste&export=xlsx"
    one = query_count(client, url)
    for n in range(3):
        make_event(personas.network.ml_a, title=f"Suivant {n}", days=11 + n)
    assert query_count(client, url) == one
