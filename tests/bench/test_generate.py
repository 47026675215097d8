"""The national generator at a tiny scale: deterministic, consistent with the domain rules."""

import datetime

import pytest
from django.db import connection, transaction
from django.utils import timezone

from relais.bench.generate import generate, sizes_for
from relais.conventions.enums import ConventionKind
from relais.conventions.models import Convention
from relais.core.scope import Scope
from relais.opportunities.models import Delivery, Opportunity
from relais.opportunities.selectors import received_opportunities
from relais.positionings.enums import OPEN_STATUSES
from relais.positionings.models import Positioning, PositioningTransition
from relais.youths.models import MAX_AGE, MIN_AGE, Youth

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 2)
NOW = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
TINY = 0.0002  # 220 young people, 400 positionings, 30 opportunities


def signature():
    """Counts and the rows by their natural keys, ids taken relative to the first of each table."""
    first = {
        model: model.objects.order_by("pk").values_list("pk", flat=True).first() or 0
        for model in (Youth, Opportunity, Positioning)
    }
    youths = list(
        Youth.objects.order_by("pk").values_list(
            "imilo_id", "first_name", "last_name", "birth_date", "commune__code", "rqth", "consent_scope"
        )
    )
    opportunities = list(
        Opportunity.objects.order_by("pk").values_list(
            "kind",
            "rome_title__ogr_code",
            "commune__code",
            "positions",
            "start_date",
            "publisher__slug",
            "status",
        )
    )
    positionings = [
        (youth - first[Youth], opportunity - first[Opportunity], status, proposed_at)
        for youth, opportunity, status, proposed_at in Positioning.objects.order_by("pk").values_list(
            "youth_id", "opportunity_id", "status", "proposed_at"
        )
    ]
    deliveries = sorted(
        Delivery.objects.values_list("mission_locale__imilo_code", "opportunity_id", "first_read_at")
    )
    deliveries = [(ml, opportunity - first[Opportunity], read) for ml, opportunity, read in deliveries]
    return youths, opportunities, positionings, deliveries


def generated(seed):
    with transaction.atomic():
        data = generate(scale=TINY, seed=seed, today=TODAY, now=NOW)
        result = signature(), data.counts
        transaction.set_rollback(True)
    return result


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data():
    first, counts = generated(7)
    again, counts_again = generated(7)
    other, _ = generated(8)
    assert first == again and counts == counts_again
    assert first != other
    sizes = sizes_for(TINY)
    assert counts["youths"] == sizes["youths"] == len(first[0])
    assert counts["opportunities"] == sizes["opportunities"] == len(first[1])
    assert counts["positionings"] == sizes["positionings"] == len(first[2])


def indexes_of(*models):
    with connection.cursor() as cursor:
        return {
            name
            for model in models
            for name, spec in connection.introspection.get_constraints(cursor, model._meta.db_table).items()
            if spec["index"]
        }


def test_generated_rows_follow_the_domain_rules():
    before = indexes_of(Youth, Delivery, Positioning, PositioningTransition)
    data = generate(scale=TINY, seed=1, today=TODAY, now=NOW)
    # The plain indexes dropped for the load were all built again after it.
    assert indexes_of(Youth, Delivery, Positioning, PositioningTransition) == before
    assert data.referentials_created  # the test database has no referential: a minimal one was made
    youths = Youth.objects.filter(mission_locale__region=data.region)
    assert youths.count() == data.counts["youths"]
    assert all(MIN_AGE <= youth.age_on(TODAY) <= MAX_AGE for youth in youths)
    assert not Youth.objects.filter(sought_titles__isnull=True).exists()
    # Every level of convention, the regional charter of every region with Missions Locales.
    kinds = set(Convention.objects.values_list("kind", flat=True))
    assert kinds == {k.value for k in ConventionKind}
    assert Convention.objects.filter(kind=ConventionKind.REGIONAL_CHARTER).count() == 2
    # Every opportunity reached the persona's Mission Locale or another one of the region, after publication.
    for delivery in Delivery.objects.select_related("opportunity", "mission_locale"):
        assert delivery.mission_locale.region_id == data.region.pk
        assert delivery.delivered_at >= delivery.opportunity.published_at
    assert received_opportunities(Scope.for_user(data.cre), today=TODAY).exists()
    # Each positioning is on an opportunity its Mission Locale received, with a log starting at "propose".
    received = set(Delivery.objects.values_list("opportunity_id", "mission_locale_id"))
    for positioning in Positioning.objects.all():
        assert (positioning.opportunity_id, positioning.mission_locale_id) in received
        assert (positioning.closed_at is None) == (positioning.status in OPEN_STATUSES)
    log = PositioningTransition.objects.filter(name="propose").count()
    assert log == Positioning.objects.count() == data.counts["positionings"]
    assert PositioningTransition.objects.count() == data.counts["transitions"]
    assert timezone.is_aware(Delivery.objects.first().delivered_at)
