"""Directory services: SIRET checks, referents, demo data."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from relais.organizations.admin import OrganizationAdminForm
from relais.organizations.enums import OrganizationKind
from relais.organizations.models import PartnerReferent
from relais.organizations.services import referent_assign, validate_siret

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
    assert form.errors["siret"] == ["Ce numéro SIRET n'est pas valide (14 chiffres avec une clé de contrôle)."]


def test_referent_must_be_a_partner_and_a_member(personas):
    n = personas.network
    with pytest.raises(ValidationError):
        referent_assign(mission_locale=n.ml_a, partner=n.ml_b, person=personas.cre_a.person)
    with pytest.raises(ValidationError):
        referent_assign(mission_locale=n.ml_a, partner=n.geiq_2, person=personas.counsellor_b.person)
    with pytest.raises(PermissionDenied):
        referent_assign(mission_locale=n.ml_a, partner=n.geiq_2, person=personas.cre_a.person,
                        acting_user=personas.counsellor_b)


def test_naming_a_new_referent_replaces_the_previous_one(personas):
    n = personas.network
    referent_assign(mission_locale=n.ml_a, partner=n.geiq, person=personas.counsellor_a.person,
                    acting_user=personas.arml_coordinator)
    referent = PartnerReferent.objects.get(mission_locale=n.ml_a, partner=n.geiq)
    assert referent.person == personas.counsellor_a.person
