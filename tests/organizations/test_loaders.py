"""The network loader (UNML, ARMLs, Missions Locales) and the ML coverage import, on small extracts."""

import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from relais.organizations import selectors
from relais.organizations.enums import OrganizationKind
from relais.organizations.loaders import arml_names, mission_locale_name
from relais.organizations.models import Organization
from relais.territories.models import Region

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "referentials"
DATA = ["--data-dir", str(FIXTURES / "data")]

pytestmark = pytest.mark.django_db


def run(command: str, *args) -> str:
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def cog():
    run("load_cog", *DATA, "--node-modules", str(FIXTURES / "npm"))


def test_network_loader_builds_unml_armls_and_missions_locales(cog):
    output = run("load_network", *DATA)
    assert "UNML : 1 chargés / 0 inchangés / 0 rejetés" in output
    assert "ARML : 2 chargés / 0 inchangés / 1 rejetés" in output
    assert "Missions Locales : 3 chargés / 0 inchangés / 2 rejetés" in output
    unml = Organization.objects.get(slug="unml")
    assert unml.kind == OrganizationKind.UNML
    amilaura = Organization.objects.get(slug="arml-84")
    assert (amilaura.name, amilaura.short_name, amilaura.phone) == (
        "AMILAURA — ARML Auvergne-Rhône-Alpes",
        "AMILAURA",
        "04 72 98 24 75",
    )
    assert (amilaura.kind, amilaura.region.code, amilaura.parent) == (OrganizationKind.ARML, "84", unml)
    assert Organization.objects.get(slug="arml-44").name == "ARML Grand Est"
    lyon = Organization.objects.get(imilo_code="69123S00")
    assert (lyon.name, lyon.kind, lyon.region.code, lyon.parent) == (
        "ML LYON",
        OrganizationKind.MISSION_LOCALE,
        "84",
        amilaura,
    )
    assert list(lyon.departments.values_list("code", flat=True)) == ["69"]
    assert Organization.objects.get(imilo_code="67482S00").parent.slug == "arml-44"


def test_temporary_999_structures_and_structures_without_territory_are_rejected_with_a_reason(cog):
    output = run("load_network", *DATA)
    assert "99994S00 (ML de Lyon temporaire pour Fusion) : structure temporaire ou fusionnée" in output
    assert "65441S00 (ML_SUE) : ni région ni département reconnus." in output
    assert "armls.csv, ligne 4 : région(s) inconnue(s) « 99 »." in output
    assert not Organization.objects.filter(imilo_code__startswith="999").exists()


def test_an_unknown_imilo_region_code_falls_back_on_the_department_region(cog):
    run("load_network", *DATA)
    dombes = Organization.objects.get(imilo_code="01262S00")
    assert dombes.region.code == "84"
    assert dombes.parent.slug == "arml-84"
    assert dombes.name == "Mission Locale Dombes Côtière"


def test_second_run_is_all_unchanged_without_duplicates(cog):
    run("load_network", *DATA)
    output = run("load_network", *DATA)
    assert "UNML : 0 chargés / 1 inchangés" in output
    assert "ARML : 0 chargés / 2 inchangés" in output
    assert "Missions Locales : 0 chargés / 3 inchangés / 2 rejetés" in output
    assert Organization.objects.count() == 6


def test_a_renamed_or_moved_mission_locale_is_put_back_in_line_with_i_milo(cog):
    run("load_network", *DATA)
    lyon = Organization.objects.get(imilo_code="69123S00")
    lyon.name = "Nom modifié"
    lyon.save()
    lyon.departments.clear()
    output = run("load_network", *DATA)
    assert "Missions Locales : 1 chargés / 2 inchangés" in output
    lyon.refresh_from_db()
    assert lyon.name == "ML LYON"
    assert list(lyon.departments.values_list("code", flat=True)) == ["69"]


def test_readable_names_strip_the_department_prefix_and_build_arml_names(db):
    assert mission_locale_name({"nom_officiel": "31-ML TOULOUSE", "nom_usuel": None}) == "ML TOULOUSE"
    assert mission_locale_name({"nom_usuel": "971-ML LES ABYMES (siège)"}) == "ML LES ABYMES (siège)"
    assert mission_locale_name({"nom_usuel": "Mission Jeunes 05"}) == "Mission Jeunes 05"
    occitanie = Region(code="76", name="Occitanie")
    assert arml_names("DES MISSIONS LOCALES D'OCCITANIE", [occitanie]) == ("ARML Occitanie", "")
    bfc = Region(code="27", name="Bourgogne-Franche-Comté")
    assert arml_names("DES MISSIONS LOCALES BOURGOGNE - FRANCHE-COMTE", [bfc]) == (
        "ARML Bourgogne-Franche-Comté",
        "",
    )
    reunion, mayotte = Region(code="04", name="La Réunion"), Region(code="06", name="Mayotte")
    assert arml_names("DES MISSIONS LOCALES OCEAN INDIEN", [reunion, mayotte]) == ("ARML Océan Indien", "")


def write(tmp_path, text: str):
    path = tmp_path / "couverture.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_coverage_import_links_communes_to_missions_locales_and_is_idempotent(cog, tmp_path):
    run("load_network", *DATA)
    path = write(tmp_path, "code_imilo;code_insee\n69123S00;69123\n69123S00;69204\n01262S00;01262\n")
    assert "Missions Locales (communes couvertes) : 2 chargés / 0 inchangés" in run(
        "import_ml_coverage", str(path)
    )
    lyon = Organization.objects.get(imilo_code="69123S00")
    assert set(lyon.covered_communes.values_list("code", flat=True)) == {"69123", "69204"}
    assert "0 chargés / 2 inchangés" in run("import_ml_coverage", str(path))


def test_coverage_import_with_a_bad_row_saves_nothing(cog, tmp_path):
    run("load_network", *DATA)
    path = write(
        tmp_path, "code_imilo;code_insee\n69123S00;69123\n99994S00;69204\n69123S00;01039\n69123S00;69123\n"
    )
    with pytest.raises(CommandError) as raised:
        run("import_ml_coverage", str(path))
    message = str(raised.value)
    assert "Ligne 3, colonne « code_imilo » : Mission Locale « 99994S00 » inconnue." in message
    # 01039 is a delegated commune: coverage is by current commune.
    assert "Ligne 4, colonne « code_insee » : commune « 01039 » inconnue." in message
    assert "Ligne 5, colonne « code_insee » : ligne en double (69123S00, 69123)." in message
    assert not Organization.objects.get(imilo_code="69123S00").covered_communes.exists()


def data_copy(
    tmp_path, *, armls: str | None = None, drop: set[str] = frozenset(), rename: dict | None = None
):
    """The fixture data folder with an edited ARML file or I-Milo list, as a newer release would be."""
    folder = tmp_path / "data"
    shutil.copytree(FIXTURES / "data", folder)
    if armls is not None:
        (folder / "armls.csv").write_text(armls, encoding="utf-8")
    items = json.loads((folder / "missions_locales_imilo.json").read_text(encoding="utf-8"))
    items = [
        {**item, "id": (rename or {}).get(item["id"], item["id"])} for item in items if item["id"] not in drop
    ]
    (folder / "missions_locales_imilo.json").write_text(json.dumps(items), encoding="utf-8")
    return ["--data-dir", str(folder)]


def test_an_arml_of_several_regions_records_the_departments_of_all_of_them(cog, tmp_path):
    armls = "nom;codes_region;telephone\nDES MISSIONS LOCALES DU GRAND EST ET DE RHONE-ALPES;44|84;01 02 03 04 05\n"
    run("load_network", *data_copy(tmp_path, armls=armls))
    arml = Organization.objects.get(slug="arml-44")
    assert arml.region.code == "44"
    assert set(arml.departments.values_list("code", flat=True)) == {"01", "67", "69"}
    assert Organization.objects.get(imilo_code="69123S00").parent == arml


def test_missions_locales_and_armls_gone_from_the_sources_are_deactivated_and_counted(cog, tmp_path):
    run("load_network", *DATA)
    armls = "nom;codes_region;telephone\nAMILAURA - AUVERGNE - RHONE-ALPES;84;04 72 98 24 75\n"
    # Strasbourg leaves the file; Lyon turns into a temporary structure of a merger.
    newer = data_copy(tmp_path, armls=armls, drop={"67482S00"}, rename={"69123S00": "99990S00"})
    output = run("load_network", *newer)
    assert "ARML : 0 chargés / 1 inchangés / 0 rejetés / 1 retirés" in output
    assert "Missions Locales : 0 chargés / 1 inchangés / 3 rejetés / 2 retirés" in output
    retired = Organization.objects.filter(is_active=False)
    assert set(retired.values_list("name", flat=True)) == {
        "ARML Grand Est",
        "ML LYON",
        "Mission Locale pour l'Emploi de Strasbourg",
    }
    assert not selectors.missions_locales(query="Strasbourg").exists()
    again = run("load_network", *DATA)
    assert "Missions Locales : 2 chargés / 1 inchangés / 2 rejetés / 0 retirés" in again
    assert not Organization.objects.filter(is_active=False).exists()


def test_loaded_missions_locales_are_found_whatever_the_accents_or_hyphens(cog):
    run("load_network", *DATA)
    assert [o.imilo_code for o in selectors.missions_locales(query="dombes cotiere")] == ["01262S00"]
    assert [o.imilo_code for o in selectors.missions_locales(query="l'emploi de STRASBOURG")] == ["67482S00"]
