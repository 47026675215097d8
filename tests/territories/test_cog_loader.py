"""The COG loader on a small extract: counts, kinds and parents, EPCI, coordinates, idempotence."""

import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from relais.territories.models import Commune, Department, Epci, Region
from relais.territories.selectors import search_communes

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "referentials"
SOURCES = ["--data-dir", str(FIXTURES / "data"), "--node-modules", str(FIXTURES / "npm")]

pytestmark = pytest.mark.django_db


def load_cog() -> str:
    out = StringIO()
    call_command("load_cog", *SOURCES, stdout=out)
    return out.getvalue()


def test_first_run_loads_every_valid_row_and_rejects_the_others():
    output = load_cog()
    assert "Régions : 2 chargés / 0 inchangés / 0 rejetés" in output
    assert "Départements : 3 chargés / 0 inchangés / 1 rejetés" in output
    assert "EPCI : 1 chargés / 0 inchangés / 0 rejetés" in output
    assert "Communes : 9 chargés / 0 inchangés / 2 rejetés" in output
    assert "Département 98 : région 99 inconnue." in output
    assert "Commune 00001 : département 00 inconnu." in output
    assert "commune de rattachement 01998 introuvable" in output
    assert Commune.objects.count() == 9


def test_second_run_changes_nothing_and_reports_everything_unchanged():
    load_cog()
    output = load_cog()
    assert "Régions : 0 chargés / 2 inchangés" in output
    assert "Départements : 0 chargés / 3 inchangés" in output
    assert "Communes : 0 chargés / 9 inchangés / 2 rejetés" in output
    assert (Region.objects.count(), Department.objects.count(), Epci.objects.count()) == (2, 3, 1)
    assert Commune.objects.count() == 9


def test_a_changed_source_value_is_updated_and_counted_as_loaded():
    load_cog()
    Commune.objects.filter(code="01001").update(name="Ancien nom", population=1)
    output = load_cog()
    assert "Communes : 1 chargés / 8 inchangés" in output
    commune = Commune.objects.get(code="01001")
    assert (commune.name, commune.population) == ("L'Abergement-Clémenciat", 860)


def test_delegated_associated_communes_and_arrondissements_hang_under_their_current_commune():
    load_cog()
    beon = Commune.objects.get(code="01039", kind=Commune.Kind.DELEGATED)
    assert beon.parent == Commune.objects.get(code="01138", kind=Commune.Kind.CURRENT)
    cordieux = Commune.objects.get(code="01120", kind=Commune.Kind.ASSOCIATED)
    assert cordieux.parent.name == "Montluel"
    first_arrondissement = Commune.objects.get(code="69381")
    assert first_arrondissement.kind == Commune.Kind.ARRONDISSEMENT
    assert first_arrondissement.parent.code == "69123"
    assert Commune.objects.get(code="69123").parent is None


def test_communes_carry_department_epci_postal_codes_and_population():
    load_cog()
    lyon = Commune.objects.get(code="69123", kind=Commune.Kind.CURRENT)
    assert lyon.department.code == "69"
    assert lyon.department.region.name == "Auvergne-Rhône-Alpes"
    assert lyon.epci.name == "Métropole de Lyon"
    assert lyon.epci.kind == "MET69"
    assert lyon.postal_codes[0] == "69001" and len(lyon.postal_codes) == 9
    assert lyon.population == 519127
    assert lyon.search_name == "lyon"
    assert Commune.objects.get(code="01001").epci is None


def test_coordinates_are_joined_on_postal_code_and_normalised_name():
    load_cog()
    coordinates = dict(
        ((code, kind), (lat, lon))
        for code, kind, lat, lon in Commune.objects.values_list("code", "kind", "latitude", "longitude")
    )
    # Exact name, then "ST GENIS LAVAL" for "Saint-Genis-Laval" (case, hyphens, Saint/St).
    assert coordinates[("01001", "current")] == (46.1558, 4.9246)
    assert coordinates[("69204", "current")] == (45.6953, 4.7929)
    # A delegated commune is found by its name under its chef-lieu's postal code.
    assert coordinates[("01039", "delegated")] == (45.8539, 5.7561)
    # No place of that name: the centre of the postal code's places.
    assert coordinates[("01262", "current")] == (45.855, 5.06)
    assert coordinates[("69381", "arrondissement")] == (45.758, 4.8406)
    assert coordinates[("67482", "current")] == (None, None)
    assert coordinates[("01120", "associated")] == (None, None)


def test_communes_without_coordinates_are_counted():
    output = load_cog()
    assert "2 communes sans coordonnées (dont 1 communes actuelles)" in output


def copy_of_sources(tmp_path, drop_codes: set[str]):
    """The fixture's npm folder with some communes removed, as a newer COG that merged them would be."""
    npm = tmp_path / "npm"
    shutil.copytree(FIXTURES / "npm", npm)
    communes_file = npm / "@etalab" / "decoupage-administratif" / "data" / "communes.json"
    communes = json.loads(communes_file.read_text(encoding="utf-8"))
    communes_file.write_text(
        json.dumps([c for c in communes if c["code"] not in drop_codes]), encoding="utf-8"
    )
    return ["--data-dir", str(FIXTURES / "data"), "--node-modules", str(npm)]


def test_a_commune_gone_from_the_cog_is_kept_but_no_longer_current_and_comes_back_if_listed_again(tmp_path):
    load_cog()
    out = StringIO()
    call_command("load_cog", *copy_of_sources(tmp_path, {"01001"}), stdout=out)
    assert "Communes : 0 chargés / 8 inchangés / 2 rejetés / 1 retirés" in out.getvalue()
    gone = Commune.objects.get(code="01001")
    assert gone.retired and not gone.is_current
    assert not search_communes("L'Abergement")
    assert Commune.objects.filter(retired=True).count() == 1
    output = load_cog()
    assert "Communes : 1 chargés / 8 inchangés / 2 rejetés / 0 retirés" in output
    assert not Commune.objects.get(code="01001").retired
    assert [c.code for c in search_communes("L'Abergement")] == ["01001"]
