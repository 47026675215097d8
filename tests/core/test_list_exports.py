"""The one list-export helper: bounded with a French notice, access-logged per young person or per kind of
record, typed datetimes in Paris time."""

import datetime

import pytest
from django.test import RequestFactory
from django.utils import timezone

from relais.core.exports import capped_notice, list_export, neutralise, requested_format
from relais.core.models import AccessLog, AccessLogSubject
from tests.core.export_files import csv_rows, xlsx_sheet

pytestmark = pytest.mark.django_db


def request_of(user, query="export=csv"):
    request = RequestFactory().get(f"/liste/?{query}")
    request.user = user
    return request


def export(request, items, **options):
    return list_export(
        request,
        fmt=options.pop("fmt", "csv"),
        filename="essai",
        title="Essai",
        header=["N°", "Nom"],
        items=items,
        row=lambda item: [item[0], item[1]],
        **options,
    )


def test_the_format_is_read_from_the_query_string_and_anything_else_is_the_page(personas):
    assert requested_format(request_of(personas.counsellor_a, "export=xlsx")) == "xlsx"
    assert requested_format(request_of(personas.counsellor_a, "export=pdf")) is None
    assert requested_format(request_of(personas.counsellor_a, "")) is None


def test_rows_beyond_the_bound_are_left_out_and_the_file_says_so(settings, personas):
    settings.RELAIS_EXPORT_MAX_ROWS = 2
    response = export(request_of(personas.counsellor_a), [(1, "a"), (2, "b"), (3, "c")])
    assert csv_rows(response)[1:] == [["1", "a"], ["2", "b"], [capped_notice(2)]]
    assert response["X-Export-Capped"] == "2"
    whole = export(request_of(personas.counsellor_a), [(1, "a"), (2, "b")])
    assert len(csv_rows(whole)) == 3 and "X-Export-Capped" not in whole


def test_young_people_are_logged_one_subject_each_and_only_those_the_file_holds(settings, personas):
    settings.RELAIS_EXPORT_MAX_ROWS = 2
    items = [(1, "a"), (2, "b"), (3, "c")]
    export(request_of(personas.counsellor_a), items, youth_ids=lambda item: [item[0] * 10, None])
    log = AccessLog.objects.get(user=personas.counsellor_a)
    assert (log.kind, log.object_type, log.path) == (
        AccessLog.Kind.EXPORT,
        "youths.youth",
        "/liste/?export=csv",
    )
    assert set(AccessLogSubject.objects.filter(access_log=log).values_list("subject_id", flat=True)) == {
        10,
        20,
    }


def test_a_list_without_young_people_is_logged_only_when_asked(personas):
    export(request_of(personas.counsellor_a), [(1, "a")])
    assert not AccessLog.objects.exists()
    export(request_of(personas.counsellor_a), [(1, "a")], object_type="organizations.organization")
    log = AccessLog.objects.get()
    assert log.object_type == "organizations.organization" and not log.subjects.exists()


def test_aware_datetimes_are_written_in_paris_time_in_both_formats(personas):
    moment = datetime.datetime(2026, 7, 1, 7, 30, tzinfo=datetime.UTC)
    assert neutralise(moment) == "2026-07-01 09:30"
    sheet = xlsx_sheet(export(request_of(personas.counsellor_a), [(1, moment)], fmt="xlsx"))
    cell = sheet["B2"]
    assert cell.is_date and cell.value == timezone.localtime(moment).replace(tzinfo=None)
