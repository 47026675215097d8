"""The delays computed in the database give the figures of the statistics module over the whole list."""

import datetime
import statistics

import pytest
from django.utils import timezone

from relais.positionings.enums import PositioningStatus as S
from relais.positionings.models import Positioning
from relais.positionings.selectors import positioning_delays
from tests.positionings.factories import consenting_youth, published_opportunity

pytestmark = pytest.mark.django_db
DAY0 = datetime.datetime(2026, 1, 5, 8, 30, tzinfo=datetime.UTC)


def _expected(values):
    p80 = statistics.quantiles(values, n=5, method="inclusive")[3] if len(values) > 1 else values[0]
    return (
        len(values),
        round(statistics.median(values), 1),
        round(statistics.fmean(values), 1),
        round(p80, 1),
    )


@pytest.mark.parametrize("count", [1, 2, 7, 12])
def test_median_mean_and_80th_percentile_match_the_statistics_module(personas, rome, count):
    n = personas.network
    opportunity = published_opportunity(n, rome_title=rome.mason)
    to_transmission, to_answer, to_entry = [], [], []
    rows = []
    for index in range(count):
        youth = consenting_youth(n.ml_a, commune=n.lyon)
        hours = 7 + index * index * 5  # uneven gaps: the interpolation matters
        transmitted = DAY0 + datetime.timedelta(hours=hours)
        answered = transmitted + datetime.timedelta(days=index % 4, hours=index)
        start = answered.date() + datetime.timedelta(days=3 * index)
        rows.append(
            Positioning(
                youth=youth,
                opportunity=opportunity,
                status=S.HIRED,
                proposed_at=DAY0 + datetime.timedelta(days=1),  # a later re-proposal: not the first one
                first_proposed_at=DAY0,
                transmitted_at=transmitted,
                answered_at=answered,
                closed_at=answered,
                start_date=start,
                mission_locale=n.ml_a,
                youth_ref=youth.pk,
                youth_birth_year=youth.birth_date.year,
            )
        )
        to_transmission.append((transmitted - DAY0).total_seconds() / 86400)
        to_answer.append((answered - transmitted).total_seconds() / 86400)
        to_entry.append(float((start - timezone.localdate(DAY0)).days))
    Positioning.objects.bulk_create(rows)

    delays = positioning_delays(Positioning.objects.filter(opportunity=opportunity))

    def figures(stats):
        return (stats.count, stats.median_days, stats.mean_days, stats.p80_days)

    assert figures(delays.proposal_to_transmission) == _expected(to_transmission)
    assert figures(delays.transmission_to_answer) == _expected(to_answer)
    assert figures(delays.proposal_to_entry) == _expected(to_entry)
