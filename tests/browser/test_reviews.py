"""The AMILAURA coordinator opens the charter's review from its page, reads the figures and their breakdowns,
freezes them, records the COPIL and the renewal it decided, then downloads the PDF the job prepared."""

import datetime
import re

from django.utils import timezone
from playwright.sync_api import expect

from relais.conventions.enums import ConventionStatus
from relais.reviews.models import Review
from tests.reviews.conftest import MINUTES_PDF, hire_youths, make_charter


def test_coordinator_freezes_the_review_records_the_copil_and_the_renewal_and_downloads_the_pdf(
    page,
    login,
    personas,
    screenshot,
    tmp_path,
):
    charter = make_charter(personas)
    hire_youths(personas, charter, 2)
    login(personas.arml_coordinator)
    page.goto(f"/conventions/{charter.pk}/")
    page.get_by_role("link", name="Ouvrir le bilan annuel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Bilan annuel — {charter}")
    expect(page.get_by_text(re.compile("Chiffres en direct, recalculés"))).to_be_visible()

    hires = page.locator("section").filter(has=page.get_by_role("heading", name="Jeunes recrutés"))
    expect(hires.locator(".relais-figure__value")).to_have_text("2 jeunes")

    # Each tab shows the panel it controls (read through aria-controls: while DSFR switches tabs, the panel
    # leaving is still visible for a moment).
    def open_tab(name):
        tab = hires.get_by_role("tab", name=name)
        tab.click()
        expect(tab).to_have_attribute("aria-selected", "true")
        return page.locator(f"#{tab.get_attribute('aria-controls')}")

    expect(open_tab("Par type de contrat")).to_contain_text("Contrat d'apprentissage")
    # The figure broken down by Mission Locale: both hires are the Mission Locale de Lyon's.
    by_ml = open_tab("Par Mission Locale")
    expect(by_ml.get_by_role("row").filter(has_text="Mission Locale de Lyon")).to_contain_text("2")
    screenshot(page, "review-draft")

    page.get_by_role("link", name="Arrêter les chiffres").click()
    page.get_by_role("button", name="Confirmer : arrêter les chiffres").click()
    expect(page.get_by_text(re.compile("Chiffres arrêtés le")).first).to_be_visible()

    page.get_by_role("link", name="Enregistrer le COPIL").click()
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    page.get_by_label("Date du COPIL").fill(f"{yesterday:%Y-%m-%d}")
    page.get_by_label("Participants").fill("Alexia Violet (AMILAURA)\nManuel Colombino (CR GEIQ)")
    minutes = tmp_path / "compte-rendu.pdf"
    minutes.write_bytes(MINUTES_PDF)
    page.get_by_label("Compte rendu du COPIL").set_input_files(str(minutes))
    page.get_by_role("button", name="Confirmer : enregistrer le copil").click()
    expect(page.get_by_role("heading", name=f"COPIL du {yesterday:%d/%m/%Y}")).to_be_visible()

    page.get_by_role("link", name="Décider le renouvellement", exact=True).click()
    page.get_by_label("Décision du COPIL").fill("Reconduite pour un an.")
    page.get_by_role("button", name="Confirmer : décider le renouvellement").click()
    expect(page.get_by_text(re.compile("Renouvellement enregistré : nouvelle période"))).to_be_visible()
    expect(page.get_by_text("Décision : Renouvellement")).to_be_visible()
    screenshot(page, "review-decided")

    page.get_by_role("button", name="Préparer le PDF").click()
    download_link = page.get_by_role("link", name="Télécharger le PDF")
    expect(download_link).to_be_visible(timeout=60_000)  # WeasyPrint renders in the (immediate) job
    with page.expect_download() as download:
        download_link.click()
    assert download.value.suggested_filename.endswith(".pdf")
    with open(download.value.path(), "rb") as handle:
        assert handle.read(4) == b"%PDF"

    charter.refresh_from_db()
    assert charter.status == ConventionStatus.RENEWED
    assert Review.objects.get(convention=charter).next_period == charter.next_period
