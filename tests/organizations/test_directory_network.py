"""The directory as the ARMLs provide it: home region, search by place, every partner kind, coverage tools."""

import pytest

from relais.organizations.enums import OrganizationKind, Role
from relais.organizations.models import PartnerReferent, Site
from relais.territories.loading import search_key
from tests.organizations.factories import (
    MembershipFactory,
    OrganizationFactory,
    PersonFactory,
    user_with_role,
)
from tests.organizations.test_directory_exports import read_csv
from tests.territories.factories import CommuneFactory, DepartmentFactory

pytestmark = pytest.mark.django_db


def _grand_est_ml(n):
    moselle = DepartmentFactory(code="57", name="Moselle", region=n.grand_est)
    ml = OrganizationFactory(name="Mission Locale de Metz", parent=n.arml_ge, region=n.grand_est)
    ml.departments.add(moselle)
    return ml


def test_the_mission_locale_directory_opens_on_the_users_region_and_can_be_widened(client, personas):
    n = personas.network
    _grand_est_ml(n)
    client.force_login(personas.arml_coordinator)
    body = client.get("/reseau/missions-locales/").content.decode()
    assert "Mission Locale de Lyon" in body and "Mission Locale de Metz" not in body
    body = client.get("/reseau/missions-locales/", {"region": ""}).content.decode()
    assert "Mission Locale de Lyon" in body and "Mission Locale de Metz" in body
    assert "Toutes les régions" in body


def test_a_mission_locale_is_found_by_a_sites_commune_its_postal_code_and_its_own_commune(client, personas):
    n = personas.network
    saint_priest = CommuneFactory(
        code="69290", name="Saint-Priest", department=n.rhone, postal_codes=["69800"]
    )
    Site.objects.create(organization=n.ml_a, name="Antenne Saint-Priest", commune=saint_priest)
    chambery = CommuneFactory(
        code="73065",
        name="Chambéry",
        department=DepartmentFactory(code="73", name="Savoie", region=n.aura),
        postal_codes=["73000"],
    )
    ml_savoie = OrganizationFactory(name="Mission Locale Jeunes", region=n.aura, commune=chambery)
    for commune in (saint_priest, chambery):
        type(commune).objects.filter(pk=commune.pk).update(search_name=search_key(commune.name))
    client.force_login(personas.cre_a)
    for query in ("Saint-Priest", "st priest", "69800"):
        body = client.get("/reseau/missions-locales/", {"q": query}).content.decode()
        assert "Mission Locale de Lyon" in body, query
        assert "Mission Locale de Grenoble" not in body, query
    for query in ("Chambéry", "chambery", "Savoie", "73"):
        body = client.get("/reseau/missions-locales/", {"q": query}).content.decode()
        assert ml_savoie.name in body and "Mission Locale de Lyon" not in body, query


def test_the_department_list_narrows_to_the_chosen_region(client, personas):
    n = personas.network
    _grand_est_ml(n)
    client.force_login(personas.arml_coordinator)
    form = client.get("/reseau/missions-locales/", {"region": "84"}).context["form"]
    assert {d.code for d in form.fields["department"].queryset} == {"38", "69"}
    form = client.get("/reseau/missions-locales/", {"region": ""}).context["form"]
    assert {d.code for d in form.fields["department"].queryset} == {"38", "57", "69"}


def test_the_directory_sorts_names_without_regard_to_case_or_accents(client, personas):
    n = personas.network
    for name in ("mission locale d'Annecy", "Mission Locale d'Évian", "MISSION LOCALE de Bourg"):
        OrganizationFactory(name=name, region=n.aura)
    client.force_login(personas.cre_a)
    names = [ml.name for ml in client.get("/reseau/missions-locales/").context["page_obj"]]
    assert names == [
        "mission locale d'Annecy",
        "Mission Locale d'Évian",
        "MISSION LOCALE de Bourg",
        "Mission Locale de Grenoble",
        "Mission Locale de Lyon",
    ]


def test_a_mission_locale_without_i_milo_code_shows_a_dash_not_none(client, personas):
    OrganizationFactory(name="Mission Locale sans code", region=personas.network.aura, imilo_code=None)
    client.force_login(personas.cre_a)
    body = client.get("/reseau/missions-locales/").content.decode()
    assert "None" not in body and "<td>—</td>" in body


def test_the_export_carries_sites_with_address_and_the_professional_contacts(client, personas):
    n = personas.network
    Site.objects.create(
        organization=n.ml_a,
        name="Antenne Gerland",
        address="12 rue de Gerland",
        postal_code="69007",
        commune=n.lyon,
    )
    client.force_login(personas.arml_coordinator)
    rows = read_csv(client.get("/reseau/missions-locales/", {"export": "csv"}))
    header, lyon = rows[0], next(row for row in rows if row[0] == "69123S00")
    assert "Antenne Gerland — 12 rue de Gerland — 69007 Lyon" in lyon[header.index("Points d'accueil")]
    contacts = lyon[header.index("Contacts")]
    assert personas.cre_a.email in contacts and "Chargé·e de relations entreprises" in contacts
    assert personas.counsellor_a.email not in contacts


def test_the_partner_directory_lists_regions_companies_and_france_travail_with_a_kind_filter(
    client, personas
):
    n = personas.network
    OrganizationFactory(
        kind=OrganizationKind.REGION_COUNCIL, name="Région Auvergne-Rhône-Alpes", region=n.aura
    )
    OrganizationFactory(kind=OrganizationKind.FRANCE_TRAVAIL, name="France Travail Lyon", region=n.aura)
    OrganizationFactory(kind=OrganizationKind.COMPANY, name="Boulangerie Dupain", region=n.aura)
    client.force_login(personas.cre_a)
    body = client.get("/reseau/partenaires/").content.decode()
    for name in ("Région Auvergne-Rhône-Alpes", "France Travail Lyon", "Boulangerie Dupain", "DREETS"):
        assert name in body
    assert "Mission Locale de Lyon" not in body
    body = client.get("/reseau/partenaires/", {"kind": "france_travail"}).content.decode()
    assert "France Travail Lyon" in body and "Boulangerie Dupain" not in body


def test_coverage_opens_on_the_users_network_and_region(client, personas):
    n = personas.network
    cr_geiq_ge = OrganizationFactory(
        kind=OrganizationKind.NETWORK_HEAD, name="CR GEIQ Grand Est", region=n.grand_est
    )
    OrganizationFactory(
        kind=OrganizationKind.GEIQ, name="GEIQ Moselle", parent=cr_geiq_ge, region=n.grand_est
    )
    _grand_est_ml(n)
    coordinator = user_with_role(cr_geiq_ge, Role.COORDINATOR, "animation@crgeiq-ge.test")
    client.force_login(coordinator)
    response = client.get("/reseau/couverture/")
    assert response.context["form"].cleaned_data["network"] == cr_geiq_ge
    assert response.context["form"].cleaned_data["region"] == n.grand_est
    assert "Mission Locale de Metz" in response.content.decode()


def test_coverage_filters_gaps_only_and_exports(client, personas):
    n = personas.network
    PartnerReferent.objects.create(mission_locale=n.ml_b, partner=n.geiq, person=PersonFactory())
    PartnerReferent.objects.create(mission_locale=n.ml_b, partner=n.geiq_2, person=PersonFactory())
    client.force_login(personas.geiq_coordinator)
    params = {"network": n.cr_geiq.pk, "region": "84"}
    names = [row["mission_locale"].name for row in client.get("/reseau/couverture/", params).context["rows"]]
    assert "Mission Locale de Grenoble" in names
    gaps = client.get("/reseau/couverture/", {**params, "gaps": "on"}).context["rows"]
    assert [row["mission_locale"] for row in gaps] == [n.ml_a]
    response = client.get("/reseau/couverture/", {**params, "gaps": "on", "export": "csv"})
    rows = read_csv(response)
    assert rows[0][0] == "Mission Locale" and [row[0] for row in rows[1:]] == ["Mission Locale de Lyon"]


def test_a_cre_names_referents_for_several_partners_in_one_submission(client, personas):
    n = personas.network
    colleague = PersonFactory(first_name="Inès", last_name="Roux")
    MembershipFactory(person=colleague, organization=n.ml_a, role=Role.COUNSELLOR)
    client.force_login(personas.cre_a)
    url = f"/reseau/organisations/{n.ml_a.pk}/referents/"
    form = client.get(url).context["form"]
    assert {f"partner_{n.geiq.pk}", f"partner_{n.geiq_2.pk}"} <= set(form.fields)
    response = client.post(
        url, {f"partner_{n.geiq.pk}": colleague.pk, f"partner_{n.geiq_2.pk}": colleague.pk}
    )
    assert response.status_code == 302
    assert set(
        PartnerReferent.objects.filter(mission_locale=n.ml_a).values_list("partner_id", "person_id")
    ) >= {
        (n.geiq.pk, colleague.pk),
        (n.geiq_2.pk, colleague.pk),
    }


def test_the_several_partner_form_refuses_someone_outside_the_mission_locale_and_saves_nothing(
    client, personas
):
    n = personas.network
    client.force_login(personas.cre_a)
    url = f"/reseau/organisations/{n.ml_a.pk}/referents/"
    response = client.post(
        url,
        {
            f"partner_{n.geiq_2.pk}": personas.cre_a.person.pk,
            f"partner_{n.geiq.pk}": personas.counsellor_b.person.pk,
        },
    )
    assert response.status_code == 200
    assert not PartnerReferent.objects.filter(partner=n.geiq_2).exists()


def test_the_several_partner_form_of_another_mission_locale_answers_404(client, personas):
    client.force_login(personas.counsellor_b)
    assert client.get(f"/reseau/organisations/{personas.network.ml_a.pk}/referents/").status_code == 404


def test_the_grand_est_arml_coordinator_opens_coverage_on_grand_est_and_its_network(client, personas):
    n = personas.network
    cr_geiq_ge = OrganizationFactory(
        kind=OrganizationKind.NETWORK_HEAD, name="CR GEIQ Grand Est", region=n.grand_est
    )
    OrganizationFactory(
        kind=OrganizationKind.GEIQ, name="GEIQ Moselle", parent=cr_geiq_ge, region=n.grand_est
    )
    client.force_login(user_with_role(n.arml_ge, Role.COORDINATOR, "coordination@arml-ge.test"))
    form = client.get("/reseau/couverture/").context["form"]
    assert form.cleaned_data["region"] == n.grand_est
    assert form.cleaned_data["network"] == cr_geiq_ge


def test_the_mission_locale_page_leads_its_cre_to_the_several_partner_form(client, personas):
    ml = personas.network.ml_a
    client.force_login(personas.cre_a)
    assert (
        f'href="/reseau/organisations/{ml.pk}/referents/"'
        in client.get(f"/reseau/organisations/{ml.pk}/").content.decode()
    )
    client.force_login(personas.counsellor_a)
    assert (
        f"/reseau/organisations/{ml.pk}/referents/"
        not in client.get(f"/reseau/organisations/{ml.pk}/").content.decode()
    )


def test_the_mission_locale_page_lists_the_communes_it_covers_once_the_table_is_imported(client, personas):
    n = personas.network
    client.force_login(personas.cre_a)
    url = f"/reseau/organisations/{n.ml_a.pk}/"
    assert 'data-testid="covered-communes"' not in client.get(url).content.decode()
    bron = CommuneFactory(code="69029", name="Bron", department=n.rhone)
    n.ml_a.covered_communes.add(n.lyon, bron)
    body = client.get(url).content.decode()
    assert "Communes couvertes (2)" in body
    assert "Bron (69029)" in body and f"{n.lyon.name} ({n.lyon.code})" in body
