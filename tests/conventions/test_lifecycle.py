"""The convention lifecycle: every transition, allowed and refused, with its log."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from relais.conventions.enums import ConventionStatus as S
from relais.conventions.enums import OccurrenceKind
from relais.conventions.lifecycle import CONVENTION_LIFECYCLE
from relais.conventions.models import ConventionError, ConventionTransition
from relais.conventions.services import convention_create
from relais.conventions.services import occurrence_mark_done as mark_done
from relais.core.scope import Scope
from relais.core.workflows import apply
from tests.conventions.factories import ConventionFactory

DECISION = "COPIL du 15/11/2026 : bilan positif, renouvellement décidé."
ALL = set(S.values)
CASES = [
    ("sign", {S.DRAFT}, S.SIGNED),
    ("activate", {S.SIGNED}, S.ACTIVE),
    ("mark_review_due", {S.ACTIVE}, S.REVIEW_DUE),
    ("renew", {S.REVIEW_DUE}, S.RENEWED),
    ("end", {S.ACTIVE, S.REVIEW_DUE}, S.ENDED),
    ("cancel", {S.DRAFT}, S.CANCELLED),
]


@pytest.fixture
def draft(personas):
    return convention_create(
        scope=Scope.for_user(personas.arml_coordinator),
        own_organization=personas.network.arml,
        partner_organizations=[personas.network.cr_geiq],
        title="Charte test",
        kind="regional_charter",
        start_date=datetime.date(2026, 1, 1),
        duration_months=12,
        renewal_rule="annual_on_review",
        followup_cadence="half_yearly_point",
        review_lead_months=1,
    )


def at_status(convention, status):
    convention.status = status
    convention.save(update_fields=["status"])
    return convention


@pytest.mark.parametrize("name,sources,target", CASES)
def test_each_transition_succeeds_from_its_sources(draft, personas, name, sources, target):
    for source in sources:
        convention = at_status(draft, source)
        note = DECISION if name == "renew" else ""
        apply(
            CONVENTION_LIFECYCLE, convention, name, scope=Scope.for_user(personas.arml_coordinator), note=note
        )
        convention.refresh_from_db()
        assert convention.status == target
        log = ConventionTransition.objects.filter(convention=convention, name=name).last()
        assert (log.from_status, log.to_status, log.by) == (source, target, personas.arml_coordinator)
        if name == "renew":
            result = convention.next_period
            assert result.previous_period == convention and result.status == S.ACTIVE


@pytest.mark.parametrize("name,sources,target", CASES)
def test_each_transition_is_refused_from_other_statuses(draft, personas, name, sources, target):
    scope = Scope.for_user(personas.arml_coordinator)
    # The coordinator may run it: only the state refuses it.
    assert CONVENTION_LIFECYCLE.allows(scope, draft, CONVENTION_LIFECYCLE.transition(name))
    for status in ALL - set(sources):
        convention = at_status(draft, status)
        with pytest.raises(ConventionError, match="Action impossible"):
            apply(CONVENTION_LIFECYCLE, convention, name, scope=Scope.for_user(personas.arml_coordinator))
        convention.refresh_from_db()
        assert convention.status == status


def test_a_member_who_is_not_coordinator_cannot_change_the_status(draft, personas):
    with pytest.raises(PermissionDenied):
        apply(CONVENTION_LIFECYCLE, draft, "sign", scope=Scope.for_user(personas.cre_a))


@pytest.mark.parametrize("name,sources,target", CASES)
def test_no_transition_is_run_by_a_member_who_is_not_coordinator(draft, personas, name, sources, target):
    for source in sources:
        convention = at_status(draft, source)
        with pytest.raises(PermissionDenied):
            apply(CONVENTION_LIFECYCLE, convention, name, scope=Scope.for_user(personas.cre_a))
        convention.refresh_from_db()
        assert convention.status == source
    assert not ConventionTransition.objects.filter(convention=draft, name=name).exists()


@pytest.mark.parametrize("name,sources,target", [case for case in CASES if case[0] != "mark_review_due"])
def test_the_platform_only_marks_the_review_due(draft, name, sources, target):
    convention = at_status(draft, sorted(sources)[0])
    with pytest.raises(PermissionDenied):
        apply(CONVENTION_LIFECYCLE, convention, name, scope=Scope.system())
    at_status(draft, S.ACTIVE)
    apply(CONVENTION_LIFECYCLE, draft, "mark_review_due", scope=Scope.system(), note="Automatique.")
    log = draft.transitions.last()
    assert (draft.status, log.by, log.note) == (S.REVIEW_DUE, None, "Automatique.")


def test_activation_needs_a_start_date(draft, personas):
    draft.start_date = None
    draft.save(update_fields=["start_date"])
    at_status(draft, S.SIGNED)
    with pytest.raises(ConventionError, match="date de début"):
        apply(CONVENTION_LIFECYCLE, draft, "activate", scope=Scope.for_user(personas.arml_coordinator))


def test_activation_schedules_points_and_the_review_one_month_before_the_end(draft, personas):
    assert draft.end_date == datetime.date(2026, 12, 31)
    at_status(draft, S.SIGNED)
    apply(CONVENTION_LIFECYCLE, draft, "activate", scope=Scope.for_user(personas.arml_coordinator))
    dates = {(o.kind, o.due_date) for o in draft.occurrences.all()}
    assert dates == {
        (OccurrenceKind.FOLLOW_UP, datetime.date(2026, 6, 30)),
        (OccurrenceKind.FOLLOW_UP, datetime.date(2026, 12, 31)),
        (OccurrenceKind.REVIEW, datetime.date(2026, 11, 30)),
    }


@time_machine.travel(datetime.datetime(2025, 10, 20, 8, tzinfo=datetime.UTC), tick=False)
def test_renewal_opens_the_next_period_linked_to_the_previous_one_and_its_review(aura, personas):
    apply(CONVENTION_LIFECYCLE, aura, "mark_review_due", scope=Scope.system())
    nxt = apply(
        CONVENTION_LIFECYCLE,
        aura,
        "renew",
        scope=Scope.for_user(personas.geiq_coordinator),
        note="Bilan positif, on continue.",
    ).next_period
    aura.refresh_from_db()
    assert aura.status == S.RENEWED
    assert nxt.previous_period == aura and nxt.period_number == 2
    assert nxt.renewed_from_review == aura.occurrences.get(kind=OccurrenceKind.REVIEW)
    assert (nxt.start_date, nxt.end_date) == (datetime.date(2025, 11, 7), datetime.date(2026, 11, 6))
    assert nxt.parties.count() == 2 and nxt.commitments.count() == aura.commitments.count()
    assert nxt.indicators.count() == 4 and nxt.axes.count() == 5
    assert nxt.occurrences.filter(kind=OccurrenceKind.FOLLOW_UP).first().due_date == datetime.date(2026, 5, 6)


@pytest.mark.parametrize(
    "rule,message",
    [
        ("fixed_term", "durée déterminée, sans renouvellement prévu"),
        ("unspecified", "ne prévoit pas de renouvellement"),
    ],
)
def test_a_convention_whose_text_plans_no_renewal_cannot_be_renewed(draft, personas, rule, message):
    draft.renewal_rule = rule
    draft.end_date = datetime.date(2026, 12, 31)
    draft.save(update_fields=["renewal_rule", "end_date"])
    at_status(draft, S.REVIEW_DUE)
    assert "renew" not in [t.name for t in CONVENTION_LIFECYCLE.available(draft)]
    with pytest.raises(ConventionError, match=message):
        apply(
            CONVENTION_LIFECYCLE,
            draft,
            "renew",
            scope=Scope.for_user(personas.arml_coordinator),
            note=DECISION,
        )
    draft.refresh_from_db()
    assert draft.status == S.REVIEW_DUE and not hasattr(draft, "next_period")


def test_the_five_year_medef_convention_is_refused_renewal_on_its_page(client, seeded, personas):
    medef = seeded["seed-002-medef-midi-pyrenees"]
    medef.start_date, medef.end_date = datetime.date(2005, 6, 1), datetime.date(2010, 5, 31)
    medef.status = S.REVIEW_DUE
    medef.save(update_fields=["start_date", "end_date", "status"])
    client.force_login(personas.admin)
    assert "/statut/renew/" not in client.get(f"/conventions/{medef.pk}/").content.decode()
    response = client.post(f"/conventions/{medef.pk}/statut/renew/", {"note": DECISION}, follow=True)
    assert "sans renouvellement prévu" in response.content.decode()
    medef.refresh_from_db()
    assert medef.status == S.REVIEW_DUE


@time_machine.travel(datetime.datetime(2025, 10, 20, 8, tzinfo=datetime.UTC), tick=False)
def test_renewal_copies_key_figures_and_what_the_text_lacks(grand_est, personas):
    apply(CONVENTION_LIFECYCLE, grand_est, "mark_review_due", scope=Scope.system())
    nxt = apply(
        CONVENTION_LIFECYCLE, grand_est, "renew", scope=Scope.for_user(personas.admin), note=DECISION
    ).next_period
    assert nxt.is_incomplete and nxt.missing_information == grand_est.missing_information
    figures = {f.label: f.value for p in nxt.parties.all() for f in p.key_figures.all()}
    assert figures == {
        "Missions Locales": 43,
        "jeunes accueillis": 76116,
        "jeunes accueillis pour la première fois": 30924,
    }
    assert nxt.signatories.count() == 0  # they signed the original text, shown as such on later periods


@time_machine.travel(datetime.datetime(2025, 10, 20, 8, tzinfo=datetime.UTC), tick=False)
def test_later_periods_show_the_signatories_of_the_original_text(client, aura, personas):
    apply(CONVENTION_LIFECYCLE, aura, "mark_review_due", scope=Scope.system())
    nxt = apply(
        CONVENTION_LIFECYCLE, aura, "renew", scope=Scope.for_user(personas.arml_coordinator), note=DECISION
    ).next_period
    client.force_login(personas.cre_a)
    html = client.get(f"/conventions/{nxt.pk}/").content.decode()
    assert "Texte initial signé par</strong> : Lucio CAMPANILE" in html
    assert "Texte initial signé par</strong> : Wendy LAFAYE" in html
    assert 'data-testid="original-signatories"' in html


@time_machine.travel(datetime.datetime(2025, 10, 20, 8, tzinfo=datetime.UTC), tick=False)
def test_a_one_off_commitment_done_stays_done_in_the_next_period(aura, personas):
    designation = aura.occurrences.get(commitment__text__startswith="Désigner un interlocuteur unique")
    mark_done(
        occurrence=designation,
        scope=Scope.for_user(personas.arml_coordinator),
        done_on=datetime.date(2024, 11, 20),
        note="Alexia Violet est l'interlocutrice unique.",
    )
    apply(CONVENTION_LIFECYCLE, aura, "mark_review_due", scope=Scope.system())
    nxt = apply(
        CONVENTION_LIFECYCLE, aura, "renew", scope=Scope.for_user(personas.arml_coordinator), note=DECISION
    ).next_period
    carried = nxt.occurrences.get(commitment__text__startswith="Désigner un interlocuteur unique")
    assert carried.status == "done" and carried.done_on == datetime.date(2024, 11, 20)
    assert "période 1" in carried.note
    still_to_do = nxt.occurrences.get(commitment__text__startswith="Fournir l'annuaire")
    assert still_to_do.status == "planned" and still_to_do.due_date is None


def test_the_review_is_offered_only_when_due_and_asks_for_confirmation(client, draft, personas):
    """ "Passer en bilan à réaliser" was a one-click POST offered eleven months early."""
    convention = at_status(draft, S.ACTIVE)
    convention.end_date = datetime.date.today() + datetime.timedelta(days=330)
    convention.review_lead_months = 1
    convention.save(update_fields=["end_date", "review_lead_months"])
    scope = Scope.for_user(personas.arml_coordinator)
    assert "mark_review_due" not in [t.name for t in CONVENTION_LIFECYCLE.available(convention, scope)]
    with pytest.raises(ConventionError, match="il est trop tôt"):
        apply(CONVENTION_LIFECYCLE, convention, "mark_review_due", scope=scope)
    # The platform's job is not held back by it.
    apply(
        CONVENTION_LIFECYCLE, convention, "mark_review_due", scope=Scope.system(), note="Passage automatique"
    )
    assert convention.status == S.REVIEW_DUE

    n = personas.network
    other = at_status(ConventionFactory(region=n.aura, parties=[n.cr_geiq, n.arml]), S.ACTIVE)
    other.end_date = datetime.date.today() + datetime.timedelta(days=60)
    other.review_lead_months = 1
    other.save(update_fields=["end_date", "review_lead_months"])
    assert "mark_review_due" in [t.name for t in CONVENTION_LIFECYCLE.available(other, scope)]
    client.force_login(personas.arml_coordinator)
    page = client.get(f"/conventions/{other.pk}/statut/mark_review_due/")
    assert page.status_code == 200 and "Confirmer" in page.content.decode()


def test_renewal_needs_the_decision_it_rests_on(client, draft, personas):
    convention = at_status(draft, S.REVIEW_DUE)
    client.force_login(personas.arml_coordinator)
    refused = client.post(f"/conventions/{convention.pk}/statut/renew/", {"note": ""})
    assert refused.status_code == 400 and "Décision du bilan (COPIL)" in refused.content.decode()
    convention.refresh_from_db()
    assert convention.status == S.REVIEW_DUE
    client.post(f"/conventions/{convention.pk}/statut/renew/", {"note": DECISION})
    convention.refresh_from_db()
    assert convention.status == S.RENEWED
    assert convention.transitions.get(name="renew").note == DECISION
