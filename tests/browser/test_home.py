"""Each persona's home page in the browser: their own work queue, checked by axe-core, with a screenshot."""

import pytest
from playwright.sync_api import expect

from relais.organizations.enums import Role
from relais.organizations.models import Site
from relais.positionings.enums import PositioningStatus as S
from tests.organizations.factories import user_with_role
from tests.positionings.factories import consenting_youth, positioning_at, published_opportunity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EXPECTED = {
    "counsellor_a": "Mes positionnements",
    "cre_a": "À transmettre aux partenaires",
    "geiq_recruiter": "Candidatures reçues",
    "arml_coordinator": "Opportunités",
    "state_observer": "Indicateurs des partenariats",
    "ml_director": "Annuaire et référents",
}


def test_each_persona_opens_on_what_waits_for_them(page, login, personas, rome, screenshot):
    n = personas.network
    opportunity = published_opportunity(n, rome_title=rome.mason)
    for status in (S.PROPOSED, S.RETURNED, S.TRANSMITTED):
        youth = consenting_youth(
            n.ml_a, commune=n.lyon, counsellor=personas.counsellor_a.person, sought_titles=[rome.mason]
        )
        positioning_at(personas, status, youth=youth, opportunity=opportunity)
    # The Mission Locale's director: one point d'accueil without a phone, a partner (the GEIQ Propreté) sending
    # offers with no referent named for it.
    personas.ml_director = user_with_role(n.ml_a, Role.DIRECTOR, "direction@ml-lyon.test")
    Site.objects.create(organization=n.ml_a, name="Antenne de Vaise", commune=n.lyon)
    published_opportunity(n, publisher=n.geiq_2, rome_title=rome.mason, mission_locales=[n.ml_a])
    for persona, title in EXPECTED.items():
        page.context.clear_cookies()
        login(getattr(personas, persona))
        page.goto("/")
        queue = page.get_by_test_id("work-queue")
        expect(queue.get_by_role("heading", name=title, exact=True)).to_be_visible()
        if persona == "ml_director":
            expect(queue).to_contain_text("Mission Locale de Lyon : 1 point d'accueil sans téléphone")
            expect(queue).to_contain_text(
                "Mission Locale de Lyon : 1 partenaire qui vous diffuse des offres sans référent nommé"
            )
        screenshot(page, f"home-{persona}")
