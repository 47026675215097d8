"""The whole journey of the AURA charter: a GEIQ need becomes a hire counted by contract type.

The GEIQ recruiter publishes an apprenticeship offer, the AMILAURA coordinator diffuses it, the CRE of the
Mission Locale de Lyon reads it, a counsellor proposes a young person, the CRE (the ML's referent for the GEIQ)
transmits, the recruiter records a hire with an apprenticeship contract; the counts follow.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from relais.conventions.seeds import load_seed_conventions
from relais.jobs.loaders import load_contract_types
from relais.positionings.enums import PositioningStatus
from relais.positionings.models import Positioning
from relais.positionings.selectors import positioning_counts_for_convention
from relais.youths.enums import ConsentScope
from tests.jobs.factories import RomeFamilyFactory, RomeTitleFactory
from tests.youths.factories import YouthFactory, birth_date_for_age

CHARTER = "CR GEIQ Auvergne-Rhône-Alpes et AMILAURA"


@pytest.fixture
def journey_data(personas):
    conventions = load_seed_conventions()
    charter = conventions["seed-000-cr-geiq-aura-amilaura"]
    load_contract_types()
    masonry = RomeFamilyFactory(code="F1703", label="Maçonnerie")
    mason = RomeTitleFactory(
        ogr_code="15830",
        family=masonry,
        label="Maçon / Maçonne",
        short_label="Maçon",
        search_text="macon / maconne macon f1703",
    )
    youth = YouthFactory(
        mission_locale=personas.network.ml_a,
        counsellor=personas.counsellor_a.person,
        first_name="Léa",
        last_name="Moreau",
        birth_date=birth_date_for_age(19),
        commune=personas.network.lyon,
        max_distance_km=20,
        rqth=True,
        consent_given_at=timezone.localdate() - datetime.timedelta(days=10),
        consent_scope=ConsentScope.IDENTITY_AND_CONTACT,
        phone="06 00 00 00 01",
        sought_titles=[mason],
    )
    return charter, youth


def switch_to(page, login, user):
    page.context.clear_cookies()
    login(user)


def test_from_a_geiq_need_to_a_hire_with_an_apprenticeship_contract(
    page, login, personas, journey_data, screenshot
):
    charter, youth = journey_data
    start = timezone.localdate() + datetime.timedelta(days=40)

    # 1. The GEIQ recruiter publishes an apprenticeship offer under the AURA charter.
    login(personas.geiq_recruiter)
    page.goto("/opportunites/nouvelle/")
    page.get_by_label("Type d'opportunité").select_option(label="Contrat d'apprentissage")
    page.get_by_label("Rechercher une appellation ROME").fill("maçon")
    page.locator("#rome-results label").filter(has_text="Maçon / Maçonne").click()
    page.get_by_label("Rechercher une commune").fill("Lyon")
    page.locator("#commune-results label").filter(has_text="Lyon (69123)").click()
    page.get_by_label("Nombre de postes ou de places").fill("2")
    page.get_by_label("Date de début").fill(start.isoformat())
    page.get_by_label("Date limite de candidature").fill((start - datetime.timedelta(days=10)).isoformat())
    page.get_by_label("Durée du contrat (mois)").fill("24")
    page.get_by_label("Durée hebdomadaire (heures)").fill("35")
    page.get_by_label("Convention").select_option(label=str(charter))
    page.get_by_role("button", name="Publier").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Maçon / Maçonne")
    opportunity_url = page.url
    opportunity_pk = int(re.search(r"/opportunites/(\d+)/", opportunity_url).group(1))

    # 2. The AMILAURA coordinator diffuses it to the Missions Locales.
    switch_to(page, login, personas.arml_coordinator)
    page.goto(opportunity_url)
    page.get_by_role("link", name="Diffuser aux Missions Locales").click()
    page.get_by_text("Une liste de Missions Locales").click()
    page.locator("label", has_text="Mission Locale de Lyon").click()
    page.get_by_role("button", name="Diffuser").click()
    expect(page.get_by_role("alert").filter(has_text="diffusée")).to_be_visible()

    # 3. The CRE of the Mission Locale de Lyon reads it.
    switch_to(page, login, personas.cre_a)
    page.goto("/opportunites/?vue=recues")
    page.get_by_role("link", name="Maçon / Maçonne").first.click()
    expect(
        page.get_by_text(re.compile("lue par les chargés de relations entreprises le .* \\(Chloé Martin\\)"))
    ).to_be_visible()

    # 4. A counsellor proposes a young person from the suggestions: the argument page, then the confirmation.
    switch_to(page, login, personas.counsellor_a)
    page.goto(opportunity_url)
    page.get_by_role("link", name="Positionner un jeune").click()
    suggestions = page.get_by_test_id("suggestions")
    expect(suggestions).to_contain_text("Même métier recherché : Maçon / Maçonne")
    screenshot(page, "journey-suggestions")
    suggestions.get_by_role("link", name=re.compile("Proposer Léa Moreau")).click()
    expect(page.get_by_test_id("consent")).to_contain_text("Recueilli le")
    page.get_by_label("Argumentaire pour le référent et le partenaire").fill(
        "Très motivée par le gros œuvre."
    )
    page.get_by_label("Disponibilité du jeune").fill("Disponible immédiatement")
    screenshot(page, "journey-argument")
    page.get_by_role("button", name="Confirmer la proposition").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Positionnement n°")
    positioning = Positioning.objects.get(youth=youth, opportunity_id=opportunity_pk)
    assert positioning.availability == "Disponible immédiatement"

    # 5. The CRE, the ML's referent for the GEIQ, transmits it (mutualisation page).
    switch_to(page, login, personas.cre_a)
    page.get_by_role("link", name="À transmettre").first.click()
    row = page.locator(f"#positioning-{positioning.pk}")
    expect(row).to_contain_text("MOREAU")
    row.get_by_role("button", name="Transmettre").click()
    expect(page.locator(f"#positioning-{positioning.pk}")).to_contain_text("Transmis au partenaire")

    # 6. The recruiter opens the received candidate and records a hire with an apprenticeship contract.
    switch_to(page, login, personas.geiq_recruiter)
    page.get_by_role("link", name="Candidatures reçues").first.click()
    expect(page.get_by_role("table")).to_contain_text("Léa MOREAU")
    expect(page.locator("body")).not_to_contain_text("RQTH")
    page.get_by_role("link", name=f"n°{positioning.pk}").click()
    page.get_by_role("button", name="Enregistrer un recrutement").first.click()
    hire = page.locator("#action-hire")
    hire.get_by_label("Type de contrat").select_option(label="Contrat d'apprentissage")
    hire.get_by_label("Date d'embauche").fill(start.isoformat())
    hire.get_by_label("Durée hebdomadaire (heures)").fill("35")
    hire.get_by_role("button", name="Enregistrer un recrutement").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Recruté")
    expect(page.get_by_test_id("outcome")).to_contain_text("Contrat d'apprentissage")
    screenshot(page, "journey-hire")

    positioning.refresh_from_db()
    assert positioning.status == PositioningStatus.HIRED
    assert [t.to_status for t in positioning.transitions.order_by("at", "pk")] == [
        "proposed",
        "transmitted",
        "hired",
    ]
    counts = positioning_counts_for_convention(charter)
    assert counts["positioned"] == 1
    assert counts["hired_by_contract_type"] == [
        {"code": "apprenticeship", "label": "Contrat d'apprentissage", "count": 1}
    ]

    # 7. The counts appear on the convention page, for the coordinator who prepares the annual review.
    switch_to(page, login, personas.arml_coordinator)
    page.goto(f"/conventions/{charter.pk}/")
    expect(page.get_by_test_id("count-positioned")).to_have_text("Jeunes positionnés : 1")
    expect(page.get_by_test_id("hired-by-contract")).to_have_text("Contrat d'apprentissage : 1")
    screenshot(page, "journey-convention")
