"""The one strict number parser of the imports: ASCII digits only, French messages."""

import pytest

from relais.core.numbers import is_ascii_digits, parse_whole_number


@pytest.mark.parametrize(
    "text,value",
    [("0", 0), ("20", 20), (" 15 ", 15), ("1 000", 1000), ("12\u00a0500", 12500), ("1\u202f000", 1000)],
)
def test_ascii_digits_with_french_thousands_are_read(text, value):
    assert parse_whole_number(text, maximum=100_000) == value


@pytest.mark.parametrize(
    "text",
    ["²", "٣", "１２", "12²", "3.5", "-4", "+4", "12km", "1 0", "", " ", "1e3", "0x10", "1" * 19],
)
def test_anything_else_is_refused_in_french(text):
    with pytest.raises(ValueError, match="n'est pas un nombre entier écrit avec les chiffres de 0 à 9"):
        parse_whole_number(text)


def test_bounds_are_checked_with_a_french_message():
    with pytest.raises(ValueError, match="un nombre entier de 0 à 1000 est attendu"):
        parse_whole_number("1001", maximum=1000)
    with pytest.raises(ValueError, match="d'au moins 5"):
        parse_whole_number("4", minimum=5)


def test_is_ascii_digits_refuses_other_scripts_and_superscripts():
    assert is_ascii_digits("01053")
    assert not any(is_ascii_digits(text) for text in ("²", "٣", "１２", "", "1 053"))
