"""Commune search and distances."""

import pytest

from relais.territories.loading import search_key
from relais.territories.models import Commune
from relais.territories.selectors import distance_km, search_communes
from tests.territories.factories import CommuneFactory, DepartmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def communes():
    rhone = DepartmentFactory(code="69", name="Rhône")
    loire = DepartmentFactory(code="42", name="Loire")
    return {
        "lyon": CommuneFactory(
            code="69123",
            name="Lyon",
            search_name="lyon",
            department=rhone,
            postal_codes=["69001", "69002"],
            population=519127,
        ),
        "arrondissement": CommuneFactory(
            code="69381",
            kind=Commune.Kind.ARRONDISSEMENT,
            name="Lyon 1er Arrondissement",
            search_name="lyon 1er arrondissement",
            department=rhone,
            postal_codes=["69001"],
            population=28717,
        ),
        "lyons": CommuneFactory(
            code="42999",
            name="Lyons-la-Forêt",
            search_name="lyons la foret",
            department=loire,
            postal_codes=["42999"],
            population=700,
        ),
        "etienne": CommuneFactory(
            code="42218",
            name="Saint-Étienne",
            search_name="saint etienne",
            department=loire,
            postal_codes=["42000", "42100"],
            population=171000,
            latitude=45.4397,
            longitude=4.3872,
        ),
    }


def test_search_by_name_prefix_puts_current_communes_first_then_the_most_populated(communes):
    assert [c.code for c in search_communes("lyo")] == ["69123", "42999", "69381"]


def test_search_ignores_accents_case_and_saint_abbreviation(communes):
    assert [c.code for c in search_communes("ST-ETIENNE")] == ["42218"]
    assert [c.code for c in search_communes("saint-étienne")] == ["42218"]


def test_search_by_postal_code_and_by_insee_code(communes):
    assert {c.code for c in search_communes("69001")} == {"69123", "69381"}
    assert [c.code for c in search_communes("42100")] == ["42218"]
    assert [c.code for c in search_communes("42218")] == ["42218"]
    # A postal code inside another one's digits does not match ("9001" is no prefix of "69001").
    assert list(search_communes("9001")) == []


def test_search_respects_the_limit_and_an_empty_query_finds_nothing(communes):
    assert len(search_communes("lyo", limit=1)) == 1
    assert list(search_communes("  ")) == []


def test_distance_between_two_communes_uses_the_haversine_formula(communes):
    lyon = communes["lyon"]  # factory default coordinates 45.758, 4.835
    distance = distance_km(lyon, communes["etienne"])
    assert 49 < distance < 51  # Lyon – Saint-Étienne, about 50 km as the crow flies
    assert distance_km(lyon, lyon) == 0


def test_distance_is_none_when_a_coordinate_is_missing(communes):
    communes["lyons"].latitude = None
    assert distance_km(communes["lyon"], communes["lyons"]) is None


def test_search_key_writes_saint_out_so_every_spelling_meets():
    assert (
        search_key("Saint-Étienne")
        == search_key("ST ETIENNE")
        == search_key("saint etienne")
        == "saint etienne"
    )
    assert search_key("Sainte-Foy-lès-Lyon") == search_key("Ste Foy les Lyon") == "sainte foy les lyon"
