"""What people type about the review's indicators: the value of one the registry cannot compute ("à renseigner",
with its author) and the targets of a convention period, set by its coordinators only."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from relais.conventions.enums import IndicatorCode
from relais.conventions.indicator_entries import (
    indicator_entry_save,
    indicator_target_remove,
    indicator_target_set,
    target_lines,
    targets_for,
)
from relais.conventions.indicator_models import IndicatorTarget
from relais.conventions.models import Indicator
from relais.core.models import AuditEvent
from relais.core.providers import Breakdown, BreakdownRow, Dimension, IndicatorValue
from relais.core.scope import Scope
from tests.conventions.factories import ConventionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def charter(personas):
    n = personas.network
    convention = ConventionFactory(kind="regional_charter", region=n.aura, parties=[n.arml, n.cr_geiq])
    Indicator.objects.create(
        convention=convention,
        label="Nombre de jeunes positionnés",
        code=IndicatorCode.YOUTHS_POSITIONED,
        order=0,
    )
    Indicator.objects.create(
        convention=convention, label="Nombre d'entreprises partenaires mobilisées", order=1
    )
    return convention


def typed(charter):
    return charter.indicators.get(code=IndicatorCode.OTHER)


# ---- "à renseigner" -------------------------------------------------------------------------------------------


def test_a_coordinator_types_the_value_of_an_indicator_the_registry_cannot_compute(charter, personas):
    scope = Scope.for_user(personas.arml_coordinator)
    entry = indicator_entry_save(
        indicator=typed(charter), scope=scope, value="12", unit="entreprises", note="CRM"
    )
    assert (entry.value, entry.unit, entry.author_name) == (Decimal("12"), "entreprises", "Alexia Violet")
    assert entry.author == personas.arml_coordinator and entry.recorded_at is not None
    # Corrected: the same entry, the new author.
    again = indicator_entry_save(
        indicator=typed(charter), scope=Scope.for_user(personas.geiq_coordinator), value=14
    )
    assert again.pk == entry.pk and again.value == 14 and again.author == personas.geiq_coordinator
    logged = AuditEvent.objects.filter(action="convention.indicator_entry", object_id=str(charter.pk))
    assert [e.details["created"] for e in logged.order_by("pk")] == [True, False]


def test_a_computed_indicator_is_never_typed(charter, personas):
    computed = charter.indicators.get(code=IndicatorCode.YOUTHS_POSITIONED)
    with pytest.raises(ValidationError, match="calculé"):
        indicator_entry_save(indicator=computed, scope=Scope.for_user(personas.arml_coordinator), value=3)


@pytest.mark.parametrize("persona", ["cre_a", "counsellor_a", "state_observer", "geiq_recruiter"])
def test_only_the_coordinators_of_a_party_type_a_value(charter, personas, persona):
    with pytest.raises(PermissionDenied):
        indicator_entry_save(
            indicator=typed(charter), scope=Scope.for_user(getattr(personas, persona)), value=3
        )
    assert not AuditEvent.objects.filter(action="convention.indicator_entry").exists()


def test_the_convention_page_shows_to_fill_then_the_typed_value_and_its_author(client, charter, personas):
    client.force_login(personas.arml_coordinator)
    page = client.get(f"/conventions/{charter.pk}/").content.decode()
    assert (
        "à renseigner" in page
        and f"/conventions/{charter.pk}/indicateurs/{typed(charter).pk}/renseigner/" in page
    )
    url = f"/conventions/{charter.pk}/indicateurs/{typed(charter).pk}/renseigner/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"value": "7", "unit": "entreprise", "note": ""})
    assert response.status_code == 302
    page = client.get(f"/conventions/{charter.pk}/").content.decode()
    assert "7 entreprises" in page and "valeur renseignée par Alexia Violet" in page
    computed = charter.indicators.get(code=IndicatorCode.YOUTHS_POSITIONED)
    assert client.get(f"/conventions/{charter.pk}/indicateurs/{computed.pk}/renseigner/").status_code == 404
    client.force_login(personas.cre_a)  # may read the convention, not type its figures
    assert client.post(url, {"value": "9"}).status_code in (403, 404)
    assert typed(charter).entry.value == 7


# ---- targets --------------------------------------------------------------------------------------------------


def test_coordinators_set_targets_overall_per_mission_locale_and_per_department(charter, personas):
    n = personas.network
    scope = Scope.for_user(personas.arml_coordinator)
    code = IndicatorCode.YOUTHS_POSITIONED
    indicator_target_set(convention=charter, scope=scope, code=code, value=40)
    indicator_target_set(convention=charter, scope=scope, code=code, value=25, mission_locale=n.ml_a)
    indicator_target_set(convention=charter, scope=scope, code=code, value=10, department=n.isere)
    indicator_target_set(convention=charter, scope=scope, code=code, value=45)  # replaces the overall one
    indicator_target_set(
        convention=charter, scope=scope, code=IndicatorCode.DELAY_PROPOSAL_TO_ENTRY, value=21
    )
    assert IndicatorTarget.objects.filter(convention=charter).count() == 4
    targets = targets_for(charter)
    positioned = targets[code.value]
    assert (positioned.total, positioned.by_mission_locale, positioned.by_department) == (
        45.0,
        {str(n.ml_a.pk): 25.0},
        {"38": 10.0},
    )
    assert targets["delay_proposal_to_entry"].total == 21.0
    assert AuditEvent.objects.filter(action="convention.target_set").count() == 5


def test_target_versus_actual_reads_the_figure_and_its_breakdown_rows(charter, personas):
    n = personas.network
    scope = Scope.for_user(personas.arml_coordinator)
    code = IndicatorCode.YOUTHS_POSITIONED
    indicator_target_set(convention=charter, scope=scope, code=code, value=40)
    indicator_target_set(convention=charter, scope=scope, code=code, value=20, mission_locale=n.ml_a)
    indicator_target_set(convention=charter, scope=scope, code=code, value=10, mission_locale=n.ml_b)
    indicator_target_set(convention=charter, scope=scope, code=code, value=8, department=n.rhone)
    value = IndicatorValue(
        code=code.value,
        label="Jeunes positionnés",
        value=30,
        unit="jeune",
        counts_people=True,
        breakdowns=(
            Breakdown(
                Dimension.MISSION_LOCALE, (BreakdownRow(str(n.ml_a.pk), "Mission Locale de Lyon", 24),)
            ),
            Breakdown(Dimension.DEPARTMENT, (BreakdownRow("69", "Rhône (69)", 24),)),
        ),
    )
    lines = target_lines(value, targets_for(charter)[code.value])
    assert [(line.perimeter, line.target, line.actual, line.reached) for line in lines] == [
        ("Toute la convention", 40.0, 30, 75),
        ("Mission Locale de Lyon", 20.0, 24, 120),
        ("Mission Locale de Grenoble", 10.0, 0, 0),  # nothing recorded for it
        ("Rhône (69)", 8.0, 24, 300),
    ]


def test_a_target_needs_a_computed_code_one_perimeter_and_a_positive_value(charter, personas):
    n = personas.network
    scope = Scope.for_user(personas.arml_coordinator)
    with pytest.raises(ValidationError):
        indicator_target_set(convention=charter, scope=scope, code=IndicatorCode.OTHER, value=3)
    with pytest.raises(ValidationError):
        indicator_target_set(
            convention=charter,
            scope=scope,
            code="youths_positioned",
            value=3,
            mission_locale=n.ml_a,
            department=n.rhone,
        )
    with pytest.raises(ValidationError):
        indicator_target_set(convention=charter, scope=scope, code="youths_positioned", value=-1)
    with pytest.raises(ValidationError):
        indicator_target_set(
            convention=charter, scope=scope, code="youths_positioned", value=3, mission_locale=n.geiq
        )
    assert not IndicatorTarget.objects.exists()


@pytest.mark.parametrize("persona", ["cre_a", "counsellor_b", "state_observer", "geiq_recruiter"])
def test_a_forbidden_role_sets_or_removes_no_target(charter, personas, persona):
    target = indicator_target_set(
        convention=charter, scope=Scope.for_user(personas.arml_coordinator), code="youths_positioned", value=3
    )
    scope = Scope.for_user(getattr(personas, persona))
    with pytest.raises(PermissionDenied):
        indicator_target_set(convention=charter, scope=scope, code="youths_positioned", value=9)
    with pytest.raises(PermissionDenied):
        indicator_target_remove(target=target, scope=scope)
    target.refresh_from_db()
    assert target.value == 3


def test_the_targets_page_sets_lists_and_removes_targets(client, charter, personas):
    n = personas.network
    client.force_login(personas.geiq_coordinator)
    url = f"/conventions/{charter.pk}/objectifs/"
    page = client.get(url)
    assert page.status_code == 200 and "Aucun objectif" in page.content.decode()
    response = client.post(
        url, {"code": "youths_hired_by_contract", "perimeter": "mission_locale", "value": "12", "note": ""}
    )
    assert response.status_code == 200 and "Choisissez la Mission Locale" in response.content.decode()
    response = client.post(
        url,
        {
            "code": "youths_hired_by_contract",
            "perimeter": "mission_locale",
            "mission_locale": n.ml_b.pk,
            "value": "12",
            "note": "",
        },
    )
    assert response.status_code == 302
    target = IndicatorTarget.objects.get()
    assert (target.mission_locale, target.department, target.value, target.set_by) == (
        n.ml_b,
        None,
        12,
        personas.geiq_coordinator,
    )
    assert "Mission Locale de Grenoble" in client.get(url).content.decode()
    remove = f"/conventions/{charter.pk}/objectifs/{target.pk}/supprimer/"
    assert "Confirmez la suppression" in client.get(remove).content.decode()
    assert client.post(remove).status_code == 302
    assert not IndicatorTarget.objects.exists()
    assert AuditEvent.objects.filter(action="convention.target_remove").count() == 1
    client.force_login(personas.state_observer)
    assert client.get(url).status_code in (403, 404)


def test_the_convention_page_shows_the_overall_target_beside_the_figure(client, charter, personas):
    indicator_target_set(
        convention=charter,
        scope=Scope.for_user(personas.arml_coordinator),
        code="youths_positioned",
        value=30,
    )
    client.force_login(personas.arml_coordinator)
    page = client.get(f"/conventions/{charter.pk}/").content.decode()
    assert "objectif : 30 jeunes" in page
    assert page.count("à renseigner") == 1  # the typed indicator only


def test_linking_a_typed_indicator_to_a_computed_code_removes_its_typed_value(client, charter, personas):
    indicator = typed(charter)
    indicator_entry_save(indicator=indicator, scope=Scope.for_user(personas.arml_coordinator), value=5)
    client.force_login(personas.arml_coordinator)
    url = f"/conventions/{charter.pk}/indicateurs/{indicator.pk}/renseigner/"
    response = client.post(url, {"link": "1", "code": "webinars_held"})
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.code == "webinars_held" and not hasattr(indicator, "entry")
    assert AuditEvent.objects.get(action="convention.indicator_code").details["entry_removed"] is True
    assert client.get(url).status_code == 404  # computed now: nothing to type
    client.force_login(personas.cre_a)
    other = charter.indicators.get(code=IndicatorCode.YOUTHS_POSITIONED)
    assert client.post(
        f"/conventions/{charter.pk}/indicateurs/{other.pk}/renseigner/", {"link": "1"}
    ).status_code in (
        403,
        404,
    )
