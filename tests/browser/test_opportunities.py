"""Browser journey: the GEIQ recruiter publishes with the ROME picker, the ARML diffuses, the CRE reads."""

import re

import pytest
from playwright.sync_api import expect

from relais.opportunities.models import Delivery, Opportunity
from tests.jobs.factories import RomeFamilyFactory, RomeTitleFactory
from tests.opportunities.factories import (
    OpportunityFactory,
    delivered,
    in_days,
)
from tests.territories.factories import CommuneFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_publish_diffuse_and_read(page, login, personas, screenshot):
    n = personas.network
    RomeTitleFactory(ogr_code="12345", label="Maçon / Maçonne", short_label="Maçon")
    cook = RomeTitleFactory(
        ogr_code="77777",
        label="Commis de cuisine",
        short_label="Commis",
        family=RomeFamilyFactory(code="G1602", label="Personnel de cuisine"),
    )
    villeurbanne = CommuneFactory(
        code="69266",
        name="Villeurbanne",
        department=n.rhone,
        latitude=45.771,
        longitude=4.880,
        postal_codes=["69100"],
    )
    for title, kind, commune in [
        ("Commis de cuisine en CDD", "job_cdd", villeurbanne),
        ("Immersion en restauration collective", "pmsmp", n.lyon),
    ]:
        other = OpportunityFactory(
            publisher=n.geiq_2,
            rome_title=cook,
            commune=commune,
            kind=kind,
            status="published",
            title=title,
            duration_months=6 if kind == "job_cdd" else None,
            weekly_hours=35 if kind == "job_cdd" else None,
        )
        delivered(other, n.ml_a)

    # The recruiter publishes an apprenticeship offer, picking the ROME title and the commune by searching.
    login(personas.geiq_recruiter)
    page.goto("/opportunites/nouvelle/")
    page.get_by_label("Type d'opportunité").select_option("apprenticeship")
    page.get_by_label("Rechercher une appellation ROME").fill("maçon")
    page.locator("#rome-results").get_by_text("Maçon / Maçonne").click()
    page.get_by_label("Rechercher une commune").fill("Lyon")
    page.locator("#commune-results").get_by_text("Lyon (69123)").click()
    page.get_by_label("Nombre de postes ou de places").fill("3")
    page.get_by_label("Date de début").fill(in_days(40).isoformat())
    page.get_by_label("Date limite de candidature").fill(in_days(25).isoformat())
    page.get_by_label("Durée du contrat (mois)").fill("24")
    page.get_by_label("Durée hebdomadaire (heures)").fill("35")
    page.get_by_text("Travailleurs handicapés (RQTH)").click()
    page.get_by_role("button", name="Publier", exact=True).click()
    page.wait_for_url("**/opportunites/*/")
    expect(page.get_by_text("L'opportunité est publiée.")).to_be_visible()
    opportunity = Opportunity.objects.get(publisher=n.geiq)
    assert opportunity.status == "published" and opportunity.priority_publics == ["rqth"]

    # The AMILAURA coordinator diffuses it to the whole region.
    page.context.clear_cookies()
    login(personas.arml_coordinator)
    page.goto(f"/opportunites/{opportunity.pk}/")
    page.get_by_role("link", name="Diffuser aux Missions Locales").click()
    page.get_by_text("Toute la région").click()
    page.get_by_role("combobox", name=re.compile(r"^Région")).select_option(label="Auvergne-Rhône-Alpes")
    page.get_by_role("button", name="Diffuser").click()
    expect(page.get_by_text("Opportunité diffusée à 2 Missions Locales.")).to_be_visible()

    # The CRE of ML A finds it among what was diffused to the Mission Locale, unread, then opens it.
    page.context.clear_cookies()
    login(personas.cre_a)
    page.goto("/opportunites/")
    row = page.get_by_role("row").filter(has_text="Maçon / Maçonne")
    expect(row.get_by_text("Non lue")).to_be_visible()
    screenshot(page, "cre-opportunities")
    row.get_by_role("link", name="Maçon / Maçonne").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Maçon / Maçonne")
    delivery = Delivery.objects.get(opportunity=opportunity, mission_locale=n.ml_a)
    assert delivery.first_read_by == personas.cre_a
