"""The young people's list export through the shared helper: typed, formula-safe, logged per young person, flat
in queries, bounded."""

import pytest

from relais.core.models import AccessLog, AccessLogSubject
from tests.core.export_files import column, csv_rows, query_count, xlsx_sheet
from tests.youths.factories import YouthFactory

pytestmark = pytest.mark.django_db
EXPORT = "/jeunes/export/"


def test_the_xlsx_has_dates_and_numbers_and_keeps_formula_text_as_text(client, personas, youth_a):
    youth_a.last_name = "=1+1"
    youth_a.max_distance_km = 30
    youth_a.save(update_fields=["last_name", "max_distance_km"])
    client.force_login(personas.counsellor_a)
    sheet = xlsx_sheet(client.get(EXPORT, {"format": "xlsx"}))
    born, distance, name = (
        column(sheet, "Date de naissance")[0],
        column(sheet, "Distance max (km)")[0],
        column(sheet, "Nom")[0],
    )
    assert born.is_date and born.value.date() == youth_a.birth_date
    assert (distance.value, distance.data_type) == (30, "n")
    assert name.value == "=1+1" and name.data_type == "s" and name.quotePrefix
    assert csv_rows(client.get(EXPORT, {"format": "csv"}))[1][1] == "'=1+1"


def test_the_export_logs_each_young_person_it_holds(client, personas, youth_a):
    other = YouthFactory(mission_locale=personas.network.ml_a, commune=personas.network.lyon)
    YouthFactory(mission_locale=personas.network.ml_b, commune=personas.network.grenoble)
    client.force_login(personas.counsellor_a)
    client.get(EXPORT, {"format": "csv"})
    log = AccessLog.objects.get(user=personas.counsellor_a, kind=AccessLog.Kind.EXPORT)
    assert set(AccessLogSubject.objects.filter(access_log=log).values_list("subject_id", flat=True)) == {
        youth_a.pk,
        other.pk,
    }


def test_the_export_is_bounded_and_says_so(client, settings, personas, youth_a):
    settings.RELAIS_EXPORT_MAX_ROWS = 1
    YouthFactory(mission_locale=personas.network.ml_a, commune=personas.network.lyon)
    client.force_login(personas.counsellor_a)
    rows = csv_rows(client.get(EXPORT, {"format": "csv"}))
    assert len(rows) == 3 and rows[2][0].startswith("Export limité aux 1 premières lignes")
    log = AccessLog.objects.get(user=personas.counsellor_a, kind=AccessLog.Kind.EXPORT)
    assert AccessLogSubject.objects.filter(access_log=log).count() == 1


def test_the_export_takes_as_many_queries_for_one_row_as_for_several(client, personas, youth_a, rome):
    client.force_login(personas.counsellor_a)
    one = query_count(client, f"{EXPORT}?format=xlsx")
    for _ in range(3):
        YouthFactory(
            mission_locale=personas.network.ml_a, commune=personas.network.lyon, sought_titles=[rome.mason]
        )
    assert query_count(client, f"{EXPORT}?format=xlsx") == one
