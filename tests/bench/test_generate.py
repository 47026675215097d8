"""The data generator: tiny sizes, deterministic, consistent with the domain rules."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone

from relais.bench.generate import generate
from relais.core.scope import Scope
from relais.opportunities.models import Delivery, Opportunity
from relais.opportunities.selectors import received_opportunities
from relais.opportunities.services import validate_opportunity
from relais.youths.models import MAX_AGE, MIN_AGE, Youth

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 2)
NOW = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def signature():
    youths = list(
        Youth.objects.order_by("imilo_id").values_list(
            "imilo_id", "first_name", "last_name", "birth_date", "commune__code", "rqth", "consent_scope"
        )
    )
    wishes = sorted(Youth.sought_titles.through.objects.values_list("youth__imilo_id", "rometitle__ogr_code"))
    opportunities = list(
        Opportunity.objects.order_by("published_at", "start_date", "kind", "commune__code").values_list(
            "kind",
            "rome_title__ogr_code",
            "commune__code",
            "positions",
            "start_date",
            "publisher__slug",
            "priority_publics",
        )
    )
    deliveries = sorted(
        Delivery.objects.values_list("mission_locale__slug", "opportunity__start_date", "first_read_at")
    )
    return youths, wishes, opportunities, deliveries


def generated(seed):
    with transaction.atomic():
        data = generate(youths=30, opportunities=12, seed=seed, partners=3, today=TODAY, now=NOW)
        result = signature(), data
        transaction.set_rollback(True)
    return result


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data():
    first, _ = generated(7)
    again, _ = generated(7)
    other, _ = generated(8)
    assert first == again
    assert first != other
    assert len(first[0]) == 30 and len(first[2]) == 12


def test_generated_rows_follow_the_domain_rules():
    data = generate(youths=25, opportunities=10, seed=1, partners=2, today=TODAY, now=NOW)
    assert data.referentials_created  # the test database has no referential: a minimal one was made
    youths = Youth.objects.filter(mission_locale=data.mission_locale)
    assert youths.count() == 25
    assert all(MIN_AGE <= youth.age_on(TODAY) <= MAX_AGE for youth in youths)
    assert all(youth.sought_titles.exists() for youth in youths)
    for opportunity in Opportunity.objects.filter(pk__in=data.opportunity_ids):
        validate_opportunity(opportunity, publishing=True, today=TODAY)
        assert opportunity.commune.department.region == data.region
    # Every opportunity reached the Mission Locale, and its CRE sees them on the page's selector.
    assert received_opportunities(Scope.for_user(data.cre), today=TODAY).count() == 10
    assert Delivery.objects.filter(mission_locale=data.mission_locale).count() == 10
    assert timezone.is_aware(Delivery.objects.first().delivered_at)
