"""Directory services: SIRET checks, referents, demo data."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from relais.core.scope import Scope
from relais.organizations.admin import OrganizationAdminForm, PartnerReferentAdminForm
from relais.organizations.enums import OrganizationKind
from relais.organizations.forms import ReferentForm
from relais.organizations.models import SIRET_INVALID, PartnerReferent
from relais.organizations.selectors import partners
from relais.organizations.services import ensure_organization, referent_assign, validate_siret
from tests.organizations.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def test_valid_siret_is_normalised():
    assert validate_siret("732 829 320 00074") == "73282932000074"
    assert validate_siret("") == ""


@pytest.mark.parametrize("value", ["73282932000075", "1234", "abcdefghijklmn"])
def test_invalid_siret_is_refused_with_a_french_message(value):
    with pytest.raises(ValidationError) as error:
        validate_siret(value)
    assert "SIRET n'est pas valide" in str(error.value)


def test_admin_form_rejects_a_bad_siret(personas):
    data = {"kind": OrganizationKind.COMPANY, "name": "Entreprise test", "siret": "73282932000075"}
    form = OrganizationAdminForm(data=data)
    assert not form.is_valid()
    assert form.errors["siret"] == [
        "Ce numéro SIRET n'est pas valide (14 chiffres avec une clé de contrôle)."
    ]


def test_referent_must_be_a_partner_and_a_member(personas):
    n = personas.network
    with pytest.raises(ValidationError):
        referent_assign(
            mission_locale=n.ml_a, partner=n.ml_b, person=personas.cre_a.person, scope=Scope.system()
        )
    with pytest.raises(ValidationError):
        referent_assign(
            mission_locale=n.ml_a, partner=n.geiq_2, person=personas.counsellor_b.person, scope=Scope.system()
        )
    with pytest.raises(PermissionDenied):
        referent_assign(
            mission_locale=n.ml_a,
            partner=n.geiq_2,
            person=personas.cre_a.person,
            scope=Scope.for_user(personas.counsellor_b),
        )


def test_naming_a_new_referent_replaces_the_previous_one(personas):
    n = personas.network
    referent_assign(
        mission_locale=n.ml_a,
        partner=n.geiq,
        person=personas.counsellor_a.person,
        scope=Scope.for_user(personas.arml_coordinator),
    )
    referent = PartnerReferent.objects.get(mission_locale=n.ml_a, partner=n.geiq)
    assert referent.person == personas.counsellor_a.person


def test_a_national_partner_can_get_a_referent_from_the_page(client, personas):
    n = personas.network
    akto = OrganizationFactory(kind=OrganizationKind.OPCO, name="AKTO", region=None)
    other_region = OrganizationFactory(
        kind=OrganizationKind.GEIQ, name="GEIQ du Grand Est", region=n.grand_est
    )
    form = ReferentForm(mission_locale=n.ml_a)
    choices = set(form.fields["partner"].queryset)
    assert akto in choices and n.geiq in choices and other_region not in choices
    client.force_login(personas.cre_a)
    response = client.post(
        f"/reseau/organisations/{n.ml_a.pk}/referents/nouveau/",
        {"partner": akto.pk, "person": personas.cre_a.person.pk},
    )
    assert response.status_code == 302
    assert PartnerReferent.objects.filter(mission_locale=n.ml_a, partner=akto).exists()


def test_admin_referent_form_applies_the_rule_of_the_page(personas):
    n = personas.network
    outsider = {
        "mission_locale": n.ml_a.pk,
        "partner": n.geiq_2.pk,
        "person": personas.counsellor_b.person.pk,
    }
    form = PartnerReferentAdminForm(data=outsider)
    assert not form.is_valid()
    assert form.errors["person"] == ["Le référent doit faire partie de l'équipe de la Mission Locale."]
    form = PartnerReferentAdminForm(data={**outsider, "person": personas.counsellor_a.person.pk})
    assert form.is_valid(), form.errors
    not_a_partner = PartnerReferentAdminForm(
        data={**outsider, "partner": n.state.pk, "person": personas.counsellor_a.person.pk}
    )
    assert not_a_partner.errors["partner"] == ["La structure choisie n'est pas un partenaire."]


def test_siret_checksum_is_checked_by_the_model_field(db):
    organization = OrganizationFactory(kind=OrganizationKind.GEIQ, name="GEIQ test", siret="73282932000075")
    with pytest.raises(ValidationError) as error:
        organization.full_clean()
    assert error.value.message_dict["siret"] == [SIRET_INVALID]
    organization.siret = "73282932000074"
    organization.full_clean()


def test_a_siret_is_unique_when_given_and_may_be_left_empty(db):
    OrganizationFactory(kind=OrganizationKind.GEIQ, name="GEIQ A", siret="73282932000074")
    OrganizationFactory(kind=OrganizationKind.GEIQ, name="GEIQ B", siret="")
    OrganizationFactory(kind=OrganizationKind.GEIQ, name="GEIQ C", siret="")
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganizationFactory(kind=OrganizationKind.GEIQ, name="GEIQ D", siret="73282932000074")
    form = OrganizationAdminForm(
        data={"kind": OrganizationKind.GEIQ, "name": "GEIQ E", "siret": "732 829 320 00074"}
    )
    assert not form.is_valid()
    assert form.errors["siret"] == ["Une autre organisation porte déjà ce numéro SIRET."]


def test_companies_must_give_a_siret_other_kinds_may_not(db):
    form = OrganizationAdminForm(data={"kind": OrganizationKind.COMPANY, "name": "Entreprise Bâtir"})
    assert not form.is_valid()
    assert form.errors["siret"] == ["Le SIRET est obligatoire pour le type « Entreprise »."]
    form = OrganizationAdminForm(
        data={"kind": OrganizationKind.COMPANY, "name": "Entreprise Bâtir", "siret": "732 829 320 00074"}
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["siret"] == "73282932000074"
    assert OrganizationAdminForm(data={"kind": OrganizationKind.GEIQ, "name": "GEIQ sans SIRET"}).is_valid()
    with pytest.raises(ValidationError):
        ensure_organization(slug="entreprise-x", kind=OrganizationKind.INTERIM_AGENCY, name="Intérim X")


def test_an_organisation_saved_in_the_admin_is_found_by_a_folded_search(admin_client, personas):
    response = admin_client.post(
        "/admin/organizations/organization/add/",
        {
            "kind": OrganizationKind.GEIQ,
            "name": "GEIQ Métiers de l'Hôtellerie",
            "region": personas.network.aura.pk,
            "is_active": "on",
            "sites-TOTAL_FORMS": "0",
            "sites-INITIAL_FORMS": "0",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert [o.name for o in partners(query="hotellerie")] == ["GEIQ Métiers de l'Hôtellerie"]


@pytest.mark.parametrize("value", ["00000000000000", "00000000000018"])
def test_a_siret_of_zeros_is_refused_although_its_checksum_is_right(value):
    from stdnum.fr import siret

    assert siret.is_valid(value)  # what the library alone would accept
    with pytest.raises(ValidationError) as error:
        validate_siret(value)
    assert error.value.message_dict == {"siret": [SIRET_INVALID]}
    organization = OrganizationFactory.build(kind=OrganizationKind.GEIQ, name="GEIQ zéro", siret=value)
    with pytest.raises(ValidationError) as error:
        organization.clean_fields()
    assert error.value.message_dict["siret"] == [SIRET_INVALID]
