"""Delays measured from the transition log, and the convention counts (positioned, hired by contract type)."""

import datetime

import pytest
from django.utils import timezone

from relais.conventions.models import Convention
from relais.core.scope import Scope
from relais.core.workflows import apply
from relais.positionings import services
from relais.positionings.enums import PositioningStatus as S
from relais.positionings.lifecycle import POSITIONING_LIFECYCLE
from relais.positionings.models import Positioning
from relais.positionings.selectors import positioning_counts_for_convention, positioning_delays
from tests.positionings.factories import (
    consenting_youth,
    contract_type,
    positioning_at,
    published_opportunity,
)

pytestmark = pytest.mark.django_db
DAY0 = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def test_delays_are_read_from_the_transition_log(personas, rome, time_machine):
    n = personas.network
    time_machine.move_to(DAY0, tick=False)
    opportunity = published_opportunity(n, rome_title=rome.mason)
    youth = consenting_youth(n.ml_a, commune=n.lyon, consent_given_at=datetime.date(2025, 1, 1))
    positioning = services.positioning_propose(
        youth=youth, opportunity=opportunity, scope=Scope.for_user(personas.counsellor_a)
    )
    time_machine.move_to(DAY0 + datetime.timedelta(days=2), tick=False)
    apply(POSITIONING_LIFECYCLE, positioning, "transmit", scope=Scope.for_user(personas.cre_a))
    time_machine.move_to(DAY0 + datetime.timedelta(days=5), tick=False)
    apply(POSITIONING_LIFECYCLE, positioning, "acknowledge", scope=Scope.for_user(personas.geiq_recruiter))
    time_machine.move_to(DAY0 + datetime.timedelta(days=9), tick=False)
    apply(
        POSITIONING_LIFECYCLE,
        positioning,
        "hire",
        scope=Scope.for_user(personas.geiq_recruiter),
        contract_type=contract_type(),
        start_date=datetime.date(2026, 3, 23),
        weekly_hours=35,
    )
    # A second one, transmitted after 4 days and never answered.
    other = consenting_youth(n.ml_a, commune=n.lyon, consent_given_at=datetime.date(2025, 1, 1))
    time_machine.move_to(DAY0, tick=False)
    late = services.positioning_propose(
        youth=other, opportunity=opportunity, scope=Scope.for_user(personas.counsellor_a)
    )
    time_machine.move_to(DAY0 + datetime.timedelta(days=4), tick=False)
    apply(POSITIONING_LIFECYCLE, late, "transmit", scope=Scope.for_user(personas.cre_a))

    delays = positioning_delays(Positioning.objects.filter(opportunity=opportunity))
    assert (delays.proposal_to_transmission.count, delays.proposal_to_transmission.median_days) == (2, 3.0)
    assert (delays.transmission_to_answer.count, delays.transmission_to_answer.mean_days) == (1, 3.0)
    # Acknowledged on day 5, entered on 23 March (day 21).
    assert (delays.answer_to_entry.count, delays.answer_to_entry.median_days) == (1, 16.0)
    # Entry is the recorded start date (21 days after the proposal), not the day the hire was typed in.
    assert (delays.proposal_to_entry.count, delays.proposal_to_entry.median_days) == (1, 21.0)


def test_delays_of_an_empty_scope_are_empty(db):
    delays = positioning_delays(Positioning.objects.none())
    assert delays.proposal_to_entry.count == 0 and delays.proposal_to_entry.median_days is None


def test_convention_counts_positioned_and_hired_by_contract_type(personas, rome, youth):
    n = personas.network
    convention = Convention.objects.create(title="Charte GEIQ × AMILAURA", kind="regional_charter")
    other_convention = Convention.objects.create(title="Autre", kind="regional_charter")
    opportunity = published_opportunity(n, rome_title=rome.mason, convention=convention)
    second = published_opportunity(n, rome_title=rome.mason_helper, convention=convention)
    outside = published_opportunity(n, rome_title=rome.mason, convention=other_convention)
    positioning_at(personas, S.HIRED, youth=youth, opportunity=opportunity)  # apprenticeship
    y2 = consenting_youth(n.ml_a, commune=n.lyon)
    p2 = positioning_at(personas, S.ACKNOWLEDGED, youth=y2, opportunity=second)
    apply(
        POSITIONING_LIFECYCLE,
        p2,
        "hire",
        scope=Scope.for_user(personas.geiq_recruiter),
        contract_type=contract_type("cdd", "CDD"),
        start_date=timezone.localdate(),
        weekly_hours=35,
    )
    y3 = consenting_youth(n.ml_a, commune=n.lyon)
    positioning_at(personas, S.NOT_RETAINED, youth=y3, opportunity=opportunity)
    y4 = consenting_youth(n.ml_a, commune=n.lyon)
    positioning_at(personas, S.PROPOSED, youth=y4, opportunity=opportunity)  # proposed, not yet positioned
    y5 = consenting_youth(n.ml_a, commune=n.lyon)
    positioning_at(personas, S.CANCELLED, youth=y5, opportunity=opportunity)  # cancelled before transmission
    positioning_at(personas, S.HIRED, youth=consenting_youth(n.ml_a, commune=n.lyon), opportunity=outside)

    counts = positioning_counts_for_convention(convention)
    assert counts["positioned"] == 3
    assert counts["proposed"] == 4
    assert counts["hired"] == 2
    assert {row["code"]: row["count"] for row in counts["hired_by_contract_type"]} == {
        "apprenticeship": 1,
        "cdd": 1,
    }
    # Same order in the referential: the label decides.
    assert [row["label"] for row in counts["hired_by_contract_type"]] == ["CDD", "Contrat d'apprentissage"]


def test_convention_counts_use_constant_queries(personas, rome, youth, django_assert_max_num_queries):
    convention = Convention.objects.create(title="Charte", kind="regional_charter")
    opportunity = published_opportunity(personas.network, rome_title=rome.mason, convention=convention)
    positioning_at(personas, S.HIRED, youth=youth, opportunity=opportunity)
    with django_assert_max_num_queries(9):  # counts, delays, and one query per level of declinations
        positioning_counts_for_convention(convention)


def test_a_framework_counts_what_its_local_conventions_recorded(personas, rome, youth):
    n = personas.network
    charter = Convention.objects.create(title="Convention MEDEF", kind="partnership")
    local = Convention.objects.create(
        title="Convention d'application", kind="local_application", parent=charter
    )
    opportunity = published_opportunity(n, rome_title=rome.mason, convention=local)
    positioning_at(personas, S.HIRED, youth=youth, opportunity=opportunity)
    assert positioning_counts_for_convention(charter)["hired"] == 1
    assert positioning_counts_for_convention(local)["hired"] == 1
    sibling = Convention.objects.create(title="Autre", kind="partnership")
    assert positioning_counts_for_convention(sibling)["hired"] == 0
