"""Exports of the mentorships list: the names a reader may see, access-logged per young person, typed."""

import pytest

from relais.core.models import AccessLog, AccessLogSubject
from tests.core.export_files import column, csv_rows, query_count, xlsx_sheet, xlsx_text
from tests.mentoring.factories import mentorship_for
from tests.positionings.factories import consenting_youth

pytestmark = pytest.mark.django_db


def test_the_mentorships_export_names_whom_the_reader_may_see_and_logs_them(
    client, personas, charter, mentor, youth, secret_youth
):
    shown = mentorship_for(personas.counsellor_a, mentor=mentor, convention=charter, youth=youth)
    hidden = mentorship_for(personas.counsellor_a, mentor=mentor, convention=charter, youth=secret_youth)
    client.force_login(personas.geiq_recruiter)
    rows = csv_rows(client.get("/parrainage/?export=csv"))
    labels = dict(zip(column(rows, "N°"), column(rows, "Jeune ou groupe"), strict=True))
    assert labels[str(shown.pk)] == "Léa DUPONT"
    assert labels[str(hidden.pk)] == f"Jeune suivi par {personas.network.ml_a}"
    log = AccessLog.objects.get(user=personas.geiq_recruiter, kind=AccessLog.Kind.EXPORT)
    assert set(AccessLogSubject.objects.filter(access_log=log).values_list("subject_id", flat=True)) == {
        youth.pk
    }


def test_a_partners_mentorships_export_carries_no_priority_public_flag(
    client, personas, charter, mentor, youth
):
    mentorship_for(personas.counsellor_a, mentor=mentor, convention=charter, youth=youth)
    client.force_login(personas.geiq_recruiter)
    text = xlsx_text(client.get("/parrainage/?export=xlsx"))
    assert "DUPONT" in text
    for word in ("QPV", "CEJ", "RQTH", "prioritaire"):
        assert word not in text


def test_the_mentorships_xlsx_has_dates_and_formula_safe_names(client, personas, charter, mentor, youth):
    youth.first_name = "=1+1"
    youth.save(update_fields=["first_name"])
    mentorship = mentorship_for(personas.counsellor_a, mentor=mentor, convention=charter, youth=youth)
    client.force_login(personas.counsellor_a)
    sheet = xlsx_sheet(client.get("/parrainage/?export=xlsx"))
    started, name = column(sheet, "Début")[0], column(sheet, "Jeune ou groupe")[0]
    assert started.is_date and started.value.date() == mentorship.started_on
    assert name.value.startswith("=") and name.data_type == "s" and name.quotePrefix


def test_the_mentorships_export_takes_as_many_queries_for_one_row_as_for_several(
    client, personas, charter, mentor, youth
):
    mentorship_for(personas.counsellor_a, mentor=mentor, convention=charter, youth=youth)
    client.force_login(personas.counsellor_a)
    one = query_count(client, "/parrainage/?export=xlsx")
    for _ in range(3):
        other = consenting_youth(personas.network.ml_a, commune=personas.network.lyon)
        mentorship_for(personas.counsellor_a, mentor=mentor, convention=charter, youth=other)
    assert query_count(client, "/parrainage/?export=xlsx") == one
