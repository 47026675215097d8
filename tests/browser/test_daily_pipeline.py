"""Daily work on the pipeline as the pages show it: a hired young person, a send-back, the hire form, diffusion.

Each test walks what a user meets on the page (the trial found these defects on a fresh demo); axe-core audits
every page state the test acts on.
"""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from relais.conventions.models import Convention, ConventionParty
from relais.opportunities.enums import OpportunityKind
from relais.opportunities.models import Opportunity
from relais.positionings.enums import PositioningStatus as S
from relais.positionings.models import Positioning
from tests.positionings.factories import (
    consenting_youth,
    contract_type,
    positioning_at,
    published_opportunity,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def switch_to(page, login, user):
    page.context.clear_cookies()
    login(user)


@pytest.fixture
def lea(personas):
    return consenting_youth(
        personas.network.ml_a,
        counsellor=personas.counsellor_a.person,
        first_name="Léa",
        last_name="Moreau",
        commune=personas.network.lyon,
    )


def test_a_hired_young_person_is_not_suggested_and_is_proposed_again_only_after_confirmation(
    page, login, personas, rome, lea, screenshot
):
    n = personas.network
    first = published_opportunity(n, rome_title=rome.mason, title="Maçon — chantier de Bron")
    positioning_at(personas, S.HIRED, youth=lea, opportunity=first)
    second = published_opportunity(n, rome_title=rome.mason, title="Maçon — chantier de Vénissieux")

    login(personas.counsellor_a)
    page.goto(f"/positionnements/jeune/{lea.pk}/")
    expect(page.get_by_test_id("current-outcome")).to_contain_text("Aucune opportunité ne lui est suggérée")

    page.goto(f"/positionnements/proposer/?jeune={lea.pk}&opportunite={second.pk}")
    expect(page.get_by_test_id("current-outcome")).to_contain_text("recruté")
    page.get_by_label("Argumentaire pour le référent et le partenaire").fill("Souhaite changer de chantier.")
    page.get_by_role("button", name="Confirmer la proposition").click()
    # Refused without the confirmation, and the typed argument is kept.
    expect(
        page.get_by_text("Confirmez que vous proposez ce jeune malgré ce parcours en cours.")
    ).to_be_visible()
    expect(page.get_by_label("Argumentaire pour le référent et le partenaire")).to_have_value(
        "Souhaite changer de chantier."
    )
    assert not Positioning.objects.filter(opportunity=second).exists()
    screenshot(page, "propose-despite-hire")
    page.get_by_text("Je confirme proposer ce jeune malgré son recrutement").click()
    page.get_by_role("button", name="Confirmer la proposition").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Positionnement n°")
    assert Positioning.objects.get(opportunity=second).motivation == "Souhaite changer de chantier."


def test_after_a_send_back_the_counsellor_reads_the_reason_and_proposes_again_with_a_new_argument(
    page, login, personas, rome, lea
):
    opportunity = published_opportunity(personas.network, rome_title=rome.mason)
    positioning = positioning_at(personas, S.RETURNED, youth=lea, opportunity=opportunity)

    login(personas.counsellor_a)
    page.goto(f"/positionnements/{positioning.pk}/")
    returned = page.locator(".fr-alert").filter(
        has=page.get_by_role("heading", name="Renvoyé par le référent")
    )
    expect(returned).to_contain_text("Profil à compléter")
    page.get_by_role("button", name="Proposer à nouveau").first.click()
    section = page.locator("#action-repropose")
    expect(section.get_by_label("Argumentaire pour le référent et le partenaire")).to_have_value("Motivé")
    section.get_by_label("Argumentaire pour le référent et le partenaire").fill(
        "CV complété, permis B obtenu."
    )
    section.get_by_role("button", name="Proposer à nouveau").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Proposé")
    expect(page.get_by_text("CV complété, permis B obtenu.")).to_be_visible()
    positioning.refresh_from_db()
    assert (positioning.status, positioning.motivation) == (S.PROPOSED, "CV complété, permis B obtenu.")


def test_the_hire_form_starts_from_the_offers_contract_and_weekly_hours(page, login, personas, rome, lea):
    apprenticeship = contract_type()
    offer = published_opportunity(
        personas.network,
        rome_title=rome.mason,
        kind=OpportunityKind.APPRENTICESHIP,
        weekly_hours=Decimal("32"),
        duration_months=24,
    )
    positioning = positioning_at(personas, S.TRANSMITTED, youth=lea, opportunity=offer)

    login(personas.geiq_recruiter)
    page.goto(f"/positionnements/{positioning.pk}/")
    page.get_by_role("button", name="Enregistrer un recrutement").first.click()
    hire = page.locator("#action-hire")
    expect(hire.get_by_label("Type de contrat")).to_have_value(str(apprenticeship.pk))
    expect(hire.get_by_label("Durée hebdomadaire (heures)")).to_have_value(re.compile(r"^32([.,]0)?$"))


def test_the_diffusion_message_reaches_the_mission_locale_and_the_coordinator_sees_who_read_it(
    page, login, personas, rome, screenshot
):
    n = personas.network
    opportunity = published_opportunity(n, rome_title=rome.mason, mission_locales=[])

    login(personas.arml_coordinator)
    page.goto(f"/opportunites/{opportunity.pk}/")
    page.get_by_role("link", name="Diffuser aux Missions Locales").click()
    page.get_by_text("Une liste de Missions Locales").click()
    page.locator("label", has_text="Mission Locale de Lyon").click()
    page.locator("label", has_text="Mission Locale de Grenoble").click()
    page.get_by_label("Message aux chargés de relations entreprises").fill(
        "Le GEIQ recrute avant l'été : merci de positionner vos jeunes intéressés par le gros œuvre."
    )
    page.get_by_role("button", name="Diffuser").click()
    expect(page.get_by_text("Opportunité diffusée à 2 Missions Locales.")).to_be_visible()
    expect(page.get_by_test_id("reading-summary")).to_contain_text("0 / 2")

    # The CRE of Lyon reads the message on the page of the offer the Mission Locale received.
    switch_to(page, login, personas.cre_a)
    page.goto(f"/opportunites/{opportunity.pk}/")
    expect(page.get_by_test_id("diffusion-note")).to_contain_text("merci de positionner vos jeunes")
    expect(page.get_by_test_id("diffusion-note")).to_contain_text("Message de Alexia Violet")

    # The coordinator sees that Lyon's CREs read it and Grenoble's did not; unread first on demand.
    switch_to(page, login, personas.arml_coordinator)
    page.goto(f"/opportunites/{opportunity.pk}/")
    expect(page.get_by_test_id("reading-summary")).to_contain_text("1 / 2")
    page.get_by_role("link", name="Non lues d'abord").click()
    rows = page.get_by_role("table").get_by_role("row")
    expect(rows.nth(1)).to_contain_text("Mission Locale de Grenoble")
    expect(rows.nth(1)).to_contain_text("Pas encore lue")
    expect(rows.nth(2)).to_contain_text("Chloé Martin")
    screenshot(page, "diffusion-reading")


def test_a_partner_is_told_who_diffuses_and_its_form_preselects_the_convention_that_applies(
    page, login, personas, rome
):
    n = personas.network
    charter = Convention.objects.create(
        title="Charte GEIQ × AMILAURA", kind="regional_charter", status="active", region=n.aura
    )
    ConventionParty.objects.create(convention=charter, organization=n.cr_geiq)
    ConventionParty.objects.create(convention=charter, organization=n.arml)
    opportunity = published_opportunity(n, rome_title=rome.mason, mission_locales=[], convention=charter)

    # The CR GEIQ coordinator cannot diffuse past the ARML the charter names; the page says who does.
    login(personas.geiq_coordinator)
    page.goto(f"/opportunites/{opportunity.pk}/")
    expect(page.get_by_role("link", name="Diffuser aux Missions Locales")).to_have_count(0)
    expect(page.get_by_test_id("who-diffuses")).to_contain_text("assurée par AMILAURA")
    page.goto(f"/opportunites/{opportunity.pk}/diffuser/")
    expect(page.get_by_role("heading", level=1)).not_to_contain_text("Diffuser")

    # The GEIQ recruiter's new offer starts under the charter of its network head.
    switch_to(page, login, personas.geiq_recruiter)
    page.goto("/opportunites/nouvelle/")
    expect(page.get_by_label("Convention")).to_have_value(str(charter.pk))
    expect(
        page.get_by_text("« Aucune » : l'opportunité ne sera comptée dans le bilan d'aucune")
    ).to_be_visible()
    assert Opportunity.objects.filter(publisher=n.geiq).count() == 1
