"""The lifecycle of an opportunity: every transition, who may run it, from which state."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from relais.core.models import AuditEvent
from relais.core.scope import Scope
from relais.core.workflows import apply
from relais.opportunities.enums import OpportunityStatus as S
from relais.opportunities.lifecycle import OPPORTUNITY_LIFECYCLE
from relais.opportunities.models import OpportunityError, OpportunityTransition
from relais.opportunities.services import opportunity_create, opportunity_update
from tests.opportunities.factories import OpportunityFactory, in_days

pytestmark = pytest.mark.django_db

ALL_TRANSITIONS = [
    ("publish", S.DRAFT, S.PUBLISHED),
    ("fill", S.PUBLISHED, S.FILLED),
    ("close", S.PUBLISHED, S.CLOSED),
    ("cancel", S.DRAFT, S.CANCELLED),
    ("cancel", S.PUBLISHED, S.CANCELLED),
]


@pytest.mark.parametrize(("name", "source", "target"), ALL_TRANSITIONS)
def test_the_recruiter_runs_each_transition_and_it_is_logged(personas, rome_title, name, source, target):
    opportunity = OpportunityFactory(publisher=personas.network.geiq, rome_title=rome_title, status=source)
    result = apply(
        OPPORTUNITY_LIFECYCLE, opportunity, name, scope=Scope.for_user(personas.geiq_recruiter), note="motif"
    )
    assert result.status == target
    opportunity.refresh_from_db()
    assert opportunity.status == target
    log = OpportunityTransition.objects.get(opportunity=opportunity)
    assert (log.name, log.from_status, log.to_status, log.by, log.note) == (
        name,
        source,
        target,
        personas.geiq_recruiter,
        "motif",
    )
    assert AuditEvent.objects.filter(action=f"opportunity.{name}", object_id=str(opportunity.pk)).exists()
    if target == S.PUBLISHED:
        assert opportunity.published_at is not None
    else:
        assert opportunity.ended_at is not None


@pytest.mark.parametrize(("name", "source", "target"), ALL_TRANSITIONS)
@pytest.mark.parametrize("persona", ["cre_a", "counsellor_a", "arml_coordinator", "state_observer"])
def test_no_one_outside_the_publisher_side_runs_a_transition(
    personas, rome_title, name, source, target, persona
):
    opportunity = OpportunityFactory(publisher=personas.network.geiq, rome_title=rome_title, status=source)
    with pytest.raises(PermissionDenied):
        apply(OPPORTUNITY_LIFECYCLE, opportunity, name, scope=Scope.for_user(getattr(personas, persona)))
    opportunity.refresh_from_db()
    assert opportunity.status == source
    assert not OpportunityTransition.objects.filter(opportunity=opportunity).exists()


def test_a_recruiter_of_another_partner_cannot_publish(personas, draft):
    from relais.organizations.enums import Role
    from tests.organizations.factories import user_with_role

    other = user_with_role(personas.network.geiq_2, Role.PARTNER_RECRUITER, "rh@geiq-proprete.test")
    with pytest.raises(PermissionDenied):
        apply(OPPORTUNITY_LIFECYCLE, draft, "publish", scope=Scope.for_user(other))


def test_the_network_head_coordinator_publishes_for_a_member_geiq(personas, draft):
    apply(OPPORTUNITY_LIFECYCLE, draft, "publish", scope=Scope.for_user(personas.geiq_coordinator))
    draft.refresh_from_db()
    assert draft.status == S.PUBLISHED


WRONG_STATES = [
    ("publish", [S.PUBLISHED, S.FILLED, S.CLOSED, S.CANCELLED]),
    ("fill", [S.DRAFT, S.FILLED, S.CLOSED, S.CANCELLED]),
    ("close", [S.DRAFT, S.FILLED, S.CLOSED, S.CANCELLED]),
    ("cancel", [S.FILLED, S.CLOSED, S.CANCELLED]),
]


@pytest.mark.parametrize(("name", "source"), [(n, s) for n, sources in WRONG_STATES for s in sources])
def test_a_transition_from_the_wrong_state_is_refused_with_a_french_message(
    personas, rome_title, name, source
):
    opportunity = OpportunityFactory(publisher=personas.network.geiq, rome_title=rome_title, status=source)
    scope = Scope.for_user(personas.geiq_recruiter)
    # The recruiter may run it: only the state refuses it.
    assert OPPORTUNITY_LIFECYCLE.allows(scope, opportunity, OPPORTUNITY_LIFECYCLE.transition(name))
    with pytest.raises(OpportunityError, match="Impossible de"):
        apply(OPPORTUNITY_LIFECYCLE, opportunity, name, scope=Scope.for_user(personas.geiq_recruiter))
    opportunity.refresh_from_db()
    assert opportunity.status == source


def test_publishing_checks_the_dates_against_today(personas, rome_title):
    opportunity = OpportunityFactory(
        publisher=personas.network.geiq,
        rome_title=rome_title,
        start_date=in_days(-3),
        closing_date=in_days(-1),
    )
    with pytest.raises(ValidationError) as error:
        apply(OPPORTUNITY_LIFECYCLE, opportunity, "publish", scope=Scope.for_user(personas.geiq_recruiter))
    assert error.value.message_dict == {
        "start_date": ["La date de début est déjà passée."],
        "closing_date": ["La date limite de candidature est déjà passée."],
    }
    opportunity.refresh_from_db()
    assert opportunity.status == S.DRAFT


def test_create_makes_a_draft_with_its_log(personas, rome_title):
    n = personas.network
    opportunity = opportunity_create(
        publisher=n.geiq,
        scope=Scope.for_user(personas.geiq_recruiter),
        kind="apprenticeship",
        rome_title=rome_title,
        commune=n.lyon,
        positions=3,
        start_date=in_days(40),
        duration_months=24,
        weekly_hours=35,
        priority_publics=["rqth", "qpv_resident", "rqth"],
    )
    assert opportunity.status == S.DRAFT
    assert opportunity.author == personas.geiq_recruiter
    assert opportunity.priority_publics == ["qpv_resident", "rqth"]
    assert opportunity.transitions.get().to_status == S.DRAFT


def test_a_counsellor_cannot_create_an_opportunity(personas, rome_title):
    with pytest.raises(PermissionDenied):
        opportunity_create(
            publisher=personas.network.geiq,
            scope=Scope.for_user(personas.counsellor_a),
            kind="pmsmp",
            rome_title=rome_title,
            commune=personas.network.lyon,
            positions=1,
        )


def test_a_filled_opportunity_can_no_longer_be_edited(personas, rome_title):
    opportunity = OpportunityFactory(publisher=personas.network.geiq, rome_title=rome_title, status=S.FILLED)
    with pytest.raises(OpportunityError):
        opportunity_update(
            opportunity=opportunity, scope=Scope.for_user(personas.geiq_recruiter), positions=5
        )
