"""The network loader (UNML, ARMLs, Missions Locales) and the ML coverage import, on small extracts."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

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
        "AMILAURA — ARML Auvergne-Rhône-Alpes", "AMILAURA", "04 72 98 24 75"
    )
    assert (amilaura.kind, amilaura.region.code, amilaura.parent) == (OrganizationKind.ARML, "84", unml)
    assert Organization.objects.get(slug="arml-44").name == "ARML Grand Est"
    lyon = Organization.objects.get(imilo_code="69123S00")
    assert (lyon.name, lyon.kind, lyon.region.code, lyon.parent) == (
        "ML LYON", OrganizationKind.MISSION_LOCALE, "84", amilaura
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
    assert arml_names("DES MISSIONS LOCALES BOURGOGNE - FRANCHE-COMTE", [bfc]) == ("ARML Bourgogne-Franche-Comté", "")
    reunion, mayotte = Region(code="04", name="La Réunion"), Region(code="06", name="Mayotte")
    assert arml_names("DES MISSIONS LOCALES OCEAN INDIEN", [reunion, mayotte]) == ("ARML Océan Indien", "")


def write(tmp_path, text: str):
    path = tmp_path / "couverture.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_coverage_import_links_communes_to_missions_locales_and_is_idempotent(cog, tmp_path):
    run("load_network", *DATA)
    path = write(tmp_path, "code_imilo;code_insee\n69123S00;69123\n69123S00;69204\n01262S00;01262\n")
    assert "Missions Locales (communes couvertes) : 2 chargés / 0 inchangés" in run("import_ml_coverage", str(path))
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
