"""The one strict parser of whole numbers typed in files: ASCII digits only.

`str.isdigit()` and `int()` accept far more than a spreadsheet user means ("²" passes `isdigit()` and crashes
`int()`; "٣" and "１２" are read as 3 and 12): every numeric column of every import goes through here.
"""

import re

DIGITS = re.compile(r"[0-9]+", re.ASCII)
# Thousands grouped the French way, by an ordinary, non-breaking or narrow non-breaking space: "12 500".
GROUPED_DIGITS = re.compile(r"[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+", re.ASCII)
MAX_DIGITS = 18  # fits a 64-bit integer column whatever the bounds


def is_ascii_digits(text: str) -> bool:
    """True for a non-empty run of the digits 0-9 and nothing else (no "²", "٣" or "１")."""
    return DIGITS.fullmatch(text) is not None


def parse_whole_number(text: str, *, minimum: int = 0, maximum: int | None = None) -> int:
    """A whole number from `minimum` to `maximum` written with the digits 0-9, or a ValueError in French."""
    raw = str(text).strip()
    digits = re.sub(r"\D", "", raw, flags=re.ASCII) if GROUPED_DIGITS.fullmatch(raw) else raw
    if not is_ascii_digits(digits) or len(digits) > MAX_DIGITS:
        shown = raw if len(raw) <= 30 else raw[:30] + "…"
        raise ValueError(f"« {shown} » n'est pas un nombre entier écrit avec les chiffres de 0 à 9.")
    value = int(digits)
    if value < minimum or (maximum is not None and value > maximum):
        bounds = f"de {minimum} à {maximum}" if maximum is not None else f"d'au moins {minimum}"
        raise ValueError(f"« {raw} » est hors des limites : un nombre entier {bounds} est attendu.")
    return value
