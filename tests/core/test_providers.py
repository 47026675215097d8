"""Typed providers: one registry discovered one way, figures keyed by indicator code computed within a period."""

import dataclasses
import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone

from relais.bench import registry as bench_registry
from relais.conventions.enums import ConventionStatus, IndicatorCode
from relais.conventions.models import Convention
from relais.conventions.providers import convention_period
from relais.core import providers
from relais.core.menu import MENU_ENTRIES
from relais.core.providers import (
    INDICATORS,
    Action,
    BreakdownRow,
    ExtensionPoint,
    IndicatorValue,
    Period,
    compute_indicator,
    compute_indicators,
    compute_sections,
)
from relais.core.scope import Scope
from relais.core.workflows import apply
from relais.opportunities import hooks as opportunity_hooks
from relais.positionings import services
from relais.positionings.enums import PositioningStatus as S
from relais.positionings.lifecycle import POSITIONING_LIFECYCLE
from tests.jobs.factories import RomeTitleFactory
from tests.positionings.factories import (
    consenting_youth,
    positioning_at,
    published_opportunity,
)

PARIS = ZoneInfo("Europe/Paris")
MARCH = Period(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))
COMPUTED = {
    IndicatorCode.YOUTHS_PROPOSED,
    IndicatorCode.YOUTHS_POSITIONED,
    IndicatorCode.YOUTHS_HIRED_BY_CONTRACT,
    IndicatorCode.YOUTHS_ENTERED_TRAINING,
    IndicatorCode.YOUTHS_COMPLETED_IMMERSION,
    IndicatorCode.CANDIDACIES_NOT_RETAINED,
    IndicatorCode.DELAY_PROPOSAL_TO_TRANSMISSION,
    IndicatorCode.DELAY_TRANSMISSION_TO_ANSWER,
    IndicatorCode.DELAY_ANSWER_TO_ENTRY,
    IndicatorCode.DELAY_PROPOSAL_TO_ENTRY,
    IndicatorCode.OPPORTUNITIES_DIFFUSED,
    IndicatorCode.DELIVERIES_READ_SHARE,
    IndicatorCode.DECLINING_CONVENTIONS,
    IndicatorCode.INFO_SESSIONS_COUNSELLORS,
    IndicatorCode.INFO_SESSIONS_YOUTHS,
    IndicatorCode.INTERVENTIONS_AND_MEETINGS,
    IndicatorCode.COUNSELLORS_ATTENDING_SESSIONS,
    IndicatorCode.YOUTHS_ATTENDING_SESSIONS,
    IndicatorCode.WEBINARS_HELD,
    IndicatorCode.COMPANY_VISITS_HELD,
    IndicatorCode.MENTORSHIPS_STARTED,
    IndicatorCode.MENTORSHIPS_ONGOING,
    IndicatorCode.MENTORSHIPS_BROKEN_EARLY,
    IndicatorCode.REFERENT_COVERAGE,
}
# The figures that count young people (masked in roll-ups): a presence or a mentorship is a young person's.
PEOPLE = {
    IndicatorCode.YOUTHS_PROPOSED,
    IndicatorCode.YOUTHS_POSITIONED,
    IndicatorCode.YOUTHS_HIRED_BY_CONTRACT,
    IndicatorCode.YOUTHS_ENTERED_TRAINING,
    IndicatorCode.YOUTHS_COMPLETED_IMMERSION,
    IndicatorCode.YOUTHS_ATTENDING_SESSIONS,
    IndicatorCode.MENTORSHIPS_STARTED,
    IndicatorCode.MENTORSHIPS_ONGOING,
    IndicatorCode.MENTORSHIPS_BROKEN_EARLY,
}


def at(day: int, hour: int = 10, month: int = 3) -> datetime.datetime:
    return datetime.datetime(2026, month, day, hour, 0, tzinfo=PARIS)


# ---- discovery ------------------------------------------------------------------------------------------


def test_the_apps_providers_modules_fill_the_registry_at_startup():
    assert set(INDICATORS) == {code.value for code in COMPUTED}
    assert all(code in IndicatorCode.values for code in INDICATORS)
    # Registered from the apps' providers.py modules only (imported by CoreConfig.ready).
    assert {p.compute.__module__ for p in INDICATORS.values()} == {
        "relais.positionings.providers",
        "relais.opportunities.providers",
        "relais.conventions.providers",
        "relais.events.providers",
        "relais.mentoring.providers",
    }
    assert [f.__module__ for f in opportunity_hooks.DETAIL_ACTIONS] == ["relais.positionings.providers"]
    assert [f.__name__ for f in opportunity_hooks.ON_ENDED] == ["settle_ended_opportunity"]


def test_discovering_again_registers_nothing_twice():
    before = (dict(INDICATORS), list(opportunity_hooks.DETAIL_ACTIONS), list(MENU_ENTRIES))
    providers.autodiscover()
    assert (dict(INDICATORS), list(opportunity_hooks.DETAIL_ACTIONS), list(MENU_ENTRIES)) == before
    labels = [label for _, label, _, _ in MENU_ENTRIES]
    assert len(labels) == len(set(labels))
    assert {"Conventions", "Mes engagements", "Opportunités", "Jeunes", "Positionnements"} <= set(labels)


def test_a_second_provider_for_a_code_is_refused():
    with pytest.raises(ImproperlyConfigured, match="youths_positioned"):

        @providers.indicator(IndicatorCode.YOUTHS_POSITIONED, section="Doublon")
        def other(convention, period, scope):  # pragma: no cover - never registered
            raise AssertionError


def test_a_provider_returning_html_is_refused(monkeypatch):
    monkeypatch.setattr(providers, "INDICATORS", dict(INDICATORS))

    @providers.indicator("html_panel", section="Ancien panneau")
    def html_panel(convention, period, scope):
        return "<p>Jeunes positionnés : 3</p>"

    with pytest.raises(TypeError, match="IndicatorValue"):
        compute_indicator("html_panel", convention=Convention(pk=1), period=Period(), scope=Scope.system())


def test_an_extension_point_checks_the_type_its_providers_give():
    point = ExtensionPoint("test.actions", returns=Action)
    point.register(lambda thing: {"label": "Ancien bouton", "url": "/"})
    with pytest.raises(TypeError, match="expected Action"):
        point.collect("thing")
    typed = ExtensionPoint("test.typed", returns=Action)
    typed.register(lambda thing: None)
    typed.register(lambda thing: Action("Voir", f"/{thing}/"))
    assert typed.collect("x") == [Action("Voir", "/x/")]


def test_the_bench_registry_finds_each_app_s_measurements():
    found = bench_registry.discover()
    built = {key: m.build.__module__ for key, m in found.items() if m.build is not None}
    assert built["cre_opportunities"] == "relais.opportunities.bench"
    assert built["referent_page"] == "relais.positionings.bench"
    # Every measurement the registry planned is now written by an app.
    assert all(m.build is not None for m in found.values())
    assert set(built.values()) == {
        "relais.conventions.bench",
        "relais.core.bench",
        "relais.events.bench",
        "relais.mentoring.bench",
        "relais.opportunities.bench",
        "relais.organizations.bench",
        "relais.positionings.bench",
        "relais.youths.bench",
    }


# ---- the period -----------------------------------------------------------------------------------------


def test_a_period_counts_whole_days_of_europe_paris():
    assert MARCH.bounds() == (at(1, 0), at(1, 0, month=4))
    # 00:30 in Paris on 1 April is still 31 March in UTC: it is not in March.
    assert MARCH.contains(at(31, 23)) and not MARCH.contains(at(1, 0, month=4).replace(minute=30))
    assert MARCH.label == "du 01/03/2026 au 31/03/2026"
    assert Period().label == "depuis le début des enregistrements"
    with pytest.raises(ValueError):
        Period(datetime.date(2026, 3, 2), datetime.date(2026, 3, 1))


def test_the_default_period_is_the_convention_s_and_runs_on_while_it_is_in_force():
    today = datetime.date(2026, 12, 1)
    convention = Convention(
        start_date=datetime.date(2024, 11, 7),
        end_date=datetime.date(2025, 11, 6),
        status=ConventionStatus.ENDED,
    )
    assert convention_period(convention, today=today) == Period(
        datetime.date(2024, 11, 7), datetime.date(2025, 11, 6)
    )
    convention.status = ConventionStatus.ACTIVE  # awaiting its review: still counting
    assert convention_period(convention, today=today) == Period(datetime.date(2024, 11, 7), today)
    assert convention_period(Convention(status=ConventionStatus.ACTIVE), today=today) == Period()


# ---- the figures, on hand-built data ----------------------------------------------------------------------


@pytest.fixture
def charter_activity(personas, time_machine):
    """A charter, local conventions declining it and a sibling; positionings in March and one in April."""
    n = personas.network
    mason = RomeTitleFactory(ogr_code="15830", label="Maçon / Maçonne")
    charter = Convention.objects.create(title="Charte", kind="regional_charter", status="active")
    local = Convention.objects.create(
        title="Convention locale",
        kind="local_application",
        parent=charter,
        status="active",
        start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2026, 12, 31),
    )
    Convention.objects.create(title="Brouillon local", kind="local_application", parent=charter)
    Convention.objects.create(
        title="Locale échue",
        kind="local_application",
        parent=charter,
        status="ended",
        start_date=datetime.date(2025, 1, 1),
        end_date=datetime.date(2025, 12, 31),
    )
    sibling = Convention.objects.create(title="Autre charte", kind="regional_charter", status="active")

    time_machine.move_to(at(2), tick=False)
    on_charter = published_opportunity(n, rome_title=mason, convention=charter)  # delivered to ML A and ML B
    on_local = published_opportunity(n, rome_title=mason, convention=local, mission_locales=[n.ml_a])
    on_sibling = published_opportunity(n, rome_title=mason, convention=sibling)
    on_charter.deliveries.filter(mission_locale=n.ml_a).update(first_read_at=timezone.now())

    def youth():
        return consenting_youth(n.ml_a, commune=n.lyon)

    positioning_at(personas, S.HIRED, youth=youth(), opportunity=on_charter)
    positioning_at(personas, S.NOT_RETAINED, youth=youth(), opportunity=on_charter)
    positioning_at(personas, S.CANCELLED, youth=youth(), opportunity=on_charter)  # before transmission
    positioning_at(personas, S.HIRED, youth=youth(), opportunity=on_sibling)
    training = positioning_at(personas, S.TRANSMITTED, youth=youth(), opportunity=on_local)
    apply(
        POSITIONING_LIFECYCLE,
        training,
        "enter_training",
        scope=Scope.for_user(personas.geiq_recruiter),
        training_entry_date=datetime.date(2026, 3, 16),
    )
    immersion = positioning_at(personas, S.TRANSMITTED, youth=youth(), opportunity=on_charter)
    apply(
        POSITIONING_LIFECYCLE, immersion, "complete_immersion", scope=Scope.for_user(personas.geiq_recruiter)
    )
    # Half past midnight on 1 April in Paris, still 31 March in UTC: outside March.
    time_machine.move_to(at(1, 0, month=4).replace(minute=30), tick=False)
    april = published_opportunity(n, rome_title=mason, convention=charter, mission_locales=[n.ml_a])
    positioning_at(personas, S.HIRED, youth=youth(), opportunity=april)
    return charter, local


APRIL = Period(datetime.date(2026, 4, 1), datetime.date(2026, 4, 30))


def values_of(convention, period):
    return {v.code: v for v in compute_indicators(convention=convention, period=period, scope=Scope.system())}


def test_the_pipeline_figures_count_within_the_period_and_include_the_local_conventions(charter_activity):
    charter, local = charter_activity
    figures = values_of(charter, MARCH)
    assert figures["youths_proposed"].value == 4  # hired, not retained, training, immersion
    assert figures["youths_positioned"].value == 4
    hired = figures["youths_hired_by_contract"]
    assert (hired.value, hired.breakdown) == (
        1,
        (BreakdownRow("apprenticeship", "Contrat d'apprentissage", 1),),
    )
    assert figures["youths_entered_training"].value == 1  # recorded under the local convention
    assert figures["youths_completed_immersion"].value == 1
    declined = figures["candidacies_not_retained"]
    assert (declined.value, [(r.code, r.value) for r in declined.breakdown]) == (1, [("no_show", 1)])
    # The local convention counts only its own.
    local_figures = values_of(local, MARCH)
    assert [
        local_figures[c].value
        for c in ("youths_positioned", "youths_entered_training", "youths_hired_by_contract")
    ] == [1, 1, 0]


def test_a_positioning_outside_the_period_is_not_counted(charter_activity):
    charter, _ = charter_activity
    all_time = values_of(charter, Period())
    assert all_time["youths_proposed"].value == 5
    assert all_time["youths_hired_by_contract"].value == 2
    april = values_of(charter, APRIL)
    assert (april["youths_positioned"].value, april["youths_hired_by_contract"].value) == (1, 1)
    assert values_of(charter, Period(datetime.date(2026, 5, 1)))["youths_proposed"].value == 0


def test_the_opportunity_figures_count_diffusions_and_readings_within_the_period(charter_activity):
    charter, _ = charter_activity
    figures = values_of(charter, MARCH)
    diffused = figures["opportunities_diffused"]
    # The charter's opportunity (to ML A and ML B) and the local one (to ML A); April's is outside.
    assert diffused.value == 2
    assert {r.code: r.value for r in diffused.breakdown} == {"deliveries": 3, "mission_locales": 2}
    share = figures["deliveries_read_share"]
    assert (share.value, share.unit) == (33, "%")  # one reading out of three receptions
    assert values_of(charter, APRIL)["deliveries_read_share"].value == 0  # received, not read


def test_the_conventions_declining_it_count_when_in_force_during_the_period(charter_activity):
    charter, _ = charter_activity
    assert values_of(charter, MARCH)["declining_conventions"].value == 1  # not the draft, not the ended one
    assert (
        values_of(charter, Period(datetime.date(2025, 6, 1), datetime.date(2026, 6, 1)))[
            "declining_conventions"
        ].value
        == 2
    )


def test_delays_give_the_median_and_the_80th_percentile_of_the_period(personas, time_machine):
    n = personas.network
    charter = Convention.objects.create(title="Charte", kind="regional_charter")
    time_machine.move_to(at(2, 9), tick=False)
    opportunity = published_opportunity(n, rome_title=RomeTitleFactory(), convention=charter)
    # Transmitted after 1, 2, 2 and 3 days.
    for days in (1, 2, 2, 3):
        time_machine.move_to(at(2, 9), tick=False)
        positioning = services.positioning_propose(
            youth=consenting_youth(n.ml_a, commune=n.lyon),
            opportunity=opportunity,
            scope=Scope.for_user(personas.counsellor_a),
        )
        time_machine.move_to(at(2 + days, 9), tick=False)
        apply(POSITIONING_LIFECYCLE, positioning, "transmit", scope=Scope.for_user(personas.cre_a))
    delay = values_of(charter, MARCH)["delay_proposal_to_transmission"]
    assert (delay.value, delay.unit, delay.counts_people) == (2.0, "jour", False)
    # Inclusive 80th percentile of 1, 2, 2, 3: 2 + 0.4 × (3 − 2).
    assert {r.code: r.value for r in delay.breakdown} == {"p80": 2.4, "measured": 4}
    assert values_of(charter, APRIL)["delay_proposal_to_transmission"].value is None


def test_providers_return_frozen_data_and_never_html(charter_activity):
    charter, _ = charter_activity
    sections = compute_sections(convention=charter, period=MARCH, scope=Scope.system())
    assert [s.title for s in sections][:2] == [
        "Positionnements et recrutements",
        "Délais du parcours, de la proposition à l'entrée",
    ]
    values = [v for s in sections for v in s.values]
    assert {v.code for v in values} == set(INDICATORS)
    for value in values:
        assert isinstance(value, IndicatorValue) and dataclasses.is_dataclass(value)
        texts = [value.label, value.unit, value.note] + [r.label for r in value.breakdown]
        assert not any("<" in text for text in texts)
        assert value.counts_people == (value.code in PEOPLE)
    with pytest.raises(dataclasses.FrozenInstanceError):
        values[0].value = 12


def test_figures_of_one_evaluation_share_their_reads(charter_activity, django_assert_max_num_queries):
    charter, _ = charter_activity
    # The declinations walk (2); the pipeline counts, contract types, reasons and delays (4), split by Mission
    # Locale, partner and kind of opportunity (3), by priority public (1), the delays per member (2); the names
    # and places of the members (5); the deliveries and the diffusions (3); the conventions declining it (1); the
    # events (5); the mentorships (1); the referents (3): whatever the number of figures using them.
    with django_assert_max_num_queries(33):
        compute_indicators(convention=charter, period=MARCH, scope=Scope.system())


# ---- the opportunity page's actions --------------------------------------------------------------------------


def test_the_opportunity_page_gets_typed_actions_for_the_scope(personas):
    opportunity = published_opportunity(personas.network, rome_title=RomeTitleFactory())
    for_counsellor = opportunity_hooks.detail_actions(opportunity, Scope.for_user(personas.counsellor_a))
    assert for_counsellor == [
        Action("Positionner un jeune", reverse("positionings:for_opportunity", args=[opportunity.pk]))
    ]
    for_recruiter = opportunity_hooks.detail_actions(opportunity, Scope.for_user(personas.geiq_recruiter))
    assert for_recruiter == [
        Action("Candidatures reçues", reverse("positionings:received") + f"?opportunite={opportunity.pk}")
    ]
    assert opportunity_hooks.detail_actions(opportunity, Scope.for_user(personas.state_observer)) == []


def test_an_indicator_value_survives_its_json_form_unchanged():
    import json

    from relais.core.providers import Breakdown, BreakdownRow, Dimension, IndicatorValue

    value = IndicatorValue(
        code="youths_positioned",
        label="Jeunes positionnés",
        value=12,
        unit="jeune",
        counts_people=True,
        breakdown=(BreakdownRow("cdi", "CDI", 4),),
        note="sur la période",
        breakdowns=(Breakdown(Dimension.MISSION_LOCALE, (BreakdownRow("7", "ML de Lyon", 12),)),),
    )
    restored = IndicatorValue.from_dict(json.loads(json.dumps(value.to_dict())))
    assert restored == value
    assert restored.breakdown_by(Dimension.MISSION_LOCALE).rows[0].value == 12
    assert restored.breakdown_by(Dimension.REGION) is None
