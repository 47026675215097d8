"""The ROME, NAF and contract-type loaders on small extracts: counts, rejections, idempotence."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from relais.jobs.models import ContractType, NafSector, RomeFamily, RomeTitle

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "referentials"

pytestmark = pytest.mark.django_db


def run(command: str, *args) -> str:
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def load_rome() -> str:
    return run("load_rome", "--data-dir", str(FIXTURES / "data"))


def test_rome_loader_loads_families_and_titles_and_rejects_bad_rows_with_their_line():
    output = load_rome()
    assert "Fiches ROME : 5 chargés / 0 inchangés / 1 rejetés" in output
    assert "Appellations ROME : 4 chargés / 0 inchangés / 2 rejetés" in output
    assert "rome_codes.csv, ligne 7 : code ROME « Z99 » invalide." in output
    assert "rome_appellations.csv, ligne 6 : fiche ROME « X9999 » inconnue." in output
    assert "rome_appellations.csv, ligne 7 : code OGR 19364 en double." in output
    title = RomeTitle.objects.get(ogr_code="38630")
    assert (title.family.code, title.label) == ("M1601", "Hôte / Hôtesse d'accueil")
    assert "hote hotesse d accueil" in title.search_text and "m1601" in title.search_text


def test_rome_loader_second_run_is_all_unchanged():
    load_rome()
    output = load_rome()
    assert "Fiches ROME : 0 chargés / 5 inchangés / 1 rejetés" in output
    assert "Appellations ROME : 0 chargés / 4 inchangés / 2 rejetés" in output
    assert (RomeFamily.objects.count(), RomeTitle.objects.count()) == (5, 4)


def test_rome_loader_updates_a_renamed_family():
    load_rome()
    RomeFamily.objects.filter(code="M1607").update(label="Ancien libellé")
    output = load_rome()
    assert "Fiches ROME : 1 chargés / 4 inchangés" in output
    assert RomeFamily.objects.get(code="M1607").label == "Secrétariat"


def test_naf_loader_derives_the_level_from_the_shape_of_the_code():
    output = run("load_naf", "--node-modules", str(FIXTURES / "npm"))
    assert "Secteurs NAF : 5 chargés / 0 inchangés / 1 rejetés" in output
    assert "code NAF « A » invalide" in output
    levels = dict(NafSector.objects.values_list("code", "level"))
    assert levels == {"01": 1, "01.1": 2, "01.11": 3, "01.11Z": 4, "81.21Z": 4}
    again = run("load_naf", "--node-modules", str(FIXTURES / "npm"))
    assert "Secteurs NAF : 0 chargés / 5 inchangés / 1 rejetés" in again


def test_contract_types_are_loaded_once_in_their_order():
    assert "Types de contrat : 7 chargés / 0 inchangés / 0 rejetés" in run("load_contract_types")
    assert "Types de contrat : 0 chargés / 7 inchangés / 0 rejetés" in run("load_contract_types")
    assert list(ContractType.objects.values_list("code", "label")) == [
        ("cdi", "CDI"),
        ("cdd", "CDD"),
        ("apprenticeship", "Contrat d'apprentissage"),
        ("professionalisation", "Contrat de professionnalisation"),
        ("interim", "Mission d'intérim"),
        ("cddi", "CDDI (insertion)"),
        ("other", "Autre contrat"),
    ]
