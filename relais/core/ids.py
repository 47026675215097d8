"""Ids taken from a URL or a query string: ASCII digits within the database's range, or nothing.

An id outside the range of the primary keys (``DEFAULT_AUTO_FIELD``, a 64-bit integer) can designate no row:
it answers 404 (or is ignored by a filter) instead of overflowing the database driver.
"""

from django.http import Http404

# BigAutoField: 1 .. 2**63 - 1 on SQLite and PostgreSQL alike (no row has id 0 or below).
MAX_ID = 2**63 - 1
MAX_ID_DIGITS = len(str(MAX_ID))


def parse_id(value) -> int | None:
    """The id that ``value`` spells in ASCII digits, or None (empty, not a number, 0, negative, too large)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 1 <= value <= MAX_ID else None
    text = str(value if value is not None else "").strip()
    if not text or len(text) > MAX_ID_DIGITS or not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if 1 <= number <= MAX_ID else None


def id_or_404(value) -> int:
    number = parse_id(value)
    if number is None:
        raise Http404("Cet identifiant ne désigne rien.")
    return number


class IdConverter:
    """The ``<id:...>`` path converter: a primary key in range, or no match at all (404)."""

    regex = f"[0-9]{{1,{MAX_ID_DIGITS}}}"

    def to_python(self, value: str) -> int:
        number = parse_id(value)
        if number is None:
            raise ValueError(value)
        return number

    def to_url(self, value) -> str:
        return str(value)
