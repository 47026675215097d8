"""Shared fixtures: a small network and one user per persona."""

from types import SimpleNamespace

import pytest

from relais.organizations.enums import OrganizationKind, Role
from tests.jobs.factories import RomeFamilyFactory, RomeTitleFactory
from tests.organizations.factories import (
    OrganizationFactory,
    PartnerReferentFactory,
    user_with_role,
)
from tests.territories.factories import CommuneFactory, DepartmentFactory, RegionFactory


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    """Uploaded documents and imports go to a temporary private folder, never to the project's var/."""
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    return settings.PRIVATE_STORAGE_ROOT


@pytest.fixture
def rome(db):
    """A few ROME families and titles with their real codes."""
    masonry = RomeFamilyFactory(code="F1703", label="Maçonnerie")
    concrete = RomeFamilyFactory(code="F1701", label="Construction en béton")
    cleaning = RomeFamilyFactory(code="K2204", label="Nettoyage de locaux")
    return SimpleNamespace(
        masonry=masonry,
        concrete=concrete,
        cleaning=cleaning,
        mason=RomeTitleFactory(ogr_code="15830", family=masonry, label="Maçon / Maçonne"),
        mason_helper=RomeTitleFactory(ogr_code="15831", family=masonry, label="Aide-maçon / Aide-maçonne"),
        formworker=RomeTitleFactory(ogr_code="11111", family=concrete, label="Coffreur / Coffreuse"),
        cleaner=RomeTitleFactory(ogr_code="38795", family=cleaning, label="Agent / Agente de propreté"),
    )


@pytest.fixture
def network(db):
    """UNML → ARML AURA → ML A and ML B; CR GEIQ AURA → GEIQ BTP; a State service; ARML Grand Est."""
    aura = RegionFactory(code="84", name="Auvergne-Rhône-Alpes")
    grand_est = RegionFactory(code="44", name="Grand Est")
    rhone = DepartmentFactory(code="69", name="Rhône", region=aura)
    isere = DepartmentFactory(code="38", name="Isère", region=aura)
    lyon = CommuneFactory(code="69123", name="Lyon", department=rhone)
    grenoble = CommuneFactory(
        code="38185",
        name="Grenoble",
        department=isere,
        postal_codes=["38000"],
        latitude=45.188,
        longitude=5.724,
    )
    unml = OrganizationFactory(
        kind=OrganizationKind.UNML, name="Union nationale des Missions Locales", slug="unml", region=None
    )
    arml = OrganizationFactory(
        kind=OrganizationKind.ARML, name="AMILAURA", slug="arml-84", parent=unml, region=aura
    )
    arml_ge = OrganizationFactory(
        kind=OrganizationKind.ARML, name="ARML Grand Est", slug="arml-44", parent=unml, region=grand_est
    )
    ml_a = OrganizationFactory(
        name="Mission Locale de Lyon", imilo_code="69123S00", parent=arml, region=aura, commune=lyon
    )
    ml_a.departments.add(rhone)
    ml_b = OrganizationFactory(
        name="Mission Locale de Grenoble", imilo_code="38185S00", parent=arml, region=aura, commune=grenoble
    )
    ml_b.departments.add(isere)
    cr_geiq = OrganizationFactory(
        kind=OrganizationKind.NETWORK_HEAD,
        name="CR GEIQ Auvergne-Rhône-Alpes",
        slug="cr-geiq-84",
        region=aura,
    )
    geiq = OrganizationFactory(
        kind=OrganizationKind.GEIQ,
        name="GEIQ BTP Rhône",
        parent=cr_geiq,
        region=aura,
        sector_label="Bâtiment & Travaux Publics",
        commune=lyon,
    )
    geiq_2 = OrganizationFactory(
        kind=OrganizationKind.GEIQ,
        name="GEIQ Propreté Isère",
        parent=cr_geiq,
        region=aura,
        sector_label="Propreté",
        commune=grenoble,
    )
    state = OrganizationFactory(kind=OrganizationKind.STATE, name="DREETS Auvergne-Rhône-Alpes", region=aura)
    return SimpleNamespace(
        aura=aura,
        grand_est=grand_est,
        rhone=rhone,
        isere=isere,
        lyon=lyon,
        grenoble=grenoble,
        unml=unml,
        arml=arml,
        arml_ge=arml_ge,
        ml_a=ml_a,
        ml_b=ml_b,
        cr_geiq=cr_geiq,
        geiq=geiq,
        geiq_2=geiq_2,
        state=state,
    )


@pytest.fixture
def personas(network):
    """One user per persona of the product brief."""
    p = SimpleNamespace(network=network)
    p.arml_coordinator = user_with_role(
        network.arml, Role.COORDINATOR, "coordination@amilaura.test", first_name="Alexia", last_name="Violet"
    )
    p.geiq_coordinator = user_with_role(
        network.cr_geiq,
        Role.COORDINATOR,
        "animation@crgeiq-aura.test",
        first_name="Manuel",
        last_name="Colombino",
    )
    p.cre_a = user_with_role(
        network.ml_a, Role.CRE, "cre@ml-lyon.test", first_name="Chloé", last_name="Martin"
    )
    p.counsellor_a = user_with_role(
        network.ml_a, Role.COUNSELLOR, "conseil@ml-lyon.test", first_name="Karim", last_name="Benali"
    )
    p.counsellor_b = user_with_role(
        network.ml_b, Role.COUNSELLOR, "conseil@ml-grenoble.test", first_name="Julie", last_name="Roux"
    )
    p.geiq_recruiter = user_with_role(
        network.geiq,
        Role.PARTNER_RECRUITER,
        "recrutement@geiq-btp.test",
        first_name="Paul",
        last_name="Girard",
    )
    p.state_observer = user_with_role(
        network.state, Role.OBSERVER, "observation@dreets.test", first_name="Sophie", last_name="Laurent"
    )
    p.admin = user_with_role(
        network.unml, Role.ADMINISTRATOR, "admin@relais.test", first_name="Admin", last_name="Plateforme"
    )
    p.admin.is_staff = True
    p.admin.is_superuser = True
    p.admin.save(update_fields=["is_staff", "is_superuser"])
    # The CRE of ML A is its referent for the GEIQ BTP (mutualisation of the prescriptions).
    p.cre_a_referent = PartnerReferentFactory(
        mission_locale=network.ml_a, partner=network.geiq, person=p.cre_a.person
    )
    return p
