"""Bounded reading of a spreadsheet upload (CSV with semicolons or XLSX) into rows of text cells.

Every import (young people, sign-in sheets...) reads its file here: the encoding is detected (UTF-8 with or
without BOM, Windows-1252), a workbook's archive is checked before it expands, and the rows and columns read
are bounded whatever the file declares.
"""

import codecs
import csv
import datetime
import io
import itertools
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings

from relais.core.archives import ArchiveRefused, check_archive


class ImportFileError(Exception):
    """The file cannot be read (from `row` on, 0 for the whole file); the message is shown to the user."""

    def __init__(self, message: str, row: int = 0):
        super().__init__(message)
        self.row = row


@dataclass(frozen=True)
class RowError:
    """A problem of an import file, at a row (0: the whole file) and a column (its heading, or "")."""

    row: int
    column: str
    message: str

    def __str__(self):
        return f"Ligne {self.row}, colonne « {self.column} » : {self.message}"


class Table(list):
    """The rows of a file as lists of text cells; `sheet_name` names the worksheet read from a workbook."""

    sheet_name = ""


def decode_text(content: bytes) -> str:
    if content.startswith(codecs.BOM_UTF8):
        try:
            return content[len(codecs.BOM_UTF8) :].decode("utf-8")
        except UnicodeDecodeError:
            raise ImportFileError(
                "Le fichier annonce l'encodage UTF-8 mais contient des caractères invalides."
            ) from None
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ImportFileError(
            "Encodage UTF-16 non pris en charge : enregistrez le fichier en « CSV UTF-8 » ou en XLSX."
        )
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("cp1252")
    except UnicodeDecodeError:
        raise ImportFileError(
            "Encodage du fichier non reconnu : seuls UTF-8 et Windows-1252 (ANSI) sont acceptés."
        ) from None


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_table(
    content: bytes,
    filename: str = "",
    *,
    max_rows: int,
    is_known_header: Callable[[str], bool] = lambda text: False,
) -> Table:
    """The header and the rows of a CSV (semicolon) or XLSX file, as text cells, read within bounds.

    A workbook is read a little past `max_rows` (the import reports the excess) and up to its last known
    header (`is_known_header`), else its last filled header cell.
    """
    if not content:
        raise ImportFileError("Le fichier est vide.")
    if content.startswith(b"PK\x03\x04"):
        return _read_xlsx(content, max_rows, is_known_header)
    if filename.lower().endswith((".xlsx", ".xls")) or content.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError("Ce classeur n'est pas au format XLSX : enregistrez-le en XLSX ou en CSV.")
    return _read_csv(decode_text(content))


def _read_csv(text: str) -> Table:
    # The csv module refuses a field over its (process-wide) limit, 131,072 characters by default: that
    # bound is kept and its error reported on its row; shorter oversized cells are reported by the analysis.
    max_columns = settings.RELAIS_IMPORT_MAX_COLUMNS
    table = Table()
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    try:
        for row in reader:
            table.append([cell.strip() for cell in row[:max_columns]])
    except csv.Error as error:
        number = len(table) + 1
        if "field larger than field limit" in str(error):
            message = (
                f"Une cellule dépasse {csv.field_size_limit():,} caractères : la ligne ne peut pas être lue."
            )
            raise ImportFileError(message.replace(",", "\u202f"), row=number) from None
        raise ImportFileError("Ligne illisible (guillemets mal fermés ?).", row=number) from None
    return table


def _read_xlsx(content: bytes, max_rows: int, is_known_header) -> Table:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            check_archive(archive)
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except ArchiveRefused as error:
        raise ImportFileError(str(error)) from None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise ImportFileError("Le classeur XLSX est illisible ou endommagé.") from None
    try:
        sheet = _sheet_to_import(workbook)
        # The dimension the file declares is not trusted (A1:XFD1048576 makes 17 billion cells): rows end at
        # their last cell, reading stops a little past the row limit and at the last expected column.
        sheet.reset_dimensions()
        max_rows = max_rows + 1000
        found = _first_filled_row(sheet, max_rows)
        if found is None:
            return _named(Table(), sheet)
        number, header = found
        recognised = [index for index, text in enumerate(header) if is_known_header(text)]
        filled = [index for index, text in enumerate(header) if text]
        width = (recognised or filled)[-1] + 1
        rows = sheet.iter_rows(min_row=number, max_col=width, values_only=True)
        table = Table([] for _ in range(number - 1))
        table.extend(
            [cell_text(value) for value in row] for row in itertools.islice(rows, max_rows - number + 1)
        )
        return _named(table, sheet)
    finally:
        workbook.close()


def _first_filled_row(sheet, max_rows: int) -> tuple[int, list[str]] | None:
    """(row number, cells) of the first non-empty row, the header, read within the column bound."""
    rows = sheet.iter_rows(max_col=settings.RELAIS_IMPORT_MAX_COLUMNS, values_only=True)
    for number, values in enumerate(itertools.islice(rows, max_rows), start=1):
        cells = [cell_text(value) for value in values]
        if any(cells):
            return number, cells
    return None


def _sheet_to_import(workbook):
    """The active sheet, as the user last saw the workbook; a hidden one is refused, never read unseen."""
    sheet = workbook.active
    if sheet is None or not hasattr(sheet, "iter_rows"):
        raise ImportFileError(
            "La feuille active du classeur n'est pas un tableau : ouvrez la feuille à importer."
        )
    if sheet.sheet_state != "visible":
        raise ImportFileError(
            f"La feuille active « {sheet.title[:100]} » du classeur est masquée : affichez la feuille à "
            "importer et enregistrez le classeur avec cette feuille ouverte."
        )
    return sheet


def _named(table: Table, sheet) -> Table:
    table.sheet_name = sheet.title[:100]
    return table
