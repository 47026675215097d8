"""Directory search: accents, hyphens and "St"; partner filters by NAF sector and department; ML by commune."""

import pytest

from relais.jobs.models import NafSector
from relais.organizations.enums import OrganizationKind
from tests.organizations.factories import OrganizationFactory
from tests.territories.factories import CommuneFactory, DepartmentFactory

pytestmark = pytest.mark.django_db
ML_LIST, PARTNERS = "/reseau/missions-locales/", "/reseau/partenaires/"


def names(response) -> list[str]:
    return [org.name for org in response.context["page_obj"]]


@pytest.fixture
def saint_etienne(personas):
    loire = DepartmentFactory(code="42", name="Loire", region=personas.network.aura)
    ml = OrganizationFactory(
        name="Mission Locale Saint Etienne et Couronne Stéphanoise",
        parent=personas.network.arml,
        region=personas.network.aura,
        imilo_code="42218S00",
    )
    ml.departments.add(loire)
    return ml


@pytest.mark.parametrize(
    "query", ["Étienne", "saint-etienne", "St Etienne", "ST-ÉTIENNE", "stéphanoise", "sain"]
)
def test_mission_locale_search_ignores_accents_hyphens_and_the_saint_abbreviation(
    client, personas, saint_etienne, query
):
    client.force_login(personas.counsellor_a)
    assert names(client.get(ML_LIST, {"q": query})) == [
        "Mission Locale Saint Etienne et Couronne Stéphanoise"
    ]


def test_mission_locale_search_still_finds_an_exact_i_milo_code(client, personas, saint_etienne):
    client.force_login(personas.counsellor_a)
    assert names(client.get(ML_LIST, {"q": "42218s00"})) == [
        "Mission Locale Saint Etienne et Couronne Stéphanoise"
    ]


def test_partner_search_looks_into_the_sector_without_accents(client, personas):
    client.force_login(personas.counsellor_a)
    assert names(client.get(PARTNERS, {"q": "batiment travaux"})) == ["GEIQ BTP Rhône"]
    assert names(client.get(PARTNERS, {"q": "proprete"})) == ["GEIQ Propreté Isère"]


def test_partners_filter_by_naf_division_whatever_the_depth_they_are_filed_at(client, personas):
    n = personas.network
    construction = NafSector.objects.create(code="43", label="Travaux de construction spécialisés", level=1)
    NafSector.objects.create(code="81", label="Services relatifs aux bâtiments", level=1)
    plumbing = NafSector.objects.create(
        code="43.22A", label="Travaux d'installation d'eau et de gaz", level=4
    )
    n.geiq.naf_sectors.add(construction)
    company = OrganizationFactory(kind=OrganizationKind.COMPANY, name="Plomberie Durand", region=n.aura)
    company.naf_sectors.add(plumbing)
    client.force_login(personas.counsellor_a)
    assert names(client.get(PARTNERS, {"naf": "43"})) == ["GEIQ BTP Rhône", "Plomberie Durand"]
    assert names(client.get(PARTNERS, {"naf": "81"})) == []


def test_partners_filter_by_department_worked_in_or_of_their_address(client, personas):
    n = personas.network
    office = OrganizationFactory(kind=OrganizationKind.EMPLOYER_OFFICE, name="MEDEF Isère", region=n.aura)
    office.departments.add(n.isere)
    client.force_login(personas.counsellor_a)
    # The GEIQ Propreté Isère has no department of its own but its address is in Grenoble (38).
    assert names(client.get(PARTNERS, {"department": "38"})) == ["GEIQ Propreté Isère", "MEDEF Isère"]
    assert names(client.get(PARTNERS, {"department": "69"})) == ["GEIQ BTP Rhône"]


def test_missions_locales_are_found_by_a_commune_they_cover(client, personas):
    n = personas.network
    villeurbanne = CommuneFactory(
        code="69266",
        name="Villeurbanne",
        search_name="villeurbanne",
        department=n.rhone,
        postal_codes=["69100"],
    )
    n.ml_a.covered_communes.add(villeurbanne)
    client.force_login(personas.counsellor_b)
    for query in ["Villeurbanne", "villeurbanne", "69100", "69266"]:
        assert names(client.get(ML_LIST, {"commune": query})) == ["Mission Locale de Lyon"], query


def test_an_unknown_commune_is_explained_in_french(client, personas):
    n = personas.network
    n.ml_a.covered_communes.add(n.lyon)
    client.force_login(personas.counsellor_b)
    response = client.get(ML_LIST, {"commune": "Atlantide"})
    assert "Aucune commune ne correspond à « Atlantide »" in response.content.decode()
    assert names(response) == []


def test_the_commune_filter_is_offered_only_once_a_coverage_table_is_imported(client, personas):
    client.force_login(personas.counsellor_b)
    assert "commune" not in client.get(ML_LIST).context["form"].fields
    personas.network.ml_a.covered_communes.add(personas.network.lyon)
    assert "commune" in client.get(ML_LIST).context["form"].fields
