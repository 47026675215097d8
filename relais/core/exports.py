"""Tabular exports (CSV and XLSX) safe against spreadsheet formula injection.

CSV has no cell types: a text starting with a formula character gets a leading quote, which spreadsheet
software reads as "this is text". XLSX cells are typed: numbers and dates are written as such, and every text
cell is stored as a string (never a formula) with the "quote prefix" style, so that it shows as typed and
stays text even when someone edits it.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.utils import get_column_letter

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _is_number(value) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def neutralise(value) -> str:
    """Render a CSV cell as text; a text starting with a formula character is escaped with a quote."""
    if value is None:
        return ""
    if _is_number(value):
        return str(value)
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralise(value) for value in row])
    # A BOM lets spreadsheet software detect UTF-8.
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def _write_cell(sheet, row: int, column: int, value) -> None:
    if value is None:
        return
    cell = sheet.cell(row=row, column=column)
    if _is_number(value) or isinstance(value, date):
        if isinstance(value, datetime) and timezone.is_aware(value):
            value = timezone.localtime(value).replace(tzinfo=None)
        cell.value = value
        return
    # Assigning a text starting with "=" would make openpyxl store a formula: force the string type.
    cell.value = str(value)
    cell.data_type = TYPE_STRING
    if cell.value.startswith(FORMULA_PREFIXES):
        cell.quotePrefix = True


def xlsx_response(filename: str, header: Sequence[str], rows: Iterable[Sequence], title: str = "Export"):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    for column, label in enumerate(header, start=1):
        _write_cell(sheet, 1, column, label)
        sheet.column_dimensions[get_column_letter(column)].width = max(12, min(40, len(str(label)) + 4))
    sheet.freeze_panes = "A2"
    for row_number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            _write_cell(sheet, row_number, column, value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def xlsx_workbook(sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence]]]) -> bytes:
    """Several typed sheets in one workbook, each (title, header, rows) with its header frozen and filtered."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title[:31])
        for column, label in enumerate(header, start=1):
            _write_cell(sheet, 1, column, label)
            sheet.column_dimensions[get_column_letter(column)].width = max(12, min(40, len(str(label)) + 4))
        sheet.freeze_panes = "A2"
        last = 1
        for row_number, row in enumerate(rows, start=2):
            last = row_number
            for column, value in enumerate(row, start=1):
                _write_cell(sheet, row_number, column, value)
        sheet.auto_filter.ref = f"A1:{get_column_letter(max(1, len(header)))}{last}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_bytes_response(filename: str, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
