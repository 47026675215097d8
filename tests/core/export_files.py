"""Reading back the CSV and XLSX files the list exports return, for the tests of every app."""

import csv
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook


def csv_rows(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv"), response["Content-Type"]
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def xlsx_sheet(response):
    assert "spreadsheetml" in response["Content-Type"], response["Content-Type"]
    return load_workbook(io.BytesIO(response.content)).active


def xlsx_text(response) -> str:
    """Every cell of the sheet as text, to look for what must never be there."""
    sheet = xlsx_sheet(response)
    return "\n".join(
        ";".join("" if v is None else str(v) for v in row) for row in sheet.iter_rows(values_only=True)
    )


def column(sheet_or_rows, label: str) -> list:
    """The values of one column below its header, by the header's label."""
    if isinstance(sheet_or_rows, list):
        header, *rows = sheet_or_rows
        index = header.index(label)
        return [row[index] for row in rows]
    header = [cell.value for cell in sheet_or_rows[1]]
    index = header.index(label) + 1
    return [sheet_or_rows.cell(row=r, column=index) for r in range(2, sheet_or_rows.max_row + 1)]


def query_count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(queries)
