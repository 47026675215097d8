"""The indicator registry: what each code declares, and its figures with their breakdowns on hand-built activity
of a charter and the local conventions below it."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from relais.conventions.enums import IndicatorCode
from relais.conventions.seed_data import SEEDS
from relais.core import providers
from relais.core.providers import (
    REGISTRY_VERSION,
    Dimension,
    IndicatorValue,
    Period,
    compute_indicator,
    compute_indicators,
    registry,
)
from relais.core.scope import Scope
from relais.events.enums import EventKind, EventStatus, RegistrationStatus
from relais.events.models import Event, Registration
from relais.jobs.models import ContractType
from relais.mentoring.models import Mentorship
from relais.opportunities.enums import OpportunityKind, OpportunityStatus
from relais.opportunities.models import Delivery, Diffusion
from relais.positionings.enums import PositioningStatus as S
from relais.positionings.models import Positioning, PositioningTransition
from tests.conventions.factories import ConventionFactory
from tests.events.factories import make_event
from tests.mentoring.factories import MentorFactory
from tests.opportunities.factories import OpportunityFactory
from tests.organizations.factories import PartnerReferentFactory, PersonFactory
from tests.positionings.factories import consenting_youth

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")
MARCH = Period(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))
D = Dimension


def at(day: int, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(2026, 3, day, hour, tzinfo=PARIS)


def made(
    opportunity, ml, ref, status, *, proposed, transmitted=None, answered=None, closed=None, flags=(), **extra
):
    """A positioning as the pipeline leaves it, with its transition log (the delays are read from the log)."""
    positioning = Positioning.objects.create(
        opportunity=opportunity,
        mission_locale=ml,
        youth_ref=ref,
        youth_birth_year=2004,
        status=status,
        proposed_at=proposed,
        transmitted_at=transmitted,
        answered_at=answered,
        closed_at=closed,
        **{f"youth_{flag}": True for flag in flags},
        **extra,
    )
    log = [("propose", S.PROPOSED, proposed)]
    if transmitted:
        log.append(("transmit", S.TRANSMITTED, transmitted))
    if answered and answered != closed:
        log.append(("acknowledge", S.ACKNOWLEDGED, answered))
    if closed:
        log.append((status, status, closed))
    for name, to_status, moment in log:
        PositioningTransition.objects.create(
            positioning=positioning, name=name, to_status=to_status, at=moment
        )
    return positioning


@pytest.fixture
def activity(personas):
    n = personas.network
    charter = ConventionFactory(kind="regional_charter", region=n.aura, parties=[n.arml, n.cr_geiq])
    local = ConventionFactory(
        kind="local_application", parent=charter, region=n.aura, parties=[n.ml_a, n.geiq]
    )
    outside = ConventionFactory(region=n.aura, parties=[n.arml])
    cdi = ContractType.objects.create(code="cdi", label="CDI", order=1)
    apprenticeship = ContractType.objects.create(
        code="apprenticeship", label="Contrat d'apprentissage", order=3
    )

    def opportunity(publisher, convention, kind):
        return OpportunityFactory(
            publisher=publisher,
            convention=convention,
            kind=kind,
            commune=n.lyon,
            status=OpportunityStatus.PUBLISHED,
        )

    on_local = opportunity(n.geiq, local, OpportunityKind.APPRENTICESHIP)
    on_charter = opportunity(n.geiq_2, charter, OpportunityKind.GEIQ_PATHWAY)
    elsewhere = opportunity(n.geiq, outside, OpportunityKind.APPRENTICESHIP)
    made(
        on_local,
        n.ml_a,
        1,
        S.HIRED,
        proposed=at(2),
        transmitted=at(4),
        answered=at(6),
        closed=at(10),
        contract_type=cdi,
        start_date=datetime.date(2026, 3, 16),
        flags=("qpv_resident", "rqth"),
    )
    made(
        on_charter, n.ml_a, 2, S.NOT_RETAINED, proposed=at(3), transmitted=at(4), answered=at(8), closed=at(8)
    )
    made(
        on_charter,
        n.ml_b,
        3,
        S.HIRED,
        proposed=at(5),
        transmitted=at(6),
        answered=at(7),
        closed=at(9),
        contract_type=apprenticeship,
        start_date=datetime.date(2026, 3, 20),
        flags=("cej_beneficiary",),
    )
    made(on_local, n.ml_b, 4, S.TRANSMITTED, proposed=at(10), transmitted=at(11))
    made(elsewhere, n.ml_b, 5, S.TRANSMITTED, proposed=at(10), transmitted=at(11))  # another convention
    return charter, local


def held(organizer, convention, personas):
    """A collective métiers for young people held in March, a young person of ML A present."""
    event = make_event(
        organizer, kind=EventKind.TRADES_YOUTHS, convention=convention, status=EventStatus.HELD
    )
    Event.objects.filter(pk=event.pk).update(starts_at=at(14))
    youth = consenting_youth(personas.network.ml_a, commune=personas.network.lyon)
    Registration.objects.create(
        event=event,
        kind="youth",
        youth=youth,
        organization=youth.mission_locale,
        status=RegistrationStatus.ATTENDED,
    )


def mentorship(mentor, convention, ml):
    Mentorship.objects.create(
        mentor=mentor,
        kind="individual",
        convention=convention,
        mission_locale=ml,
        started_on=datetime.date(2026, 3, 9),
        planned_end_on=datetime.date(2026, 9, 9),
    )


def values(convention, period=MARCH) -> dict[str, IndicatorValue]:
    return {v.code: v for v in compute_indicators(convention=convention, period=period, scope=Scope.system())}


def rows(value: IndicatorValue, dimension) -> dict:
    return {row.code: row.value for row in value.breakdown_by(dimension).rows}


# ---- the registry ---------------------------------------------------------------------------------------------


def test_every_indicator_declares_its_label_unit_kind_of_count_and_breakdowns():
    assert isinstance(REGISTRY_VERSION, str) and REGISTRY_VERSION
    entries = registry()
    assert len(entries) >= 24
    for entry in entries:
        assert entry.code in IndicatorCode.values and entry.code != IndicatorCode.OTHER
        assert entry.label and entry.unit and entry.counts_people is not None, entry.code
        assert entry.dimensions and set(entry.additive) <= set(entry.dimensions), entry.code
        assert D.PRIORITY_PUBLIC not in entry.additive
    by_code = {entry.code: entry for entry in entries}
    assert by_code["youths_hired_by_contract"].dimensions == (
        "mission_locale",
        "department",
        "region",
        "partner",
        "opportunity_kind",
        "priority_public",
        "contract_type",
    )
    assert by_code["delay_proposal_to_entry"].additive == ()
    assert by_code["youths_attending_sessions"].counts_people and not by_code["webinars_held"].counts_people


def test_every_indicator_the_seeds_name_is_computed_by_the_registry():
    named = {code for seed in SEEDS for _, code in seed.get("indicators", [])}
    assert named == {
        "info_sessions_counsellors",
        "info_sessions_youths",
        "youths_positioned",
        "youths_hired_by_contract",
        "interventions_and_meetings",
    }
    assert named <= {entry.code for entry in registry()}


def test_a_value_that_breaks_its_declaration_is_refused(monkeypatch):
    monkeypatch.setattr(providers, "INDICATORS", dict(providers.INDICATORS))

    @providers.indicator(
        "test_figure",
        section="Essai",
        label="Essai",
        unit="jeune",
        counts_people=True,
        dimensions=(D.REGION,),
    )
    def figure(convention, period, scope):
        return IndicatorValue("test_figure", "Essai", 3, "jeune", True)  # no region breakdown

    with pytest.raises(TypeError, match="breakdowns"):
        compute_indicator("test_figure", convention=None, period=Period(), scope=Scope.system())


# ---- the figures ----------------------------------------------------------------------------------------------


def test_every_value_fills_its_dimensions_and_additive_rows_add_up(activity):
    charter, _ = activity
    computed = values(charter)
    assert set(computed) == {entry.code for entry in registry()}
    for entry in registry():
        value = computed[entry.code]
        assert tuple(b.dimension for b in value.breakdowns) == entry.dimensions
        for dimension in entry.additive:
            total = sum(row.value or 0 for row in value.breakdown_by(dimension).rows)
            assert total == (value.value or 0), (entry.code, dimension)
        assert IndicatorValue.from_dict(value.to_dict()) == value


def test_the_pipeline_counts_split_by_mission_locale_place_partner_kind_and_contract(activity, personas):
    n = personas.network
    charter, local = activity
    computed = values(charter)
    proposed = computed["youths_proposed"]
    assert proposed.value == 4  # the other convention's positioning aside
    assert rows(proposed, D.MISSION_LOCALE) == {str(n.ml_a.pk): 2, str(n.ml_b.pk): 2}
    assert [r.label for r in proposed.breakdown_by(D.MISSION_LOCALE).rows] == [
        "Mission Locale de Grenoble",
        "Mission Locale de Lyon",
    ]
    assert rows(proposed, D.DEPARTMENT) == {"38": 2, "69": 2}
    assert rows(proposed, D.REGION) == {"84": 4}
    assert rows(proposed, D.PARTNER) == {str(n.geiq.pk): 2, str(n.geiq_2.pk): 2}
    assert rows(proposed, D.OPPORTUNITY_KIND) == {"apprenticeship": 2, "geiq_pathway": 2}
    hired = computed["youths_hired_by_contract"]
    assert hired.value == 2
    assert rows(hired, D.CONTRACT_TYPE) == {"cdi": 1, "apprenticeship": 1}
    assert rows(hired, D.MISSION_LOCALE) == {str(n.ml_a.pk): 1, str(n.ml_b.pk): 1}
    declined = computed["candidacies_not_retained"]
    assert rows(declined, D.PARTNER) == {str(n.geiq_2.pk): 1}
    # The local convention alone: its own opportunity's positionings.
    assert rows(values(local)["youths_positioned"], D.MISSION_LOCALE) == {
        str(n.ml_a.pk): 1,
        str(n.ml_b.pk): 1,
    }


def test_every_people_count_gives_its_priority_public_shares(activity):
    charter, _ = activity
    computed = values(charter)
    proposed = rows(computed["youths_proposed"], D.PRIORITY_PUBLIC)
    assert (proposed["qpv_resident"], proposed["qpv_resident_share"]) == (1, 25.0)
    assert (proposed["rqth"], proposed["rqth_share"]) == (1, 25.0)
    assert (proposed["cej_beneficiary"], proposed["no_diploma"], proposed["school_dropout"]) == (1, 0, 0)
    hired = rows(computed["youths_hired_by_contract"], D.PRIORITY_PUBLIC)
    assert (hired["cej_beneficiary_share"], hired["rqth_share"], hired["no_diploma_share"]) == (
        50.0,
        50.0,
        0.0,
    )
    assert rows(computed["youths_entered_training"], D.PRIORITY_PUBLIC)["qpv_resident_share"] is None  # none
    units = {row.code: row.unit for row in computed["youths_proposed"].breakdown_by(D.PRIORITY_PUBLIC).rows}
    assert units["rqth"] == "jeune" and units["rqth_share"] == "%"


def test_delays_give_median_and_80th_percentile_overall_and_per_member(activity, personas):
    n = personas.network
    charter, _ = activity
    computed = values(charter)
    # Proposal → transmission: 2, 1, 1, 1 days (ML A: 2 and 1; ML B: 1 and 1).
    delay = computed["delay_proposal_to_transmission"]
    assert delay.value == 1.0
    # Inclusive 80th percentile of 1, 1, 1, 2: 1 + 0.4 × (2 − 1).
    assert {r.code: r.value for r in delay.breakdown} == {"p80": 1.4, "measured": 4}
    assert rows(delay, D.MISSION_LOCALE) == {str(n.ml_a.pk): 1.5, str(n.ml_b.pk): 1.0}
    assert rows(delay, D.DEPARTMENT) == {"69": 1.5, "38": 1.0}
    assert rows(delay, D.REGION) == {"84": 1.0}
    assert rows(delay, D.PARTNER) == {str(n.geiq.pk): 1.5, str(n.geiq_2.pk): 1.0}
    # Proposal → entry: 14 days (entered on 16 March, proposed on 2 March) and 15 days.
    entry = computed["delay_proposal_to_entry"]
    assert (entry.value, rows(entry, D.MISSION_LOCALE)) == (
        14.5,
        {str(n.ml_a.pk): 14.0, str(n.ml_b.pk): 15.0},
    )
    answer = computed["delay_transmission_to_answer"]
    assert answer.value == 2.0  # 2, 4 and 1 days
    assert rows(answer, D.MISSION_LOCALE) == {str(n.ml_a.pk): 3.0, str(n.ml_b.pk): 1.0}


def test_referent_coverage_counts_the_missions_locales_that_named_one_for_each_partner(activity, personas):
    n = personas.network
    charter, _ = activity
    # The charter's parties: AMILAURA (its Missions Locales: Lyon and Grenoble) and the CR GEIQ (its GEIQ); ML A
    # named a referent for the GEIQ BTP (personas), and is a party of the local convention with it.
    coverage = values(charter)["referent_coverage"]
    assert (coverage.value, coverage.unit, coverage.counts_people) == (25, "%", False)
    assert {r.code: r.value for r in coverage.breakdown} == {"pairs": 1, "expected": 4, "complete": 0}
    assert rows(coverage, D.PARTNER) == {str(n.geiq.pk): 1, str(n.geiq_2.pk): 0}
    assert rows(coverage, D.MISSION_LOCALE) == {str(n.ml_a.pk): 1, str(n.ml_b.pk): 0}
    PartnerReferentFactory(mission_locale=n.ml_a, partner=n.geiq_2, person=PersonFactory())
    coverage = values(charter)["referent_coverage"]
    assert coverage.value == 50 and {r.code: r.value for r in coverage.breakdown}["complete"] == 1


def test_the_number_of_queries_does_not_grow_with_the_activity(activity, personas):
    n = personas.network
    charter, local = activity

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            compute_indicators(convention=charter, period=MARCH, scope=Scope.system())
        return len(captured)

    opportunity = Positioning.objects.filter(opportunity__convention=local).first().opportunity
    mentor = MentorFactory(supervisor=n.geiq)
    diffuse(opportunity, n.ml_a, read=(n.ml_a,))
    held(n.geiq, local, personas)
    mentorship(mentor, local, n.ml_a)
    few = queries()
    more_local = ConventionFactory(kind="local_application", parent=charter, region=n.aura, parties=[n.ml_b])
    other = OpportunityFactory(
        publisher=n.geiq, convention=more_local, commune=n.lyon, status=OpportunityStatus.PUBLISHED
    )
    for ref in range(100, 130):
        made(
            opportunity if ref % 2 else other,
            n.ml_a if ref % 3 else n.ml_b,
            ref,
            S.TRANSMITTED,
            proposed=at(12),
            transmitted=at(13),
            flags=("no_diploma",) if ref % 4 else (),
        )
    for _ in range(3):
        held(n.geiq_2, more_local, personas)
        mentorship(mentor, more_local, n.ml_b)
    diffuse(other, n.ml_a, n.ml_b, read=(n.ml_b,))
    many = queries()
    computed = values(charter)
    assert computed["youths_positioned"].value == 34
    assert (computed["info_sessions_youths"].value, computed["mentorships_started"].value) == (4, 4)
    assert computed["youths_attending_sessions"].value == 4
    assert many == few


def test_without_breakdowns_the_figures_are_the_same_and_cost_fewer_queries(activity):
    charter, _ = activity

    def run(breakdowns: bool):
        with CaptureQueriesContext(connection) as captured:
            computed = compute_indicators(
                convention=charter, period=MARCH, scope=Scope.system(), breakdowns=breakdowns
            )
        return computed, len(captured)

    full, full_queries = run(True)
    light, light_queries = run(False)
    assert [(v.code, v.value, v.breakdown) for v in light] == [(v.code, v.value, v.breakdown) for v in full]
    assert all(v.breakdowns == () for v in light) and all(v.breakdowns for v in full)
    assert light_queries < full_queries


def diffuse(opportunity, *mission_locales, read=()):
    """A diffusion in March and its receptions, those of `read` read by a CRE."""
    diffusion = Diffusion.objects.create(opportunity=opportunity, perimeter="list")
    Diffusion.objects.filter(pk=diffusion.pk).update(at=at(1))
    for ml in mission_locales:
        Delivery.objects.create(
            opportunity=opportunity,
            mission_locale=ml,
            diffusion=diffusion,
            delivered_at=at(1),
            first_read_at=at(2) if ml in read else None,
        )


def test_diffusion_and_reading_split_by_mission_locale_partner_and_kind(activity, personas):
    n = personas.network
    charter, local = activity
    on_local, on_charter = (
        Positioning.objects.filter(opportunity__convention=c).first().opportunity for c in (local, charter)
    )
    diffuse(on_local, n.ml_a, n.ml_b, read=(n.ml_a,))
    diffuse(on_charter, n.ml_a, n.ml_b, read=(n.ml_a, n.ml_b))
    computed = values(charter)
    diffused = computed["opportunities_diffused"]
    assert diffused.value == 2
    assert rows(diffused, D.PARTNER) == {str(n.geiq.pk): 1, str(n.geiq_2.pk): 1}
    assert rows(diffused, D.OPPORTUNITY_KIND) == {"apprenticeship": 1, "geiq_pathway": 1}
    share = computed["deliveries_read_share"]
    assert share.value == 75  # three readings out of four receptions
    assert rows(share, D.MISSION_LOCALE) == {str(n.ml_a.pk): 100, str(n.ml_b.pk): 50}
    assert rows(share, D.DEPARTMENT) == {"69": 100, "38": 50}
    assert rows(share, D.REGION) == {"84": 75}
    assert rows(share, D.PARTNER) == {str(n.geiq.pk): 50, str(n.geiq_2.pk): 100}
