"""Reading an I-Milo style export (CSV semicolon or XLSX) and parsing its French cells."""

import codecs
import csv
import datetime
import io
import itertools
import re
import zipfile

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
    """The file as a whole cannot be read; the message is shown to the user."""


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


def read_table(content: bytes, filename: str = "") -> list[list[str]]:
    """The header and the rows of a CSV (semicolon) or XLSX file, as text cells."""
    if not content:
        raise ImportFileError("Le fichier est vide.")
    if content.startswith(b"PK\x03\x04"):
        return _read_xlsx(content)
    if filename.lower().endswith((".xlsx", ".xls")) or content.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError("Ce classeur n'est pas au format XLSX : enregistrez-le en XLSX ou en CSV.")
    text = decode_text(content)
    return [
        [cell.strip() for cell in row] for row in csv.reader(io.StringIO(text, newline=""), delimiter=";")
    ]


def _read_xlsx(content: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise ImportFileError("Le classeur XLSX est illisible ou endommagé.") from None
    try:
        sheet = workbook.worksheets[0]
        # Stop reading a little past the row limit: a small XLSX can expand to millions of empty rows.
        rows = itertools.islice(sheet.iter_rows(values_only=True), MAX_ROWS + 1000)
        return [[_cell_text(value) for value in row] for row in rows]
    finally:
        workbook.close()


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
    if code.isdigit() and len(code) == 4:
        code = code.zfill(5)
    return code
