"""Bounded work per import: crafted workbooks and CSV files end in a French refusal, never in gigabytes or a 500.

Every crafted file is built here, in memory; memory is asserted with tracemalloc (never timing).
"""

import html
import io
import re
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from relais.youths import imports
from relais.youths.models import Youth
from tests.youths.test_imports import GOOD_ROWS, HEADER, csv_bytes, errors_of, row

MB = 1024 * 1024


@pytest.fixture
def ml_a(personas, rome):
    return personas.network.ml_a


def analyse(ml, content, filename="export.xlsx"):
    return imports.analyse(mission_locale=ml, content=content, filename=filename)


def workbook_bytes(rows, header=HEADER, build=None) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Jeunes"
    sheet.append(header)
    for values in rows:
        sheet.append([values.get(h, "") for h in header])
    if build:
        build(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def rewrite(content: bytes, writers: dict) -> bytes:
    """The same archive with each entry of `writers` (re)written by `writer(old_bytes, handle)`, streamed."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename not in writers:
                target.writestr(info, source.read(info.filename))
        for name, write in writers.items():
            old = source.read(name) if name in source.namelist() else b""
            with target.open(name, "w", force_zip64=True) as handle:
                write(old, handle)
    return buffer.getvalue()


def substitute(pattern: bytes, replacement: bytes):
    return lambda old, handle: handle.write(re.sub(pattern, replacement, old))


def with_shared_string(content: bytes, size: int) -> bytes:
    """The workbook plus a shared-string table (declared, so that openpyxl loads it) holding `size` letters."""

    def table(old, handle):
        handle.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>')
        chunk = b"A" * MB
        for _ in range(size // MB):
            handle.write(chunk)
        handle.write(b"A" * (size % MB) + b"</t></si></sst>")

    override = (
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    )
    return rewrite(
        content,
        {"xl/sharedStrings.xml": table, "[Content_Types].xml": substitute(rb"</Types>", override)},
    )


def peak_bytes(function, *args):
    tracemalloc.start()
    try:
        result = function(*args)
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_huge_shared_string_made_small_by_compression_is_refused_before_parsing(ml_a):
    content = with_shared_string(workbook_bytes(GOOD_ROWS), 64 * MB)
    assert len(content) < 1 * MB  # 64 MB of text in a small file
    report, peak = peak_bytes(analyse, ml_a, content)
    assert errors_of(report) == [
        (
            0,
            "Fichier",
            "Le fichier est anormalement compressé (un de ses éléments grossit plus de 100 fois une fois "
            "décompressé) : il est refusé par précaution.",
        )
    ]
    assert peak < 10 * MB
    assert not report.rows


def test_the_uncompressed_total_and_the_entry_count_are_bounded(ml_a, settings):
    content = workbook_bytes(GOOD_ROWS)
    settings.RELAIS_ARCHIVE_MAX_BYTES = 2000
    assert "Une fois décompressé, le fichier dépasserait" in analyse(ml_a, content).errors[0].message
    settings.RELAIS_ARCHIVE_MAX_BYTES = 50 * MB
    settings.RELAIS_ARCHIVE_MAX_ENTRIES = 3
    assert "éléments compressés : 3 au maximum" in analyse(ml_a, content).errors[0].message
    settings.RELAIS_ARCHIVE_MAX_ENTRIES = 1000
    assert analyse(ml_a, content).ok


def test_a_declared_dimension_of_the_whole_sheet_reads_only_the_expected_columns(ml_a, settings):
    settings.RELAIS_IMPORT_MAX_ROWS = 5000  # the bound is a setting (50,000 by default)

    # 6,000 one-cell rows declared as A1:XFD1048576: 98 million cells if the dimension were believed.
    def one_cell_rows(workbook):
        for number in range(6000):
            workbook.active.cell(row=len(GOOD_ROWS) + 2 + number, column=1, value=f"ligne {number}")

    content = workbook_bytes(GOOD_ROWS, build=one_cell_rows)
    dimension = substitute(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:XFD1048576"')
    content = rewrite(content, {"xl/worksheets/sheet1.xml": dimension})
    report, peak = peak_bytes(analyse, ml_a, content)
    [(number, column, message)] = errors_of(report)
    assert (number, column) == (0, "Fichier")
    assert re.fullmatch(
        r"Le fichier contient \d\u202f\d{3} lignes : 5\u202f000 au maximum par import\.", message
    )
    assert peak < 60 * MB


def test_columns_past_the_last_expected_one_are_not_read(ml_a):
    def far_cells(workbook):
        workbook.active.cell(row=2, column=16000, value="x" * 5000)  # would be an oversized cell if read

    report = analyse(ml_a, workbook_bytes(GOOD_ROWS, build=far_cells))
    assert report.ok and report.to_create == 3


def test_a_cell_over_the_length_cap_is_reported_on_its_row(ml_a):
    long_name = row(**{"Nom": "M" * 1001})
    report = analyse(ml_a, workbook_bytes([GOOD_ROWS[0], long_name]))
    assert errors_of(report) == [(3, "Nom", "Cellule trop longue : 1000 caractères au maximum.")]
    report = analyse(ml_a, csv_bytes([long_name]), "export.csv")
    assert errors_of(report) == [(2, "Nom", "Cellule trop longue : 1000 caractères au maximum.")]


def hidden_first_sheet(state):
    def build(workbook):
        draft = workbook.create_sheet("Brouillon", 0)
        draft.append(HEADER)
        draft.append([row(**{"Nom": "Caché"}).get(h, "") for h in HEADER])
        draft.sheet_state = state
        workbook.active = 1

    return build


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_hidden_first_sheet_is_not_imported_the_active_visible_one_is_and_named(ml_a, state):
    report = analyse(ml_a, workbook_bytes(GOOD_ROWS, build=hidden_first_sheet(state)))
    assert report.ok and report.sheet_name == "Jeunes"
    assert "Caché" not in {plan.fields["last_name"] for plan in report.rows}


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_workbook_whose_active_sheet_is_hidden_is_refused(ml_a, state):
    content = workbook_bytes(GOOD_ROWS, build=hidden_first_sheet(state))
    content = rewrite(content, {"xl/workbook.xml": substitute(rb'activeTab="\d+"', b'activeTab="0"')})
    assert errors_of(analyse(ml_a, content)) == [
        (
            0,
            "Fichier",
            "La feuille active « Brouillon » du classeur est masquée : affichez la feuille à importer et "
            "enregistrez le classeur avec cette feuille ouverte.",
        )
    ]


def test_a_csv_cell_over_the_csv_field_limit_is_reported_on_its_row(ml_a):
    content = csv_bytes([GOOD_ROWS[0], row(**{"Nom": "M" * 131_073})])
    report = analyse(ml_a, content, "export.csv")
    assert errors_of(report) == [
        (3, "Fichier", "Une cellule dépasse 131\u202f072 caractères : la ligne ne peut pas être lue.")
    ]


@pytest.mark.parametrize("distance", ["²", "٣", "１２", "12²", "20 km", "1001", "-3"])
def test_a_distance_not_written_in_ascii_digits_is_reported_not_a_500(ml_a, distance):
    report = analyse(ml_a, csv_bytes([row(**{"Distance max (km)": distance})]), "export.csv")
    assert len(report.errors) == 1
    assert report.errors[0].column == "Distance max (km)"
    assert report.errors[0].message.startswith(
        f"Distance « {distance} » invalide : un nombre entier de 0 à 1000"
    )


def test_a_distance_with_a_thousands_space_is_read(ml_a):
    report = analyse(ml_a, csv_bytes([row(**{"Distance max (km)": "1 000"})]), "export.csv")
    assert report.ok and report.rows[0].fields["max_distance_km"] == 1000


def test_an_insee_code_in_other_digits_is_not_padded(ml_a):
    report = analyse(ml_a, csv_bytes([row(**{"Code INSEE commune": "٣٨١٨"})]), "export.csv")
    assert [error.message for error in report.errors] == ["Code commune INSEE inconnu : « ٣٨١٨ »."]


# --- Through the pages ------------------------------------------------------------------------


def post_import(client, ml, content, name):
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    response = client.post(reverse("youths:import"), {"mission_locale": ml.pk, "file": upload})
    return response, html.unescape(response.content.decode())


def test_the_preview_page_shows_the_csv_field_limit_refusal_in_french(client, personas, ml_a):
    client.force_login(personas.counsellor_a)
    content = csv_bytes([GOOD_ROWS[0], row(**{"Nom": "M" * 200_000})])
    response, page = post_import(client, ml_a, content, "export.csv")
    assert response.status_code == 200
    assert "Une cellule dépasse 131\u202f072 caractères" in page
    assert "Confirmer l'import" not in page
    assert not Youth.objects.exists()


def test_the_preview_page_shows_the_compression_refusal_and_a_bad_number(client, personas, ml_a):
    client.force_login(personas.counsellor_a)
    bomb = with_shared_string(workbook_bytes(GOOD_ROWS), 4 * MB)
    response, page = post_import(client, ml_a, bomb, "export.xlsx")
    assert response.status_code == 200 and "anormalement compressé" in page
    response, page = post_import(client, ml_a, csv_bytes([row(**{"Distance max (km)": "²"})]), "export.csv")
    assert response.status_code == 200 and "Distance « ² » invalide" in page


def test_the_preview_page_names_the_sheet_imported(client, personas, ml_a):
    client.force_login(personas.counsellor_a)
    content = workbook_bytes(GOOD_ROWS, build=hidden_first_sheet("hidden"))
    response, page = post_import(client, ml_a, content, "export.xlsx")
    assert "Feuille importée : « Jeunes »" in page and "Confirmer l'import" in page
