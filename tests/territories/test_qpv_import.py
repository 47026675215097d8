"""The operator's QPV import: all or nothing, with a row-by-row French error report."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from relais.territories.models import Commune, Qpv
from tests.territories.factories import CommuneFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def communes():
    CommuneFactory(code="69123", name="Lyon")
    CommuneFactory(code="69381", kind=Commune.Kind.ARRONDISSEMENT, name="Lyon 1er Arrondissement")
    CommuneFactory(code="69266", name="Villeurbanne")


def write(tmp_path, text: str):
    path = tmp_path / "qpv.csv"
    path.write_text(text, encoding="utf-8-sig")
    return path


def run(path) -> str:
    out = StringIO()
    call_command("import_qpv", str(path), stdout=out)
    return out.getvalue()


def test_qpv_are_imported_with_their_communes_and_a_second_import_changes_nothing(communes, tmp_path):
    path = write(
        tmp_path, "code;nom;codes_insee\nQN06901M;Les Pentes;69381\nQN06902M;Saint-Jean;69123|69266\n"
    )
    assert "QPV : 2 chargés / 0 inchangés / 0 rejetés" in run(path)
    assert set(Qpv.objects.get(code="QN06902M").communes.values_list("code", flat=True)) == {"69123", "69266"}
    assert "QPV : 0 chargés / 2 inchangés / 0 rejetés" in run(path)
    assert Qpv.objects.count() == 2


def test_commas_also_separate_insee_codes_and_a_changed_row_is_updated(communes, tmp_path):
    run(write(tmp_path, "code;nom;codes_insee\nQN06902M;Saint-Jean;69123\n"))
    assert "QPV : 1 chargés" in run(
        write(tmp_path, "code;nom;codes_insee\nQN06902M;Saint Jean;69123,69266\n")
    )
    qpv = Qpv.objects.get(code="QN06902M")
    assert qpv.name == "Saint Jean"
    assert qpv.communes.count() == 2


def test_one_bad_row_saves_nothing_and_every_error_is_reported_with_row_and_column(communes, tmp_path):
    path = write(
        tmp_path,
        "code;nom;codes_insee\nQN06901M;Les Pentes;69381\nQN06903M;;69123|99999\nQN06901M;Doublon;69123\n",
    )
    with pytest.raises(CommandError) as raised:
        run(path)
    message = str(raised.value)
    assert "aucune ligne enregistrée" in message
    assert "Ligne 3, colonne « nom » : nom manquant." in message
    assert "Ligne 3, colonne « codes_insee » : commune(s) inconnue(s) : 99999." in message
    assert "Ligne 4, colonne « code » : le QPV QN06901M figure déjà plus haut dans le fichier." in message
    assert Qpv.objects.count() == 0


def test_a_file_without_the_expected_columns_is_refused(communes, tmp_path):
    with pytest.raises(CommandError, match="colonne « codes_insee » : colonne absente"):
        run(write(tmp_path, "code;nom\nQN06901M;Les Pentes\n"))
    assert Qpv.objects.count() == 0


def test_a_commune_retired_from_the_cog_is_refused(communes, tmp_path):
    Commune.objects.filter(code="69266").update(retired=True)
    path = write(tmp_path, "code;nom;codes_insee\nQN06902M;Saint-Jean;69123|69266\n")
    with pytest.raises(CommandError) as raised:
        run(path)
    assert "commune(s) inconnue(s) : 69266." in str(raised.value)


@pytest.mark.parametrize("code", ["QN06901M", "QN02A01I", "QN97101N", "QN09312M"])
def test_codes_of_the_current_referential_are_accepted(communes, tmp_path, code):
    assert "QPV : 1 chargés" in run(write(tmp_path, f"code;nom;codes_insee\n{code};Quartier;69123\n"))


def test_a_2015_code_and_a_code_of_no_referential_are_refused_with_the_expected_format(communes, tmp_path):
    path = write(
        tmp_path, "code;nom;codes_insee\nQP069001;Ancien;69123\nABCD;Inventé;69123\nQN00001M;Z;69123\n"
    )
    with pytest.raises(CommandError) as raised:
        run(path)
    message = str(raised.value)
    assert (
        "Ligne 2, colonne « code » : code QPV « QP069001 » de l'ancienne géographie prioritaire (2015) : "
        "indiquez le code du référentiel en vigueur depuis 2024 (format QN06901M)." in message
    )
    assert "Ligne 3, colonne « code » : code QPV « ABCD » invalide : format attendu QN" in message
    assert "Ligne 4, colonne « code » : code QPV « QN00001M » invalide" in message
    assert Qpv.objects.count() == 0
