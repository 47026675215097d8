"""Tabular exports (CSV and XLSX) safe against spreadsheet formula injection.

CSV has no cell types: a text starting with a formula character gets a leading quote, which spreadsheet
software reads as "this is text". XLSX cells are typed: numbers and dates are written as such, and every text
cell is stored as a string (never a formula) with the "quote prefix" style, so that it shows as typed and
stays text even when someone edits it.
"""

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.utils import get_column_letter

from relais.core.models import AccessLog
from relais.core.services import log_access

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
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value).replace(tzinfo=None)
        return value.isoformat(sep=" ", timespec="minutes")
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


# --- List exports: what a list page shows, all pages, in one of the two formats ----------------------------

EXPORT_FORMATS = ("csv", "xlsx")
YOUTH_SUBJECT_TYPE = "youths.youth"


def requested_format(request) -> str | None:
    """The format asked by `?export=csv|xlsx`, or None when the page itself is asked."""
    value = request.GET.get("export", "")
    return value if value in EXPORT_FORMATS else None


def export_limit() -> int:
    return max(1, int(getattr(settings, "RELAIS_EXPORT_MAX_ROWS", 10_000)))


def capped_notice(limit: int) -> str:
    return (
        f"Export limité aux {limit} premières lignes : la liste en compte davantage. "
        "Affinez les filtres pour obtenir le reste."
    )


def list_export(
    request,
    *,
    fmt: str,
    filename: str,
    title: str,
    header: Sequence[str],
    items: Iterable,
    row: Callable[[object], Sequence],
    youth_ids: Callable[[object], Iterable[int | None]] | None = None,
    object_type: str = "",
):
    """One list page's export: at most RELAIS_EXPORT_MAX_ROWS rows, typed, formula-safe, access-logged.

    `items` is the list's own queryset (same selector, same filters, never paginated); `row` renders one item
    as the page shows it. When `youth_ids` is given (the young people an item shows, None for nobody), the
    export is logged in the access log with one subject row per young person; otherwise, with `object_type`,
    it is logged as an export of that kind of record.
    """
    limit = export_limit()
    taken = list(items[: limit + 1]) if hasattr(items, "query") else list(items)[: limit + 1]
    capped = len(taken) > limit
    taken = taken[:limit]
    rows = [list(row(item)) for item in taken]
    if youth_ids is not None:
        subjects = sorted({pk for item in taken for pk in youth_ids(item) if pk is not None})
        log_access(
            user=request.user,
            kind=AccessLog.Kind.EXPORT,
            object_type=YOUTH_SUBJECT_TYPE,
            description=f"Export {fmt.upper()} « {title} » : {len(rows)} ligne(s), {len(subjects)} jeune(s)",
            path=request.get_full_path(),
            subject_ids=subjects,
        )
    elif object_type:
        log_access(
            user=request.user,
            kind=AccessLog.Kind.EXPORT,
            object_type=object_type,
            description=f"Export {fmt.upper()} « {title} » : {len(rows)} ligne(s)",
            path=request.get_full_path(),
        )
    if capped:
        rows.append([capped_notice(limit)])
    if fmt == "xlsx":
        response = xlsx_response(filename, header, rows, title=title)
    else:
        response = csv_response(filename, header, rows)
    if capped:
        response["X-Export-Capped"] = str(limit)
    return response
