"""Directory services: SIRET checks, referents, demo data."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from relais.accounts.models import User
from relais.organizations.admin import OrganizationAdminForm
from relais.organizations.enums import OrganizationKind
from relais.organizations.models import Organization, PartnerReferent, Site
from relais.organizations.services import ensure_organization, referent_assign, validate_siret
from tests.territories.factories import CommuneFactory, DepartmentFactory, RegionFactory

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


DEMO_DEPARTMENTS = {
    "84": ["01", "03", "26", "38", "42", "63", "69", "73", "74"],
    "44": ["54", "57", "67", "68"],
    "76": ["09", "12", "31", "32", "46", "65", "81", "82"],
}


def test_demo_loader_creates_personas_and_referents_and_is_idempotent(db):
    departments = {}
    for region_code, codes in DEMO_DEPARTMENTS.items():
        region = RegionFactory(code=region_code, name=f"Région {region_code}")
        for code in codes:
            departments[code] = DepartmentFactory(code=code, name=f"Département {code}", region=region)
            CommuneFactory(code=f"{code}001", name=f"Commune {code}", department=departments[code],
                           population=1000)
    unml = ensure_organization(slug="unml", kind=OrganizationKind.UNML, name="UNML")
    armls = {
        code: ensure_organization(slug=f"arml-{code}", kind=OrganizationKind.ARML, name=f"ARML {code}",
                                  region_code=code, parent=unml)
        for code in ["84", "44"]
    }
    for imilo, department_code, region_code in [("69382S00", "69", "84"), ("38185S00", "38", "84"),
                                                ("54395S00", "54", "44")]:
        ml = Organization.objects.create(
            kind=OrganizationKind.MISSION_LOCALE, name=f"Mission Locale {imilo}", imilo_code=imilo,
            region=armls[region_code].region, parent=armls[region_code],
        )
        ml.departments.add(departments[department_code])

    call_command("load_demo")
    assert User.objects.filter(email__endswith=".demo").count() == 9
    assert Organization.objects.filter(kind=OrganizationKind.GEIQ, parent__slug="cr-geiq-84").count() == 13
    assert PartnerReferent.objects.exists()
    assert Site.objects.filter(organization__imilo_code="69382S00", is_main=True).count() == 1
    counts = (Organization.objects.count(), PartnerReferent.objects.count(), User.objects.count())
    call_command("load_demo")
    assert (Organization.objects.count(), PartnerReferent.objects.count(), User.objects.count()) == counts
    admin = User.objects.get(email="admin@relais.demo")
    assert admin.is_staff and admin.check_password("Relais-Demo-2026!")
