"""Directory exports: one layout per directory, typed cells, and an access-log row for each."""

import csv
import io

import pytest
from openpyxl import load_workbook

from relais.core.models import AccessLog
from relais.jobs.models import NafSector
from relais.organizations.exports import ML_HEADER, PARTNER_HEADER

pytestmark = pytest.mark.django_db


def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_mission_locale_export_csv_and_xlsx(client, personas):
    client.force_login(personas.arml_coordinator)
    response = client.get("/reseau/missions-locales/", {"export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="annuaire-missions-locales.csv"' in response["Content-Disposition"]
    rows = read_csv(response)
    assert rows[0] == ML_HEADER
    lyon = next(row for row in rows if row[0] == "69123S00")
    assert lyon[1:5] == ["Mission Locale de Lyon", "Auvergne-Rhône-Alpes", "69", "AMILAURA"]
    workbook = load_workbook(io.BytesIO(client.get("/reseau/missions-locales/", {"export": "xlsx"}).content))
    sheet = workbook.active
    assert sheet.title == "Missions Locales"
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        "Mission Locale de Grenoble",
        "Mission Locale de Lyon",
    ]
    # The number of points d'accueil is a number, not a text.
    assert sheet.cell(row=2, column=ML_HEADER.index("Nombre de points d'accueil") + 1).value == 0


def test_partner_export_has_its_own_layout_with_kind_parent_departments_and_naf_sectors(client, personas):
    n = personas.network
    n.geiq.departments.add(n.rhone)
    n.geiq.naf_sectors.add(
        NafSector.objects.create(code="43", label="Travaux de construction spécialisés", level=1)
    )
    n.geiq.siret = "73282932000074"
    n.geiq.save(update_fields=["siret"])
    client.force_login(personas.counsellor_a)
    response = client.get("/reseau/partenaires/", {"export": "xlsx", "kind": "geiq"})
    assert 'filename="annuaire-partenaires.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Partenaires"
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == PARTNER_HEADER
    geiq = dict(zip(PARTNER_HEADER, rows[1], strict=True))
    assert geiq["Nom"] == "GEIQ BTP Rhône"
    assert geiq["Type"] == "GEIQ"
    assert geiq["Structure de rattachement"] == "CR GEIQ Auvergne-Rhône-Alpes"
    assert geiq["Région"] == "Auvergne-Rhône-Alpes"
    assert geiq["Départements"] == "69"
    assert geiq["SIRET"] == "73282932000074"
    assert geiq["Secteurs NAF"] == "43 Travaux de construction spécialisés"
    assert geiq["Secteur d'activité"] == "Bâtiment & Travaux Publics"
    assert geiq["Commune"] == "Lyon"
    csv_rows = read_csv(client.get("/reseau/partenaires/", {"export": "csv"}))
    assert csv_rows[0] == PARTNER_HEADER
    assert "Code I-Milo" not in csv_rows[0]


@pytest.mark.parametrize(
    ("url", "label"),
    [("/reseau/missions-locales/", "Missions Locales"), ("/reseau/partenaires/", "Partenaires")],
)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_every_directory_export_is_written_to_the_access_log(client, personas, url, label, fmt):
    client.force_login(personas.state_observer)
    client.get(url, {"export": fmt, "region": "84"})
    log = AccessLog.objects.get()
    assert (log.user, log.kind, log.object_type) == (
        personas.state_observer,
        "export",
        "organizations.organization",
    )
    assert label in log.description and fmt.upper() in log.description
    assert log.path.startswith(url) and "region=84" in log.path


def test_browsing_the_directory_writes_no_access_log(client, personas):
    client.force_login(personas.state_observer)
    client.get("/reseau/missions-locales/")
    assert not AccessLog.objects.exists()
