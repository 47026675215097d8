"""CSV and XLSX exports: typed numbers and dates, formula characters neutralised in both formats."""

import csv
import io
import zipfile
from datetime import date
from decimal import Decimal

from openpyxl import load_workbook

from relais.core.exports import csv_response, neutralise, xlsx_response

HEADER = ["Nom", "Effectif", "Taux", "Date", "Téléphone"]
ROWS = [
    ['=HYPERLINK("http://x","clic")', 12, Decimal("0.25"), date(2026, 3, 1), "+33 4 72 00 00 00"],
    ["Mission Locale", 0, 1.5, None, "04 72 00 00 00"],
]


def test_csv_cells_cannot_start_a_formula_but_numbers_stay_plain():
    assert neutralise('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert neutralise("+33 4 72") == "'+33 4 72"
    assert neutralise("-1+1") == "'-1+1"
    assert neutralise("Mission Locale") == "Mission Locale"
    assert neutralise(-3) == "-3"
    text = csv_response("essai", HEADER, ROWS).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[1] == ['\'=HYPERLINK("http://x","clic")', "12", "0.25", "2026-03-01", "'+33 4 72 00 00 00"]


def test_xlsx_writes_numbers_and_dates_with_their_type():
    sheet = load_workbook(io.BytesIO(xlsx_response("essai", HEADER, ROWS).content)).active
    first = [cell for cell in sheet[2]]
    assert (first[1].value, first[1].data_type) == (12, "n")
    assert (first[2].value, first[2].data_type) == (0.25, "n")
    assert first[3].value.date() == date(2026, 3, 1) and first[3].is_date
    assert (sheet["B3"].value, sheet["C3"].value, sheet["D3"].value) == (0, 1.5, None)


def test_xlsx_keeps_dangerous_text_as_text_without_a_visible_quote():
    content = xlsx_response("essai", HEADER, ROWS).content
    sheet = load_workbook(io.BytesIO(content)).active
    formula_like, phone = sheet["A2"], sheet["E2"]
    assert formula_like.value == '=HYPERLINK("http://x","clic")'
    assert formula_like.data_type == "s" and formula_like.quotePrefix
    assert phone.value == "+33 4 72 00 00 00" and phone.data_type == "s"
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()
