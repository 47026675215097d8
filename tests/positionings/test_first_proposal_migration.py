"""The data migration dates each existing positioning's first proposal from its transition log."""

import datetime
import importlib

import pytest
from django.apps import apps

from relais.positionings.enums import PositioningStatus as S
from relais.positionings.models import Positioning, PositioningTransition
from tests.positionings.factories import consenting_youth, positioning_at, published_opportunity

pytestmark = pytest.mark.django_db
migration = importlib.import_module("relais.positionings.migrations.0010_fill_first_proposal")


def test_first_proposal_is_read_from_the_log_else_the_proposal_date(personas, rome, youth):
    n = personas.network
    opportunity = published_opportunity(n, rome_title=rome.mason)
    logged = positioning_at(personas, S.TRANSMITTED, youth=youth, opportunity=opportunity)
    first = datetime.datetime(2026, 2, 1, 10, 0, tzinfo=datetime.UTC)
    PositioningTransition.objects.filter(positioning=logged, name="propose").update(at=first)
    unlogged = positioning_at(
        personas, S.PROPOSED, youth=consenting_youth(n.ml_a, commune=n.lyon), opportunity=opportunity
    )
    PositioningTransition.objects.filter(positioning=unlogged).delete()
    Positioning.objects.update(first_proposed_at=None)

    migration.fill_first_proposal(apps, None)

    logged.refresh_from_db()
    unlogged.refresh_from_db()
    assert logged.first_proposed_at == first
    assert unlogged.first_proposed_at == unlogged.proposed_at
