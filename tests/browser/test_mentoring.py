"""A counsellor pairs a young person with a mentor, records a meeting and ends the mentorship."""

import pytest
from playwright.sync_api import expect

from relais.mentoring.enums import MentorshipStatus
from relais.mentoring.models import Mentorship
from tests.conventions.factories import AxisFactory, ConventionFactory
from tests.mentoring.factories import MentorFactory
from tests.positionings.factories import consenting_youth


@pytest.mark.django_db(transaction=True)
def test_counsellor_runs_a_mentorship_from_the_youth_page(page, login, screenshot, personas, rome):
    network = personas.network
    charter = ConventionFactory(title="Charte régionale GEIQ AURA", parties=[network.arml, network.cr_geiq])
    AxisFactory(convention=charter, title="Parrainage des jeunes")
    MentorFactory(
        supervisor=network.geiq,
        person__first_name="Gérard",
        person__last_name="Lambert",
        rome_families=[rome.masonry],
        departments=[network.rhone],
    )
    youth = consenting_youth(network.ml_a, first_name="Léa", last_name="Dupont", commune=network.lyon)
    login(personas.counsellor_a)
    page.goto(f"/jeunes/{youth.pk}/")
    page.get_by_role("link", name="Proposer un parrainage").click()
    page.get_by_label("Parrain", exact=True).select_option(label="Gérard Lambert — GEIQ BTP Rhône")
    page.get_by_label("Convention", exact=True).select_option(label="Charte régionale GEIQ AURA")
    page.get_by_label("Objectifs du parrainage").fill("Découvrir la maçonnerie.")
    screenshot(page, "mentorship_form")
    page.get_by_role("button", name="Créer le parrainage").click()
    expect(page.get_by_test_id("mentored")).to_have_text("Léa DUPONT")
    page.get_by_role("link", name="Ajouter une rencontre").click()
    page.get_by_label("Durée (minutes)").fill("60")
    page.get_by_role("button", name="Enregistrer la rencontre").click()
    expect(page.get_by_text("La rencontre a été enregistrée.")).to_be_visible()
    screenshot(page, "mentorship_detail")
    page.get_by_role("link", name="Mettre fin au parrainage").click()
    page.get_by_text("Départ du jeune").click()
    page.get_by_text("Ni emploi, ni formation").click()
    screenshot(page, "mentorship_end")
    page.get_by_role("button", name="Mettre fin au parrainage").click()
    expect(page.get_by_text("Rompu avant six mois")).to_be_visible()
    assert Mentorship.objects.get().status == MentorshipStatus.ENDED
    page.goto("/parrainage/")
    screenshot(page, "mentorship_list")
    page.goto("/parrainage/parrains/")
    expect(page.get_by_test_id("mentor-count")).to_have_text("1 parrain")
    screenshot(page, "mentor_list")
