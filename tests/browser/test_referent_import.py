"""A CRE names the Mission Locale's partner referents from a file: from the ML page to the preview, then saved."""

import pytest
from playwright.sync_api import expect

from relais.organizations.enums import Role
from relais.organizations.models import PartnerReferent
from tests.organizations.factories import MembershipFactory, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_cre_imports_the_referents_after_a_preview(page, login, personas, screenshot):
    n = personas.network
    colleague = PersonFactory(first_name="Inès", last_name="Roux", email="ines.roux@ml-lyon.test")
    MembershipFactory(person=colleague, organization=n.ml_a, role=Role.COUNSELLOR)
    login(personas.cre_a)
    page.goto(f"/reseau/organisations/{n.ml_a.pk}/")
    page.get_by_role("link", name="Importer un fichier de référents").click()
    sheet = (
        "\ufeffPartenaire (SIRET ou nom exact);Référent (e-mail)\n"
        "GEIQ BTP Rhône;ines.roux@ml-lyon.test\n"
        "GEIQ Propreté Isère;conseil@ml-lyon.test\n"
    ).encode()
    page.get_by_label("Fichier des référents").set_input_files(
        {"name": "referents.csv", "mimeType": "text/csv", "buffer": sheet}
    )
    page.get_by_role("button", name="Analyser le fichier").click()
    expect(page.get_by_test_id("import-summary")).to_contain_text("1 référent à nommer, 1 à remplacer")
    expect(page.get_by_test_id("import-preview")).to_contain_text("Remplacement")
    screenshot(page, "referent-import-preview")
    page.get_by_role("button", name="Confirmer l'import").click()
    expect(page.get_by_text("Import terminé : 1 référent nommé, 1 remplacé, 0 inchangés.")).to_be_visible()
    assert set(
        PartnerReferent.objects.filter(mission_locale=n.ml_a).values_list("partner_id", "person_id")
    ) == {
        (n.geiq.pk, colleague.pk),
        (n.geiq_2.pk, personas.counsellor_a.person.pk),
    }
