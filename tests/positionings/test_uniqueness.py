"""Only one open positioning per young person and opportunity: in the service and in the database."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from relais.core.scope import Scope
from relais.positionings import services
from relais.positionings.enums import PositioningStatus as S
from relais.positionings.facts import countable_facts_of
from relais.positionings.models import Positioning, PositioningError
from tests.positionings.factories import positioning_at

pytestmark = pytest.mark.django_db


def test_a_second_proposal_while_one_is_open_gets_a_clear_french_message(personas, youth, opportunity):
    services.positioning_propose(
        youth=youth, opportunity=opportunity, scope=Scope.for_user(personas.counsellor_a)
    )
    with pytest.raises(PositioningError, match="déjà positionné sur cette opportunité"):
        services.positioning_propose(
            youth=youth, opportunity=opportunity, scope=Scope.for_user(personas.cre_a)
        )
    assert Positioning.objects.filter(youth=youth, opportunity=opportunity).count() == 1


@pytest.mark.parametrize("status", [S.RETURNED, S.TRANSMITTED, S.ACKNOWLEDGED, S.INTERVIEW_PLANNED])
def test_every_open_status_blocks_a_new_proposal(personas, youth, opportunity, status):
    positioning_at(personas, status, youth=youth, opportunity=opportunity)
    with pytest.raises(PositioningError):
        services.positioning_propose(
            youth=youth, opportunity=opportunity, scope=Scope.for_user(personas.counsellor_a)
        )


@pytest.mark.parametrize("status", [S.CANCELLED, S.NOT_RETAINED, S.EXPIRED])
def test_a_closed_positioning_allows_a_new_one(personas, youth, opportunity, status):
    positioning_at(personas, status, youth=youth, opportunity=opportunity)
    again = services.positioning_propose(
        youth=youth, opportunity=opportunity, scope=Scope.for_user(personas.counsellor_a)
    )
    assert again.status == S.PROPOSED
    assert Positioning.objects.filter(youth=youth, opportunity=opportunity).count() == 2


def test_the_database_refuses_two_open_rows_even_without_the_service(personas, youth, opportunity):
    first = services.positioning_propose(
        youth=youth, opportunity=opportunity, scope=Scope.for_user(personas.counsellor_a)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Positioning.objects.create(
            youth=youth,
            opportunity=opportunity,
            status=S.TRANSMITTED,
            proposed_at=timezone.now(),
            **countable_facts_of(youth),
        )
    Positioning.objects.filter(pk=first.pk).update(status=S.CANCELLED)
    Positioning.objects.create(
        youth=youth,
        opportunity=opportunity,
        status=S.PROPOSED,
        proposed_at=timezone.now(),
        **countable_facts_of(youth),
    )


def test_the_same_youth_may_be_positioned_on_two_opportunities(personas, youth, opportunity, rome):
    from tests.positionings.factories import published_opportunity

    other = published_opportunity(personas.network, rome_title=rome.mason_helper)
    services.positioning_propose(
        youth=youth, opportunity=opportunity, scope=Scope.for_user(personas.counsellor_a)
    )
    services.positioning_propose(youth=youth, opportunity=other, scope=Scope.for_user(personas.counsellor_a))
    assert youth.positionings.count() == 2
