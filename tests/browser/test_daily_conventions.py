"""Conventions as a coordinator meets them: periods folded, steps offered when due, seed history, parties picker."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from relais.conventions.enums import ConventionStatus as S
from relais.conventions.models import Convention
from relais.conventions.seeds import load_seed_conventions
from tests.conventions.factories import ConventionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_list_folds_the_earlier_periods_of_a_renewed_charter(page, login, personas, screenshot):
    n = personas.network
    first = ConventionFactory(
        title="Charte GEIQ", region=n.aura, parties=[n.cr_geiq, n.arml], status="renewed"
    )
    second = ConventionFactory(
        title="Charte GEIQ",
        region=n.aura,
        parties=[n.cr_geiq, n.arml],
        status="renewed",
        period_number=2,
        previous_period=first,
    )
    ConventionFactory(
        title="Charte GEIQ",
        region=n.aura,
        parties=[n.cr_geiq, n.arml],
        status="active",
        period_number=3,
        previous_period=second,
    )
    login(personas.arml_coordinator)
    page.get_by_role("link", name="Conventions", exact=True).first.click()
    expect(page.get_by_role("link", name=re.compile("^Charte GEIQ"))).to_have_count(1)
    earlier = page.get_by_test_id("earlier-periods")
    expect(earlier.get_by_role("link", name="Période 1")).to_be_hidden()
    earlier.get_by_text("2 périodes précédentes").click()
    expect(earlier.get_by_role("link", name="Période 2")).to_be_visible()
    expect(earlier.get_by_role("link", name="Période 1")).to_be_visible()
    screenshot(page, "conventions-folded-periods")


def test_the_review_step_is_offered_only_when_due_and_asks_for_confirmation(page, login, personas):
    n = personas.network
    today = timezone.localdate()
    early = ConventionFactory(
        title="Convention loin de son échéance",
        region=n.aura,
        parties=[n.cr_geiq, n.arml],
        end_date=today + datetime.timedelta(days=330),
    )
    due = ConventionFactory(
        title="Convention proche de son échéance",
        region=n.aura,
        parties=[n.cr_geiq, n.arml],
        end_date=today + datetime.timedelta(days=60),
    )
    login(personas.arml_coordinator)
    page.goto(f"/conventions/{early.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("loin de son échéance")
    expect(page.get_by_role("link", name="Passer en bilan à réaliser")).to_have_count(0)
    expect(page.get_by_role("button", name="Passer en bilan à réaliser")).to_have_count(0)

    page.goto(f"/conventions/{due.pk}/")
    page.get_by_role("link", name="Passer en bilan à réaliser").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Passer en bilan à réaliser")
    assert Convention.objects.get(pk=due.pk).status == S.ACTIVE  # nothing moved before the confirmation
    page.get_by_role("button", name="Confirmer : passer en bilan à réaliser").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("proche de son échéance")
    assert Convention.objects.get(pk=due.pk).status == S.REVIEW_DUE


def test_a_seed_conventions_history_carries_the_texts_dates_and_the_platform(page, login, personas):
    load_seed_conventions()
    charter = Convention.objects.get(slug="seed-000-cr-geiq-aura-amilaura")
    login(personas.arml_coordinator)
    page.goto(f"/conventions/{charter.pk}/")
    history = page.locator("#historique + ul")
    expect(history).to_contain_text("Brouillon → Signée par la Plateforme")
    expect(history).not_to_contain_text(f"{timezone.localdate():%d/%m/%Y}")
    expect(history).not_to_contain_text("Alexia Violet")


def test_the_other_parties_are_picked_by_searching_not_in_a_long_list(page, login, personas):
    login(personas.arml_coordinator)
    page.goto("/conventions/nouvelle/")
    page.get_by_label("Intitulé", exact=True).fill("Convention AMILAURA × GEIQ Propreté")
    page.get_by_label("Ajouter une partie").fill("Propreté")
    page.get_by_role("button", name=re.compile("GEIQ Propreté Isère")).click()
    expect(page.get_by_test_id("organisation-selected")).to_contain_text("GEIQ Propreté Isère")
    expect(page.locator("select[name=partners]")).to_have_count(0)
    page.get_by_role("button", name="Créer la convention").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Convention AMILAURA × GEIQ Propreté")
    convention = Convention.objects.get(title="Convention AMILAURA × GEIQ Propreté")
    assert set(convention.parties.values_list("organization__name", flat=True)) == {
        "AMILAURA",
        "GEIQ Propreté Isère",
    }
