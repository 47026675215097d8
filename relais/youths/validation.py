"""The rules a young person's fields follow, one definition for the form, the services and the import preview.

What a database refuses (a NUL byte on PostgreSQL, a value over the column's length) or a reader would be
fooled by (control and bidirectional-override characters) is refused here, with a French message, before
anything is written; names are stored NFC-normalised so that "é" typed or pasted compares equal.
"""

import datetime
import hashlib
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from relais.territories.loading import fold

# C0 and C1 controls (tab and newlines included: every field is one line), DEL, the bidirectional marks,
# embeddings, overrides and isolates, the line and paragraph separators and a stray byte order mark.
FORBIDDEN_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]")
# Digits, spaces, dots, hyphens, slashes and parentheses, an optional leading "+"; 6 to 15 digits (E.164).
PHONE_SHAPE = re.compile(r"^\+?[0-9 .\-/()]+$")
PHONE_MIN_DIGITS, PHONE_MAX_DIGITS = 6, 15
EARLIEST_CONSENT = datetime.date(1900, 1, 1)
# The text fields of the record, with the model's lengths (read from the model, not repeated).
TEXT_FIELDS = ("imilo_id", "last_name", "first_name", "email", "phone")
NAME_FIELDS = ("last_name", "first_name")


def validate_clean_text(value: str) -> None:
    """Refuse control characters (NUL included) and bidirectional overrides."""
    if value and FORBIDDEN_CHARACTERS.search(value):
        raise ValidationError(
            "Caractère non autorisé (caractère de contrôle ou d'inversion du sens d'écriture) : "
            "retirez-le et saisissez le texte à nouveau.",
            code="forbidden_character",
        )


def validate_phone(value: str) -> None:
    """A phone number as people write it: digits with spaces, dots or hyphens, an optional "+"."""
    if not value:
        return
    digits = sum(character.isdigit() for character in value)
    if not PHONE_SHAPE.match(value) or not PHONE_MIN_DIGITS <= digits <= PHONE_MAX_DIGITS:
        raise ValidationError(
            "Numéro de téléphone invalide : de 6 à 15 chiffres, séparés au besoin par des espaces, "
            "des points ou des tirets (par exemple 06 12 34 56 78 ou +33 6 12 34 56 78).",
            code="invalid_phone",
        )


def normalise_text(name: str, value):
    """Stripped; names NFC-normalised (the form a keyboard gives, whatever the file held)."""
    if not isinstance(value, str):
        return value
    value = value.strip()
    return unicodedata.normalize("NFC", value) if name in NAME_FIELDS else value


def check_text_fields(fields: dict) -> tuple[dict, dict[str, list[str]]]:
    """The text fields normalised, and the French errors by field: characters, length, e-mail, phone."""
    from relais.youths.models import Youth

    cleaned, errors = dict(fields), {}
    for name in TEXT_FIELDS:
        value = normalise_text(name, cleaned.get(name))
        if name in cleaned:
            cleaned[name] = value
        if not value:
            continue
        problems = []
        try:
            validate_clean_text(value)
        except ValidationError as error:
            problems.extend(error.messages)
        limit = Youth._meta.get_field(name).max_length
        if len(value) > limit:
            problems.append(f"{limit} caractères au maximum (la valeur en compte {len(value)}).")
        if name == "email" and not problems:
            try:
                validate_email(value)
            except ValidationError:
                problems.append("Adresse e-mail invalide.")
        if name == "phone" and not problems:
            try:
                validate_phone(value)
            except ValidationError as error:
                problems.extend(error.messages)
        if problems:
            errors[name] = problems
    return cleaned, errors


def consent_date_problem(
    consent_date: datetime.date | None, birth_date: datetime.date | None, today: datetime.date
) -> str | None:
    """Why a consent date cannot be right (in the future, before 1900 or before the birth), or None."""
    if consent_date is None:
        return None
    if consent_date > today:
        return "La date du consentement ne peut pas être dans le futur."
    if consent_date < EARLIEST_CONSENT:
        return "La date du consentement ne peut pas être antérieure au 01/01/1900."
    if birth_date is not None and consent_date < birth_date:
        return "La date du consentement ne peut pas être antérieure à la date de naissance."
    return None


def folded_name(text: str) -> str:
    """A name compared accent-, case- and punctuation-blind; a name in a script with no ASCII form (Arabic,
    Chinese...) is compared case-blind in its own script rather than folding to nothing."""
    text = unicodedata.normalize("NFC", (text or "").strip())
    return fold(text) or " ".join(text.casefold().split())


def identity_of(last_name: str, first_name: str, birth_date: datetime.date | None) -> tuple:
    """The identity two records of one Mission Locale may not share (the import's and the form's rule)."""
    return (folded_name(last_name), folded_name(first_name), birth_date)


def identity_key(last_name: str, first_name: str, birth_date: datetime.date | None) -> str | None:
    """The stored, fixed-length form of the identity (Youth.identity_key); None without a birth date."""
    if birth_date is None:
        return None
    return key_of_identity(identity_of(last_name, first_name, birth_date))


def key_of_identity(identity: tuple) -> str:
    """identity_key from an identity already folded by identity_of (its birth date set)."""
    last, first, born = identity
    return hashlib.sha256(f"{last}\x1f{first}\x1f{born.isoformat()}".encode()).hexdigest()
