"""The number of queries of each directory page and export does not grow with the number of rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from relais.jobs.models import NafSector
from relais.organizations.enums import OrganizationKind, Role
from tests.organizations.factories import MembershipFactory, OrganizationFactory, PartnerReferentFactory
from tests.territories.factories import CommuneFactory

pytestmark = pytest.mark.django_db


def count_queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params or {}).status_code == 200
    return len(captured)


def assert_flat(client, url, grow, params=None):
    """Same number of queries before and after `grow()` added rows to what the page shows."""
    few = count_queries(client, url, params)
    grow()
    assert count_queries(client, url, params) == few


def _partners(n, count=12):
    naf = NafSector.objects.get_or_create(code="43", defaults={"label": "Travaux", "level": 1})[0]
    members = []
    for i in range(count):
        partner = OrganizationFactory(
            kind=OrganizationKind.GEIQ, name=f"GEIQ test {i}", parent=n.cr_geiq, region=n.aura, commune=n.lyon
        )
        partner.departments.add(n.rhone, n.isere)
        partner.naf_sectors.add(naf)
        members.append(partner)
    return members


def _missions_locales(n, count=12):
    mls = []
    for i in range(count):
        ml = OrganizationFactory(
            name=f"Mission Locale test {i}", parent=n.arml, region=n.aura, commune=n.lyon
        )
        ml.departments.add(n.rhone)
        mls.append(ml)
    return mls


def test_partner_list(client, personas):
    client.force_login(personas.counsellor_a)
    assert_flat(client, "/reseau/partenaires/", lambda: _partners(personas.network))


def test_coverage_page(client, personas):
    n = personas.network
    client.force_login(personas.geiq_coordinator)

    def grow():
        members = _partners(n, 5)
        for ml in _missions_locales(n, 5):
            for partner in members[:3]:
                person = MembershipFactory(organization=ml, role=Role.CRE).person
                PartnerReferentFactory(mission_locale=ml, partner=partner, person=person)

    assert_flat(client, "/reseau/couverture/", grow, {"network": n.cr_geiq.pk, "region": "84"})


def test_mission_locale_detail(client, personas):
    n = personas.network
    client.force_login(personas.cre_a)

    def grow():
        for i in range(8):
            n.ml_a.sites.create(
                name=f"Point d'accueil {i}", commune=CommuneFactory(code=f"6900{i}", name=f"Commune {i}")
            )
            person = MembershipFactory(organization=n.ml_a, role=Role.CRE).person
            MembershipFactory(organization=n.ml_a, role=Role.DIRECTOR, person=person)
        for partner in _partners(n, 6):
            PartnerReferentFactory(mission_locale=n.ml_a, partner=partner, person=personas.cre_a.person)
        n.ml_a.departments.add(n.isere)

    assert_flat(client, f"/reseau/organisations/{n.ml_a.pk}/", grow)


def test_partner_detail(client, personas):
    n = personas.network
    client.force_login(personas.geiq_coordinator)

    def grow():
        _partners(n, 8)
        for ml in _missions_locales(n, 8):
            person = MembershipFactory(organization=ml, role=Role.CRE).person
            PartnerReferentFactory(mission_locale=ml, partner=n.cr_geiq, person=person)
        for _ in range(5):
            MembershipFactory(organization=n.cr_geiq, role=Role.PARTNER_RECRUITER)

    assert_flat(client, f"/reseau/organisations/{n.cr_geiq.pk}/", grow)


def test_team_page(client, personas):
    n = personas.network
    client.force_login(personas.counsellor_a)

    def grow():
        for role in [Role.COUNSELLOR] * 10 + [Role.CRE, Role.DIRECTOR]:
            MembershipFactory(organization=n.ml_a, role=role)

    assert_flat(client, f"/reseau/organisations/{n.ml_a.pk}/equipe/", grow)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_mission_locale_export(client, personas, fmt):
    client.force_login(personas.arml_coordinator)
    assert_flat(
        client, "/reseau/missions-locales/", lambda: _missions_locales(personas.network, 30), {"export": fmt}
    )


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_partner_export(client, personas, fmt):
    client.force_login(personas.arml_coordinator)
    assert_flat(client, "/reseau/partenaires/", lambda: _partners(personas.network, 30), {"export": fmt})


def _missions_locales_with_sites_and_contacts(n, count=8):
    for i, ml in enumerate(_missions_locales(n, count)):
        ml.sites.create(name=f"Antenne {i}", address=f"{i} rue de Lyon", postal_code="69001", commune=n.lyon)
        MembershipFactory(organization=ml, role=Role.CRE)
        MembershipFactory(organization=ml, role=Role.DIRECTOR)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_mission_locale_export_with_sites_and_contacts(client, personas, fmt):
    client.force_login(personas.arml_coordinator)
    assert_flat(
        client,
        "/reseau/missions-locales/",
        lambda: _missions_locales_with_sites_and_contacts(personas.network),
        {"export": fmt},
    )


def test_mission_locale_search_by_place(client, personas):
    client.force_login(personas.cre_a)
    assert_flat(
        client,
        "/reseau/missions-locales/",
        lambda: _missions_locales_with_sites_and_contacts(personas.network),
        {"q": "Lyon"},
    )


@pytest.mark.parametrize("params", [{"gaps": "on"}, {"gaps": "on", "export": "csv"}])
def test_coverage_gaps_and_export(client, personas, params):
    n = personas.network
    client.force_login(personas.geiq_coordinator)

    def grow():
        members = _partners(n, 4)
        for ml in _missions_locales(n, 4):
            person = MembershipFactory(organization=ml, role=Role.CRE).person
            PartnerReferentFactory(mission_locale=ml, partner=members[0], person=person)

    assert_flat(client, "/reseau/couverture/", grow, {"network": n.cr_geiq.pk, "region": "84", **params})


def test_coverage_opened_on_the_users_defaults(client, personas):
    client.force_login(personas.geiq_coordinator)
    assert_flat(client, "/reseau/couverture/", lambda: _missions_locales(personas.network, 6))


def test_several_partner_referent_form(client, personas):
    n = personas.network
    client.force_login(personas.cre_a)

    def grow():
        for partner in _partners(n, 8):
            PartnerReferentFactory(mission_locale=n.ml_a, partner=partner, person=personas.cre_a.person)
        for _ in range(5):
            MembershipFactory(organization=n.ml_a, role=Role.COUNSELLOR)

    assert_flat(client, f"/reseau/organisations/{n.ml_a.pk}/referents/", grow)
