"""Reading an I-Milo style export (CSV semicolon or XLSX) and parsing its French cells."""

import codecs
import csv
import datetime
import io
import itertools
import re
import zipfile

from django.conf import settings

from relais.core.archives import ArchiveRefused, check_archive
from relais.core.numbers import is_ascii_digits, parse_whole_number
from relais.territories.loading import fold
from relais.youths.enums import ConsentScope, QualificationLevel

MAX_ROWS = 5000
# (field key, French header); every one of these columns must be present in the file.
REQUIRED_COLUMNS = [
    ("imilo_id", "Identifiant I-Milo"),
    ("last_name", "Nom"),
    ("first_name", "Prénom"),
    ("birth_date", "Date de naissance"),
    ("commune", "Code INSEE commune"),
    ("qualification_level", "Niveau de qualification"),
    ("qpv_resident", "QPV"),
    ("rqth", "RQTH"),
    ("cej_beneficiary", "CEJ"),
    ("school_dropout", "Décrocheur"),
    ("no_diploma", "Sans diplôme"),
    ("driving_licence", "Permis"),
    ("has_vehicle", "Véhicule"),
    ("max_distance_km", "Distance max (km)"),
    ("sought_titles", "Codes ROME/OGR recherchés"),
    ("consent_given_at", "Consentement (date)"),
]
OPTIONAL_COLUMNS = [
    ("consent_scope", "Périmètre du consentement"),
    ("email", "E-mail"),
    ("phone", "Téléphone"),
]
HEADERS = dict(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)
BOOLEAN_FIELDS = (
    "qpv_resident",
    "rqth",
    "cej_beneficiary",
    "school_dropout",
    "no_diploma",
    "driving_licence",
    "has_vehicle",
)
TRUE_WORDS = {"oui", "o", "1", "vrai", "x", "yes", "true"}
FALSE_WORDS = {"non", "n", "0", "faux", "", "no", "false"}


class ImportFileError(Exception):
    """The file cannot be read (from `row` on, 0 for the whole file); the message is shown to the user."""

    def __init__(self, message: str, row: int = 0):
        super().__init__(message)
        self.row = row


class Table(list):
    """The rows of a file as lists of text cells; `sheet_name` names the worksheet read from a workbook."""

    sheet_name = ""


def normalise_header(text) -> str:
    """Headers, names and answers compared folded: accents, case, hyphens and a BOM do not count."""
    return fold(str(text or ""))


HEADER_KEYS = {normalise_header(header): key for key, header in HEADERS.items()}


# --- Reading the file -------------------------------------------------------------------------


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


def _cell_text(value) -> str:
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


def read_table(content: bytes, filename: str = "") -> Table:
    """The header and the rows of a CSV (semicolon) or XLSX file, as text cells, read within bounds."""
    if not content:
        raise ImportFileError("Le fichier est vide.")
    if content.startswith(b"PK\x03\x04"):
        return _read_xlsx(content)
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


def _read_xlsx(content: bytes) -> Table:
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
        max_rows = MAX_ROWS + 1000
        found = _first_filled_row(sheet, max_rows)
        if found is None:
            return _named(Table(), sheet)
        number, header = found
        recognised = [index for index, text in enumerate(header) if normalise_header(text) in HEADER_KEYS]
        filled = [index for index, text in enumerate(header) if text]
        width = (recognised or filled)[-1] + 1
        rows = sheet.iter_rows(min_row=number, max_col=width, values_only=True)
        table = Table([] for _ in range(number - 1))
        table.extend(
            [_cell_text(value) for value in row] for row in itertools.islice(rows, max_rows - number + 1)
        )
        return _named(table, sheet)
    finally:
        workbook.close()


def _first_filled_row(sheet, max_rows: int) -> tuple[int, list[str]] | None:
    """(row number, cells) of the first non-empty row, the header, read within the column bound."""
    rows = sheet.iter_rows(max_col=settings.RELAIS_IMPORT_MAX_COLUMNS, values_only=True)
    for number, values in enumerate(itertools.islice(rows, max_rows), start=1):
        cells = [_cell_text(value) for value in values]
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


# --- Parsing the cells ------------------------------------------------------------------------


def parse_date(text: str) -> datetime.date:
    text = text.strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"Date invalide « {text} » : formats acceptés jj/mm/aaaa ou aaaa-mm-jj.")


def parse_bool(text: str) -> bool:
    word = normalise_header(text)
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(f"Valeur « {text} » non reconnue : indiquez oui ou non.")


QUALIFICATION_ALIASES = {
    normalise_header(alias): level
    for level, aliases in {
        QualificationLevel.INFRA_3: ["infra 3", "infra3", "sans qualification", "niveau infra 3", "1", "2"],
        QualificationLevel.LEVEL_3: ["3", "niveau 3", "cap", "bep", "cap-bep", "cap bep", "v"],
        QualificationLevel.LEVEL_4: ["4", "niveau 4", "bac", "baccalaureat", "iv"],
        QualificationLevel.LEVEL_5: ["5", "niveau 5", "bac+2", "bac +2", "iii"],
        QualificationLevel.LEVEL_6_PLUS: ["6", "7", "8", "niveau 6", "niveau 6+", "6+", "bac+3", "ii", "i"],
    }.items()
    for alias in [*aliases, level.value, level.label]
}


def parse_qualification(text: str) -> str:
    if not text.strip():
        return ""
    level = QUALIFICATION_ALIASES.get(normalise_header(text))
    if level is None:
        raise ValueError(
            f"Niveau « {text} » non reconnu : indiquez infra 3, niveau 3, niveau 4, niveau 5 ou niveau 6."
        )
    return level


def parse_consent_scope(text: str) -> str:
    word = normalise_header(text)
    if not word:
        return ""
    if word in {
        normalise_header(ConsentScope.IDENTITY_AND_CONTACT.label),
        ConsentScope.IDENTITY_AND_CONTACT.value,
        "identite et coordonnees",
        "complet",
    }:
        return ConsentScope.IDENTITY_AND_CONTACT
    if word in {
        normalise_header(ConsentScope.IDENTITY_ONLY.label),
        ConsentScope.IDENTITY_ONLY.value,
        "identite seule",
        "identite",
    }:
        return ConsentScope.IDENTITY_ONLY
    raise ValueError(f"Périmètre « {text} » non reconnu : « identité et coordonnées » ou « identité seule ».")


def split_codes(text: str) -> list[str]:
    return [code for code in re.split(r"[\s,|/]+", text.strip()) if code]


def normalise_insee(text: str) -> str:
    code = text.strip().upper()
    # Spreadsheets drop the leading zero of Ain to Ardèche codes ("1053" for 01053).
    if len(code) == 4 and is_ascii_digits(code):
        code = code.zfill(5)
    return code


def parse_distance(text: str) -> int | None:
    """The maximum distance in km (empty: not said), through the one strict number parser."""
    if not text.strip():
        return None
    try:
        return parse_whole_number(text, maximum=1000)
    except ValueError:
        shown = text if len(text) <= 30 else text[:30] + "…"
        raise ValueError(
            f"Distance « {shown} » invalide : un nombre entier de 0 à 1000 km, écrit avec les chiffres de 0 à 9."
        ) from None
