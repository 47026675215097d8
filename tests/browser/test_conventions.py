"""The AMILAURA coordinator records the half-yearly point of the AURA charter and sees the next one scheduled.

The clock is frozen a week before the first half-yearly point (6/5/2025) and the daily follow-up job has run,
so what the page shows is what Relais would show that day.
"""

import datetime
import re
import zoneinfo

import time_machine
from django.core import mail
from playwright.sync_api import expect

from relais.conventions.jobs import run_daily
from relais.conventions.seeds import load_seed_conventions

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def test_coordinator_marks_the_half_yearly_point_done_and_sees_the_next_one(
    page, login, personas, screenshot
):
    with time_machine.travel(datetime.datetime(2025, 4, 29, 9, 30, tzinfo=PARIS), tick=True):
        load_seed_conventions()
        run_daily()
        mail.outbox.clear()
        login(personas.arml_coordinator)
        page.get_by_role("link", name="Conventions", exact=True).first.click()
        page.get_by_role("link", name=re.compile("CR GEIQ Auvergne-Rhône-Alpes et AMILAURA")).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("AMILAURA")
        calendar = page.get_by_test_id("calendar")
        next_point = page.get_by_test_id("next-follow-up")
        expect(next_point).to_contain_text("06/05/2025")
        first_row = (
            calendar.get_by_role("row").filter(has_text="06/05/2025").filter(has_text="Point semestriel")
        )
        expect(first_row).to_contain_text("Prévue")
        # The daily job has reminded both parties of the point two weeks ahead; coordinators see to whom.
        expect(page.get_by_test_id("reminders")).to_contain_text(
            "Point de suivi dans 14 jours : Point semestriel"
        )

        page.get_by_role("link", name="Marquer comme réalisé : Point semestriel du 06/05/2025").click()
        expect(page.get_by_label("Réalisé le")).to_have_value("2025-04-29")
        page.get_by_label("Note (compte rendu, participants, suites)").fill(
            "Point semestriel tenu avec le CR GEIQ : 12 offres diffusées aux Missions Locales."
        )
        page.get_by_role("button", name="Enregistrer la réalisation").click()

        expect(page.get_by_role("alert").filter(has_text="réalisé")).to_be_visible()
        expect(first_row).to_contain_text("Réalisée")
        expect(first_row).to_contain_text("le 29/04/2025")
        expect(first_row).to_contain_text("12 offres diffusées")
        # The next half-yearly point is now the upcoming one, still planned.
        expect(next_point).to_contain_text("Point semestriel")
        expect(next_point).to_contain_text("06/11/2025")
        next_row = (
            calendar.get_by_role("row").filter(has_text="06/11/2025").filter(has_text="Point semestriel")
        )
        expect(next_row).to_contain_text("Prévue")
        expect(next_row.get_by_role("link", name=re.compile("Marquer comme réalisé"))).to_be_visible()
        screenshot(page, "convention-aura")
