"""The roll-up: frozen reviews only, declinations counted once, small counts masked in page, XLSX and CSV."""

import csv
import datetime
import io
import re

import pytest
from openpyxl import load_workbook

from relais.conventions.enums import ConventionKind
from relais.core.scope import Scope
from relais.organizations.enums import OrganizationKind, Role
from relais.reviews.enums import ReviewStatus
from relais.reviews.rollup import Filters, build_rollup
from tests.conventions.factories import ConventionFactory
from tests.organizations.factories import OrganizationFactory, user_with_role
from tests.reviews.rollup_fixtures import EVENTS, POSITIONED, figure, review
from tests.territories.factories import DepartmentFactory

pytestmark = pytest.mark.django_db
URL = "/bilans/consolidation/"
CANARY = 7


@pytest.fixture
def world(personas):
    """A national framework, a charter of AURA declining it and a local convention below the charter; a
    Grand Est partnership. Missions Locales: Lyon, Grenoble (AURA), Metz (Grand Est)."""
    n = personas.network
    moselle = DepartmentFactory(code="57", name="Moselle", region=n.grand_est)
    ml_metz = OrganizationFactory(name="Mission Locale de Metz", parent=n.arml_ge, region=n.grand_est)
    ml_metz.departments.add(moselle)
    framework = ConventionFactory(
        kind=ConventionKind.NATIONAL_FRAMEWORK, region=None, title="Accord national"
    )
    charter = ConventionFactory(
        kind=ConventionKind.REGIONAL_CHARTER, region=n.aura, parent=framework, title="Charte AURA"
    )
    local = ConventionFactory(
        kind=ConventionKind.LOCAL_APPLICATION, region=n.aura, parent=charter, title="Locale"
    )
    grand_est = ConventionFactory(region=n.grand_est, title="Partenariat Grand Est")
    charter.parties.create(organization=n.cr_geiq)
    dgefp = OrganizationFactory(kind=OrganizationKind.STATE, name="DGEFP", region=None)
    national_observer = user_with_role(dgefp, Role.OBSERVER, "observation@dgefp.test")
    return {
        "n": n,
        "metz": ml_metz,
        "framework": framework,
        "charter": charter,
        "local": local,
        "grand_est": grand_est,
        "national": national_observer,
        "regional": personas.state_observer,
    }


def _rollup(user, **filters):
    return build_rollup(Scope.for_user(user), Filters(year=2025, code=POSITIONED, **filters))


def _headline(result, code=POSITIONED):
    return next(h.cell for h in result.headlines if h.indicator.code == code)


def _table(result, key):
    return next(t for t in result.tables if t.key == key)


def test_only_frozen_reviews_are_rolled_up(world):
    review(world["charter"], figure(value=40))
    review(world["grand_est"], figure(value=500), status=ReviewStatus.DRAFT)
    result = _rollup(world["national"])
    assert _headline(result).value == 40
    assert [row.label for row in _table(result, "conventions").rows] == ["Charte AURA"]


def test_a_framework_counts_its_declinations_once(world):
    # Each snapshot counts the conventions declining it: the framework's 100 include the charter's 60.
    review(world["framework"], figure(value=100))
    review(world["charter"], figure(value=60))
    review(world["local"], figure(value=25))
    review(world["grand_est"], figure(value=30))
    result = _rollup(world["national"])
    assert _headline(result).value == 130
    frameworks = _table(result, "framework")
    assert [(row.label, row.cell.value) for row in frameworks.rows] == [("Accord national", 100)]
    narrowed = _rollup(world["national"], framework_id=world["framework"].pk)
    assert _headline(narrowed).value == 100
    rows = _table(narrowed, "conventions").rows
    assert [(row.label, row.depth) for row in rows] == [
        ("Accord national", 0),
        ("Charte AURA", 1),
        ("Locale", 2),
    ]


def test_without_its_own_review_a_framework_sums_its_frozen_charters(world):
    review(world["charter"], figure(value=60))
    review(world["local"], figure(value=25))
    result = _rollup(world["national"], framework_id=world["framework"].pk)
    assert _headline(result).value == 60


def test_a_small_mission_locale_count_is_masked_and_so_is_the_next_smallest(world):
    n = world["n"]
    review(world["charter"], figure(value=45, by_ml={n.ml_a: 30, n.ml_b: CANARY, world["metz"]: 8}))
    result = _rollup(world["national"])
    cells = {row.label: row.cell for row in _table(result, "territories").rows}
    assert cells["Mission Locale de Grenoble"].text == "< 11"
    assert cells["Mission Locale de Metz"].text == "< 11"
    # Isère holds only Grenoble, Moselle only Metz: both masked, and their regions with them; Rhône/Lyon then
    # stands alone in AURA next to a masked Isère, which the national total would give away: masked too.
    assert cells["Isère (38)"].masked and cells["Grand Est"].masked
    assert cells["Auvergne-Rhône-Alpes"].masked or cells["Rhône (69)"].masked
    assert all(cell.value != CANARY for cell in cells.values())


def test_counts_of_events_are_not_masked(world):
    review(world["charter"], figure(EVENTS, 3, counts_people=False, unit="session", label="Sessions"))
    result = _rollup(world["national"])
    assert _headline(result, EVENTS).text == "3"


def test_a_regional_observer_sees_neither_another_region_nor_its_missions_locales(world):
    n = world["n"]
    review(world["framework"], figure(value=100, by_ml={n.ml_a: 40, n.ml_b: 30, world["metz"]: 30}))
    review(world["grand_est"], figure(value=55))
    result = _rollup(world["regional"])
    assert _headline(result).value == 100  # the national framework is visible to every observer
    assert "Partenariat Grand Est" not in [row.label for row in _table(result, "conventions").rows]
    labels = [row.label for row in _table(result, "territories").rows]
    assert "Auvergne-Rhône-Alpes" in labels and "Mission Locale de Lyon" in labels
    assert "Grand Est" not in labels and "Mission Locale de Metz" not in labels
    assert "44" not in [code for code, _ in result.groups["regions"]]


def test_a_filter_leaving_fewer_than_k_people_shows_the_masked_value_and_no_rows(world):
    review(world["charter"], figure(value=CANARY))
    review(world["grand_est"], figure(value=80))
    result = _rollup(world["national"], region_code="84")
    assert _headline(result).text == "< 11"
    assert result.withheld and result.tables == []


def test_the_observer_page_and_exports_show_masked_values_only(client, world):
    n = world["n"]
    review(world["charter"], figure(value=45, by_ml={n.ml_a: 30, n.ml_b: CANARY, world["metz"]: 8}))
    client.force_login(world["national"])
    page = client.get(URL, {"year": 2025, "indicator": POSITIONED})
    assert page.status_code == 200
    html = page.content.decode()
    assert "&lt; 11" in html
    cells = re.findall(r"<td[^>]*>(?:<strong>)?([^<]*)", html)
    assert str(CANARY) not in cells and "45" in cells

    response = client.get(URL + "export.csv", {"year": 2025, "indicator": POSITIONED})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    values = [row[3] for row in rows[1:]]
    assert "< 11" in values and str(CANARY) not in values and "45" in values

    response = client.get(URL + "export.xlsx", {"year": 2025, "indicator": POSITIONED})
    sheet = load_workbook(io.BytesIO(response.content)).active
    column = [row[3] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert 45 in column and "< 11" in column and CANARY not in column


def test_two_narrowing_filters_at_once_are_refused(client, world):
    review(world["charter"], figure(value=40))
    client.force_login(world["national"])
    page = client.get(URL, {"year": 2025, "region": "84", "framework": world["framework"].pk})
    assert page.context["filter_error"]
    assert page.context["rollup"].filters.group == ("all", None)


def test_staff_of_a_mission_locale_cannot_open_the_rollup(client, personas):
    client.force_login(personas.counsellor_a)
    assert client.get(URL).status_code == 403


def test_reviews_are_taken_by_the_year_their_period_ends(world):
    review(world["charter"], figure(value=40), end=datetime.date(2024, 12, 31))
    review(world["grand_est"], figure(value=50))
    assert _headline(_rollup(world["national"])).value == 50
    result = build_rollup(Scope.for_user(world["national"]), Filters(year=2024))
    assert _headline(result).value == 40 and result.years == [2025, 2024]


def test_rqth_counts_are_masked_from_their_own_threshold_with_their_share(world, settings):
    settings.RELAIS_MASK_THRESHOLD_RQTH = 20
    review(world["charter"], figure(value=200, priority={"rqth": 15, "qpv": 15, "cej": 40}))
    rows = {row.label: row for row in _table(_rollup(world["national"]), "priority").rows}
    assert (rows["RQTH"].cell.text, rows["RQTH"].extra.text) == ("< 20", "secret")
    assert (rows["QPV"].cell.text, rows["QPV"].extra.text) == ("15", "7,5")
    assert rows["CEJ"].extra.text == "20"


def test_a_regional_observer_cannot_reach_another_region_through_the_address(client, world):
    n = world["n"]
    review(world["charter"], figure(value=40, by_ml={n.ml_a: 25, n.ml_b: 15}))
    review(world["grand_est"], figure(value=60, by_ml={world["metz"]: 60}))
    client.force_login(world["regional"])
    for params in ({}, {"region": "44"}):
        page = client.get(URL, {"year": 2025, **params})
        html = page.content.decode()
        assert page.context["rollup"].filters.group == ("all", None)
        assert "Partenariat Grand Est" not in html and "Metz" not in html and "Grand Est" not in html
        assert _headline(page.context["rollup"]).value == 40
    export = client.get(URL + "export.csv", {"year": 2025, "region": "44"}).content.decode("utf-8-sig")
    assert "Metz" not in export and "Grand Est" not in export
