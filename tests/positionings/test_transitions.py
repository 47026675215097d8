"""The positioning workflow: every transition, who may fire it, from which state, and its log."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from relais.core.models import AuditEvent
from relais.core.scope import Scope
from relais.core.workflows import apply
from relais.organizations.enums import Role
from relais.positionings import services
from relais.positionings.enums import PositioningStatus as S
from relais.positionings.lifecycle import POSITIONING_LIFECYCLE
from relais.positionings.models import PositioningError, PositioningTransition
from tests.organizations.factories import user_with_role
from tests.positionings.factories import (
    consenting_youth,
    contract_type,
    positioning_at,
    published_opportunity,
)

pytestmark = pytest.mark.django_db


def fields_for(name):
    today = timezone.localdate()
    return {
        "send_back": {"note": "Merci de préciser le projet"},
        "plan_interview": {"interview_at": timezone.now() + datetime.timedelta(days=2)},
        "hire": {"contract_type": contract_type(), "start_date": today, "weekly_hours": 35},
        "enter_training": {"training_entry_date": today},
        "not_retain": {"not_retained_reason": "profile_mismatch"},
    }.get(name, {})


def fire(positioning, name, user, **extra):
    fields = {**fields_for(name), **extra}
    note = fields.pop("note", "")
    scope = Scope.for_user(user) if user is not None else Scope.system()
    return apply(POSITIONING_LIFECYCLE, positioning, name, scope=scope, note=note, **fields)


# (transition, source status, persona who may fire it)
ALLOWED = [
    ("transmit", S.PROPOSED, "cre_a"),
    ("send_back", S.PROPOSED, "cre_a"),
    ("repropose", S.RETURNED, "counsellor_a"),
    ("acknowledge", S.TRANSMITTED, "geiq_recruiter"),
    ("plan_interview", S.TRANSMITTED, "geiq_recruiter"),
    ("plan_interview", S.ACKNOWLEDGED, "geiq_recruiter"),
    ("hire", S.INTERVIEW_PLANNED, "geiq_recruiter"),
    ("hire", S.ACKNOWLEDGED, "geiq_recruiter"),
    ("enter_training", S.ACKNOWLEDGED, "geiq_recruiter"),
    ("complete_immersion", S.INTERVIEW_PLANNED, "geiq_recruiter"),
    ("not_retain", S.INTERVIEW_PLANNED, "geiq_recruiter"),
    ("withdraw", S.PROPOSED, "counsellor_a"),
    ("withdraw", S.ACKNOWLEDGED, "geiq_recruiter"),
    ("cancel", S.PROPOSED, "counsellor_a"),
    ("cancel", S.TRANSMITTED, "cre_a"),
    ("cancel", S.RETURNED, "counsellor_a"),
]


def test_a_counsellor_proposes_a_consenting_young_person_and_it_is_logged(personas, youth, opportunity):
    positioning = services.positioning_propose(
        youth=youth,
        opportunity=opportunity,
        scope=Scope.for_user(personas.counsellor_a),
        motivation="Très motivée",
    )
    assert positioning.status == S.PROPOSED
    log = PositioningTransition.objects.get(positioning=positioning)
    assert (log.name, log.from_status, log.to_status, log.by) == (
        "propose",
        "",
        S.PROPOSED,
        personas.counsellor_a,
    )
    assert AuditEvent.objects.filter(action="positioning.propose", object_id=str(positioning.pk)).exists()


@pytest.mark.parametrize(("name", "source", "persona"), ALLOWED)
def test_each_transition_succeeds_for_the_right_role_and_is_logged(
    personas, youth, opportunity, name, source, persona
):
    positioning = positioning_at(personas, source, youth=youth, opportunity=opportunity)
    user = getattr(personas, persona)
    result = fire(positioning, name, user)
    target = POSITIONING_LIFECYCLE.transition(name).target
    assert result.status == target
    result.refresh_from_db()
    assert result.status == target
    last = result.transitions.order_by("-at", "-pk").first()
    assert (last.name, last.from_status, last.to_status, last.by) == (name, source, target, user)
    assert AuditEvent.objects.filter(action=f"positioning.{name}", object_id=str(result.pk)).exists()


@pytest.mark.parametrize(("name", "source", "persona"), ALLOWED)
@pytest.mark.parametrize("intruder", ["counsellor_b", "state_observer", "arml_coordinator", "admin"])
def test_no_one_outside_the_pipeline_fires_a_transition(
    personas, youth, opportunity, name, source, persona, intruder
):
    positioning = positioning_at(personas, source, youth=youth, opportunity=opportunity)
    with pytest.raises(PermissionDenied):
        fire(positioning, name, getattr(personas, intruder))
    positioning.refresh_from_db()
    assert positioning.status == source


@pytest.mark.parametrize(
    ("name", "source", "wrong_persona"),
    [
        ("transmit", S.PROPOSED, "counsellor_a"),  # counsellor is not the referent
        ("transmit", S.PROPOSED, "geiq_recruiter"),
        ("send_back", S.PROPOSED, "counsellor_a"),
        ("acknowledge", S.TRANSMITTED, "cre_a"),  # the referent does not answer for the partner
        ("acknowledge", S.TRANSMITTED, "counsellor_a"),
        ("hire", S.ACKNOWLEDGED, "counsellor_a"),
        ("hire", S.ACKNOWLEDGED, "cre_a"),
        ("repropose", S.RETURNED, "geiq_recruiter"),
        ("cancel", S.TRANSMITTED, "geiq_recruiter"),  # the partner says "not retained", it does not cancel
    ],
)
def test_a_wrong_role_inside_the_pipeline_is_refused(
    personas, youth, opportunity, name, source, wrong_persona
):
    positioning = positioning_at(personas, source, youth=youth, opportunity=opportunity)
    with pytest.raises(PermissionDenied):
        fire(positioning, name, getattr(personas, wrong_persona))


def test_the_partner_cannot_act_before_transmission(personas, youth, opportunity):
    positioning = positioning_at(personas, S.PROPOSED, youth=youth, opportunity=opportunity)
    # Withdrawing is possible from "proposed", so the role check answers; the partner is not an actor yet.
    with pytest.raises(PermissionDenied):
        fire(positioning, "withdraw", personas.geiq_recruiter)
    # Acknowledging and hiring are not possible from "proposed" at all: the state is checked first.
    for name in ("acknowledge", "hire"):
        with pytest.raises(PositioningError, match="Action impossible"):
            fire(positioning, name, personas.geiq_recruiter)
    positioning.refresh_from_db()
    assert positioning.status == S.PROPOSED and positioning.transitions.count() == 1


# (transition, a state it does not leave, an actor who may fire it; None is the platform)
WRONG_STATES = [
    ("transmit", S.TRANSMITTED, "cre_a"),
    ("transmit", S.RETURNED, "cre_a"),
    ("send_back", S.TRANSMITTED, "cre_a"),
    ("repropose", S.PROPOSED, "counsellor_a"),
    ("acknowledge", S.ACKNOWLEDGED, "geiq_recruiter"),
    ("plan_interview", S.EXPIRED, "geiq_recruiter"),
    ("hire", S.HIRED, "geiq_recruiter"),
    ("enter_training", S.NOT_RETAINED, "geiq_recruiter"),
    ("complete_immersion", S.HIRED, "geiq_recruiter"),
    ("not_retain", S.HIRED, "geiq_recruiter"),
    ("cancel", S.HIRED, "counsellor_a"),
    ("cancel", S.CANCELLED, "counsellor_a"),
    ("withdraw", S.NOT_RETAINED, "counsellor_a"),
    ("expire", S.ACKNOWLEDGED, None),
]


@pytest.mark.parametrize(("name", "source", "persona"), WRONG_STATES)
def test_a_transition_from_the_wrong_state_is_refused_with_a_french_message(
    personas, youth, opportunity, name, source, persona
):
    positioning = positioning_at(personas, source, youth=youth, opportunity=opportunity)
    user = getattr(personas, persona) if persona else None
    scope = Scope.for_user(user) if user is not None else Scope.system()
    # The persona is one of the transition's actors: only the state refuses it.
    assert POSITIONING_LIFECYCLE.allows(scope, positioning, POSITIONING_LIFECYCLE.transition(name))
    logged = positioning.transitions.count()
    with pytest.raises(PositioningError, match="Action impossible"):
        fire(positioning, name, user)
    positioning.refresh_from_db()
    assert positioning.status == source and positioning.transitions.count() == logged


def test_every_transition_has_a_wrong_state_case():
    assert {name for name, _, _ in WRONG_STATES} == set(POSITIONING_LIFECYCLE.table)


def test_wrong_state_is_reported_even_to_the_right_role(personas, youth, opportunity):
    positioning = positioning_at(personas, S.HIRED, youth=youth, opportunity=opportunity)
    with pytest.raises(PositioningError, match="Recruté"):
        fire(positioning, "hire", personas.geiq_recruiter)


def test_expiry_is_reserved_to_the_platform(personas, youth, opportunity):
    positioning = positioning_at(personas, S.TRANSMITTED, youth=youth, opportunity=opportunity)
    with pytest.raises(PermissionDenied):
        fire(positioning, "expire", personas.cre_a)
    assert fire(positioning, "expire", None).status == S.EXPIRED


def test_a_send_back_needs_a_reason_and_the_counsellor_sees_it(personas, youth, opportunity):
    positioning = positioning_at(personas, S.PROPOSED, youth=youth, opportunity=opportunity)
    with pytest.raises(ValidationError) as error:
        apply(POSITIONING_LIFECYCLE, positioning, "send_back", scope=Scope.for_user(personas.cre_a), note=" ")
    assert "note" in error.value.message_dict
    apply(
        POSITIONING_LIFECYCLE,
        positioning,
        "send_back",
        scope=Scope.for_user(personas.cre_a),
        note="CV manquant",
    )
    positioning.refresh_from_db()
    assert (positioning.status, positioning.reason) == (S.RETURNED, "CV manquant")


def test_a_hire_needs_contract_type_start_date_and_weekly_hours(personas, youth, opportunity):
    positioning = positioning_at(personas, S.ACKNOWLEDGED, youth=youth, opportunity=opportunity)
    with pytest.raises(ValidationError) as error:
        apply(
            POSITIONING_LIFECYCLE,
            positioning,
            "hire",
            scope=Scope.for_user(personas.geiq_recruiter),
            weekly_hours=60,
        )
    assert set(error.value.message_dict) == {"contract_type", "start_date", "weekly_hours"}
    positioning.refresh_from_db()
    assert positioning.status == S.ACKNOWLEDGED
    apply(
        POSITIONING_LIFECYCLE,
        positioning,
        "hire",
        scope=Scope.for_user(personas.geiq_recruiter),
        contract_type=contract_type(),
        start_date=timezone.localdate() + datetime.timedelta(days=30),
        weekly_hours=35,
    )
    positioning.refresh_from_db()
    assert (positioning.status, positioning.contract_type.code, str(positioning.weekly_hours)) == (
        S.HIRED,
        "apprenticeship",
        "35.0",
    )
    assert positioning.closed_at is not None


def test_a_hire_under_one_hour_a_week_is_refused(personas, youth, opportunity):
    positioning = positioning_at(personas, S.ACKNOWLEDGED, youth=youth, opportunity=opportunity)
    with pytest.raises(ValidationError) as error:
        apply(
            POSITIONING_LIFECYCLE,
            positioning,
            "hire",
            scope=Scope.for_user(personas.geiq_recruiter),
            contract_type=contract_type(),
            start_date=timezone.localdate() + datetime.timedelta(days=30),
            weekly_hours=Decimal("0.5"),
        )
    assert error.value.message_dict == {
        "weekly_hours": ["Indiquez une durée hebdomadaire entre 1 et 48 heures."]
    }


def test_not_retained_needs_a_reason_from_the_list(personas, youth, opportunity):
    positioning = positioning_at(personas, S.TRANSMITTED, youth=youth, opportunity=opportunity)
    with pytest.raises(ValidationError):
        apply(
            POSITIONING_LIFECYCLE,
            positioning,
            "not_retain",
            scope=Scope.for_user(personas.geiq_recruiter),
            not_retained_reason="parce que",
        )
    apply(
        POSITIONING_LIFECYCLE,
        positioning,
        "not_retain",
        scope=Scope.for_user(personas.geiq_recruiter),
        not_retained_reason="no_show",
    )
    positioning.refresh_from_db()
    assert positioning.get_not_retained_reason_display().startswith("Absence")


def test_the_referent_may_be_named_for_the_network_head(personas, youth, opportunity):
    """A referent named for the CR GEIQ covers its member GEIQs; the CRE then is not the referent."""
    network = personas.network
    personas.cre_a_referent.delete()
    other = user_with_role(network.ml_a, Role.COUNSELLOR, "referente-reseau@ml-lyon.test")
    from relais.organizations.models import PartnerReferent

    PartnerReferent.objects.create(mission_locale=network.ml_a, partner=network.cr_geiq, person=other.person)
    positioning = positioning_at(personas, S.PROPOSED, youth=youth, opportunity=opportunity)
    with pytest.raises(PermissionDenied):
        apply(POSITIONING_LIFECYCLE, positioning, "transmit", scope=Scope.for_user(personas.cre_a))
    assert (
        apply(POSITIONING_LIFECYCLE, positioning, "transmit", scope=Scope.for_user(other)).status
        == S.TRANSMITTED
    )


def test_without_a_named_referent_the_ml_cres_transmit(personas, youth, opportunity):
    personas.cre_a_referent.delete()
    positioning = positioning_at(personas, S.PROPOSED, youth=youth, opportunity=opportunity)
    with pytest.raises(PermissionDenied):
        apply(POSITIONING_LIFECYCLE, positioning, "transmit", scope=Scope.for_user(personas.counsellor_a))
    assert (
        apply(POSITIONING_LIFECYCLE, positioning, "transmit", scope=Scope.for_user(personas.cre_a)).status
        == S.TRANSMITTED
    )


def test_a_named_referent_of_another_ml_cannot_transmit(personas, rome, opportunity):
    network = personas.network
    cre_b = user_with_role(network.ml_b, Role.CRE, "cre@ml-grenoble.test")
    from relais.organizations.models import PartnerReferent

    PartnerReferent.objects.create(mission_locale=network.ml_b, partner=network.geiq, person=cre_b.person)
    youth = consenting_youth(network.ml_a, commune=network.lyon, sought_titles=[rome.mason])
    positioning = positioning_at(personas, S.PROPOSED, youth=youth, opportunity=opportunity)
    with pytest.raises(PermissionDenied):
        apply(POSITIONING_LIFECYCLE, positioning, "transmit", scope=Scope.for_user(cre_b))


def test_proposal_refused_without_consent(personas, no_consent_youth, opportunity):
    with pytest.raises(PositioningError, match="consentement"):
        services.positioning_propose(
            youth=no_consent_youth, opportunity=opportunity, scope=Scope.for_user(personas.counsellor_a)
        )


@pytest.mark.parametrize("age", [15, 26])
def test_proposal_refused_outside_16_to_25(personas, rome, opportunity, age):
    youth = consenting_youth(personas.network.ml_a, age=age, commune=personas.network.lyon)
    with pytest.raises(PositioningError, match="entre 16 et 25 ans"):
        services.positioning_propose(
            youth=youth, opportunity=opportunity, scope=Scope.for_user(personas.counsellor_a)
        )


@pytest.mark.parametrize("age", [16, 25])
def test_proposal_accepted_at_16_and_25(personas, rome, opportunity, age):
    youth = consenting_youth(personas.network.ml_a, age=age, commune=personas.network.lyon)
    positioning = services.positioning_propose(
        youth=youth, opportunity=opportunity, scope=Scope.for_user(personas.counsellor_a)
    )
    assert positioning.status == S.PROPOSED


def test_the_age_is_checked_on_the_proposal_date(personas, rome, opportunity, time_machine):
    youth = consenting_youth(
        personas.network.ml_a,
        commune=personas.network.lyon,
        birth_date=datetime.date(2000, 6, 15),
        consent_given_at=datetime.date(2025, 1, 1),
    )
    time_machine.move_to(datetime.datetime(2026, 6, 14, 12, tzinfo=datetime.UTC))
    assert (
        services.positioning_propose(
            youth=youth, opportunity=opportunity, scope=Scope.for_user(personas.counsellor_a)
        ).status
        == S.PROPOSED
    )
    other = published_opportunity(personas.network, rome_title=opportunity.rome_title)
    time_machine.move_to(datetime.datetime(2026, 6, 16, 12, tzinfo=datetime.UTC))
    with pytest.raises(PositioningError, match="26 ans"):
        services.positioning_propose(
            youth=youth, opportunity=other, scope=Scope.for_user(personas.counsellor_a)
        )


def test_counsellor_of_another_ml_cannot_propose(personas, youth, opportunity):
    with pytest.raises(PermissionDenied):
        services.positioning_propose(
            youth=youth, opportunity=opportunity, scope=Scope.for_user(personas.counsellor_b)
        )


def test_an_opportunity_not_diffused_to_the_ml_cannot_be_proposed(personas, youth, rome):
    hidden = published_opportunity(
        personas.network, rome_title=rome.mason, mission_locales=[personas.network.ml_b]
    )
    with pytest.raises(PermissionDenied):
        services.positioning_propose(
            youth=youth, opportunity=hidden, scope=Scope.for_user(personas.counsellor_a)
        )


def test_a_closed_opportunity_cannot_be_proposed(personas, youth, opportunity):
    opportunity.status = "closed"
    opportunity.save(update_fields=["status"])
    with pytest.raises(PositioningError, match="plus ouverte"):
        services.positioning_propose(
            youth=youth, opportunity=opportunity, scope=Scope.for_user(personas.counsellor_a)
        )


def test_transmission_refused_when_consent_was_withdrawn(personas, youth, opportunity):
    positioning = positioning_at(personas, S.PROPOSED, youth=youth, opportunity=opportunity)
    youth.consent_given_at = None
    youth.consent_scope = ""
    youth.save(update_fields=["consent_given_at", "consent_scope"])
    positioning.youth.refresh_from_db()
    with pytest.raises(PositioningError, match="consentement"):
        apply(POSITIONING_LIFECYCLE, positioning, "transmit", scope=Scope.for_user(personas.cre_a))


def test_a_stale_page_cannot_fire_a_transition_twice(personas, youth, opportunity):
    positioning = positioning_at(personas, S.PROPOSED, youth=youth, opportunity=opportunity)
    stale = type(positioning).objects.get(pk=positioning.pk)
    apply(POSITIONING_LIFECYCLE, positioning, "transmit", scope=Scope.for_user(personas.cre_a))
    with pytest.raises(PositioningError):
        apply(
            POSITIONING_LIFECYCLE, stale, "send_back", scope=Scope.for_user(personas.cre_a), note="trop tard"
        )


def test_a_returned_positioning_cannot_be_proposed_again_once_consent_is_withdrawn(
    personas, youth, opportunity
):
    positioning = positioning_at(personas, S.RETURNED, youth=youth, opportunity=opportunity)
    youth.consent_given_at = None
    youth.consent_scope = ""
    youth.save(update_fields=["consent_given_at", "consent_scope"])
    positioning.youth.refresh_from_db()
    with pytest.raises(PositioningError, match="consentement"):
        apply(POSITIONING_LIFECYCLE, positioning, "repropose", scope=Scope.for_user(personas.counsellor_a))


def test_no_proposal_after_the_closing_date(personas, youth, rome):
    late = published_opportunity(
        personas.network,
        rome_title=rome.mason,
        closing_date=datetime.date.today() - datetime.timedelta(days=1),
    )
    with pytest.raises(PositioningError, match="date limite de candidature"):
        services.positioning_propose(
            youth=youth, opportunity=late, scope=Scope.for_user(personas.counsellor_a)
        )
