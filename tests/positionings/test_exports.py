"""Exports of the positioning lists: what each list shows, typed, formula-safe, access-logged, bounded."""

import datetime

import pytest

from relais.core.models import AccessLog, AccessLogSubject
from relais.positionings.enums import PositioningStatus as S
from tests.core.export_files import column, csv_rows, query_count, xlsx_sheet, xlsx_text
from tests.positionings.conftest import CANARY
from tests.positionings.factories import consenting_youth, positioning_at, published_opportunity

pytestmark = pytest.mark.django_db

FLAG_WORDS = ["RQTH", "QPV", "CEJ", "Décrocheur", "Sans diplôme", "prioritaire"]


def export_logs(user):
    return AccessLog.objects.filter(user=user, kind=AccessLog.Kind.EXPORT)


def subjects(log) -> set[int]:
    return set(AccessLogSubject.objects.filter(access_log=log).values_list("subject_id", flat=True))


@pytest.fixture
def formula_opportunity(personas, rome):
    return published_opportunity(personas.network, rome_title=rome.mason, title='=HYPERLINK("http://x")')


def test_the_counsellors_export_holds_the_filtered_list_with_typed_cells(
    client, personas, youth, opportunity, formula_opportunity
):
    open_one = positioning_at(personas, S.PROPOSED, youth=youth, opportunity=formula_opportunity)
    cancelled = positioning_at(personas, S.CANCELLED, youth=youth, opportunity=opportunity)
    client.force_login(personas.counsellor_a)
    rows = csv_rows(client.get("/positionnements/?export=csv"))
    # The page's default filter (open positionings) applies to the file too.
    assert column(rows, "N°") == [str(open_one.pk)]
    assert column(rows, "Opportunité") == ['\'=HYPERLINK("http://x")']
    assert column(rows, "Jeune") == ["DUPONT Léa"]
    everything = csv_rows(client.get("/positionnements/?status=&export=csv"))
    assert sorted(column(everything, "N°")) == sorted([str(open_one.pk), str(cancelled.pk)])
    sheet = xlsx_sheet(client.get("/positionnements/?status=&export=xlsx"))
    numbers = column(sheet, "N°")
    assert {cell.value for cell in numbers} == {open_one.pk, cancelled.pk}
    assert all(cell.data_type == "n" for cell in numbers)
    proposed = column(sheet, "Proposé le")[0]
    assert proposed.is_date and proposed.value.date() == datetime.date.today()
    titles = [cell for cell in column(sheet, "Opportunité") if cell.value.startswith("=")]
    assert titles and all(cell.data_type == "s" and cell.quotePrefix for cell in titles)


def test_the_counsellors_export_is_logged_with_the_young_people_it_holds(
    client, personas, youth, opportunity
):
    positioning_at(personas, S.PROPOSED, youth=youth, opportunity=opportunity)
    client.force_login(personas.counsellor_a)
    client.get("/positionnements/?export=xlsx")
    log = export_logs(personas.counsellor_a).get()
    assert subjects(log) == {youth.pk}
    assert "XLSX" in log.description and "1 jeune" in log.description


def test_the_referents_export_is_their_waiting_list(client, personas, youth, opportunity, rome):
    waiting = positioning_at(personas, S.PROPOSED, youth=youth, opportunity=opportunity)
    other = consenting_youth(personas.network.ml_a, commune=personas.network.lyon, sought_titles=[rome.mason])
    positioning_at(personas, S.TRANSMITTED, youth=other, opportunity=opportunity)
    client.force_login(personas.cre_a)
    rows = csv_rows(client.get("/positionnements/a-transmettre/?export=csv"))
    assert column(rows, "N°") == [str(waiting.pk)]
    assert subjects(export_logs(personas.cre_a).get()) == {youth.pk}


def test_a_partners_xlsx_export_shows_the_candidate_but_never_a_flag_or_the_canary(
    client, personas, youth, opportunity
):
    positioning = positioning_at(personas, S.TRANSMITTED, youth=youth, opportunity=opportunity)
    client.force_login(personas.geiq_recruiter)
    response = client.get("/positionnements/candidatures-recues/?export=xlsx")
    text = xlsx_text(response)
    assert "Dupont" in text and str(positioning.pk) in text
    assert CANARY not in text
    for word in FLAG_WORDS:
        assert word not in text, word
    sheet = xlsx_sheet(response)
    assert column(sheet, "Transmis le")[0].is_date and column(sheet, "Âge")[0].data_type == "n"
    assert subjects(export_logs(personas.geiq_recruiter).get()) == {youth.pk}


def test_an_export_beyond_the_bound_is_cut_and_says_so_in_french(
    client, settings, personas, youth, opportunity, formula_opportunity
):
    settings.RELAIS_EXPORT_MAX_ROWS = 1
    positioning_at(personas, S.PROPOSED, youth=youth, opportunity=opportunity)
    positioning_at(personas, S.PROPOSED, youth=youth, opportunity=formula_opportunity)
    client.force_login(personas.counsellor_a)
    response = client.get("/positionnements/?export=csv")
    header, first, notice = csv_rows(response)
    assert first[0].isdigit()
    assert notice[0].startswith("Export limité aux 1 premières lignes") and "Affinez les filtres" in notice[0]
    assert response["X-Export-Capped"] == "1"


def test_the_export_takes_as_many_queries_for_one_row_as_for_several(
    client, personas, youth, opportunity, rome
):
    positioning_at(personas, S.PROPOSED, youth=youth, opportunity=opportunity)
    client.force_login(personas.counsellor_a)
    url = "/positionnements/?tous=1&export=xlsx"
    one = query_count(client, url)
    for n in range(3):
        other = consenting_youth(
            personas.network.ml_a, commune=personas.network.lyon, sought_titles=[rome.mason]
        )
        more = published_opportunity(personas.network, rome_title=rome.mason, title=f"Offre {n}")
        positioning_at(personas, S.PROPOSED, youth=other, opportunity=more)
    assert query_count(client, url) == one


def test_the_partners_export_takes_as_many_queries_for_one_row_as_for_several(
    client, personas, youth, opportunity, rome
):
    positioning_at(personas, S.TRANSMITTED, youth=youth, opportunity=opportunity)
    client.force_login(personas.geiq_recruiter)
    url = "/positionnements/candidatures-recues/?export=csv"
    one = query_count(client, url)
    for _ in range(3):
        other = consenting_youth(
            personas.network.ml_a, commune=personas.network.lyon, sought_titles=[rome.mason]
        )
        positioning_at(personas, S.TRANSMITTED, youth=other, opportunity=opportunity)
    assert query_count(client, url) == one


def test_the_list_pages_link_to_both_formats(client, personas, youth, opportunity):
    positioning_at(personas, S.PROPOSED, youth=youth, opportunity=opportunity)
    client.force_login(personas.counsellor_a)
    page = client.get("/positionnements/?status=").content.decode()
    assert "export=csv" in page and "export=xlsx" in page
    client.force_login(personas.geiq_recruiter)
    page = client.get("/positionnements/candidatures-recues/").content.decode()
    assert "export=xlsx" in page
