"""Reading an I-Milo style export (CSV semicolon or XLSX) and parsing its French cells."""

import datetime
import functools
import re

from django.conf import settings

from relais.core.numbers import is_ascii_digits, parse_whole_number
from relais.core.tables import Table
from relais.core.tables import read_table as read_tables
from relais.territories.loading import fold
from relais.youths.enums import ConsentScope, QualificationLevel

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
# Other headings accepted for a column, as real I-Milo exports name them (compared folded, like the project's
# own heading). Documented in the README's import section and shown on the import page.
HEADER_ALIASES = {
    "imilo_id": ["N° dossier", "Numéro de dossier"],
    "last_name": ["Nom d'usage", "Nom de naissance"],
    "commune": ["Code commune", "Code INSEE", "Commune (code INSEE)"],
    "qualification_level": ["Niveau de formation"],
    "qpv_resident": ["Résident QPV", "Quartier prioritaire"],
    "rqth": ["Travailleur handicapé", "Reconnaissance TH"],
    "cej_beneficiary": ["Bénéficiaire CEJ", "Contrat d'engagement jeune"],
    "driving_licence": ["Permis B", "Permis de conduire"],
    "has_vehicle": ["Véhicule personnel"],
    "max_distance_km": ["Mobilité (km)"],
    "sought_titles": ["Métiers recherchés", "Codes ROME"],
    "consent_given_at": ["Date du consentement", "Date de recueil du consentement"],
    "email": ["Courriel", "Adresse e-mail"],
    "phone": ["Téléphone portable"],
}
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


def normalise_header(text) -> str:
    """Headers, names and answers compared folded: accents, case, hyphens and a BOM do not count."""
    return fold(str(text or ""))


HEADER_KEYS = {
    normalise_header(header): key
    for key, own in HEADERS.items()
    for header in [own, *HEADER_ALIASES.get(key, [])]
}


# --- Reading the file -------------------------------------------------------------------------


def read_table(content: bytes, filename: str = "") -> Table:
    """The header and the rows of an I-Milo export, read within bounds (see relais.core.tables)."""
    return read_tables(
        content,
        filename,
        max_rows=settings.RELAIS_IMPORT_MAX_ROWS,
        is_known_header=lambda text: normalise_header(text) in HEADER_KEYS,
    )


# --- Parsing the cells ------------------------------------------------------------------------
# An export repeats the same few values in every column ("oui", "non", the same dates): each parser keeps the
# results of the last distinct cells it read (an error is raised again each time, never kept).
remembered = functools.lru_cache(maxsize=4096)


@remembered
def parse_date(text: str) -> datetime.date:
    text = text.strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"Date invalide « {text} » : formats acceptés jj/mm/aaaa ou aaaa-mm-jj.")


@remembered
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


@remembered
def parse_qualification(text: str) -> str:
    if not text.strip():
        return ""
    level = QUALIFICATION_ALIASES.get(normalise_header(text))
    if level is None:
        raise ValueError(
            f"Niveau « {text} » non reconnu : indiquez infra 3, niveau 3, niveau 4, niveau 5 ou niveau 6."
        )
    return level


@remembered
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


@remembered
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
