"""The referent's list on a phone: rows stacked, actions on screen, the count and a message updated in place."""

import pytest
from playwright.sync_api import expect

from relais.positionings.enums import PositioningStatus as S
from tests.positionings.factories import consenting_youth, positioning_at, published_opportunity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_referent_transmits_from_a_390_px_screen_and_the_count_follows(
    page, login, personas, rome, screenshot
):
    n = personas.network
    opportunity = published_opportunity(n, rome_title=rome.mason)
    for name in ("Martin", "Durand"):
        youth = consenting_youth(n.ml_a, commune=n.lyon, last_name=name, sought_titles=[rome.mason])
        positioning_at(personas, S.PROPOSED, youth=youth, opportunity=opportunity)
    page.set_viewport_size({"width": 390, "height": 844})
    login(personas.cre_a)
    page.goto("/positionnements/a-transmettre/")
    expect(page.get_by_test_id("positioning-count")).to_have_text("2 positionnements")
    button = page.get_by_role("button", name="Transmettre").first
    box = button.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390  # on screen, no scrolling
    screenshot(page, "referent-phone")
    button.click()
    expect(page.get_by_role("status")).to_contain_text("transmis au partenaire")
    expect(page.get_by_test_id("positioning-count")).to_have_text("1 positionnement")
