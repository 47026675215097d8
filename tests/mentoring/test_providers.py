"""The mentoring figures of the registry: mentorships started, ongoing and broken before six months, on
hand-built mentorships of a charter and of a local convention below it."""

import datetime

import pytest

from relais.core.providers import Dimension as D
from relais.core.providers import Period, compute_indicators
from relais.core.scope import Scope
from relais.mentoring.enums import EndReason, MentorshipKind, MentorshipStatus
from relais.mentoring.models import Mentorship
from tests.conventions.factories import ConventionFactory

pytestmark = pytest.mark.django_db
MARCH = Period(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))


def day(month: int, d: int) -> datetime.date:
    return datetime.date(2026, month, d)


def mentorship(
    mentor, convention, ml, started, *, ended=None, broken=False, kind=MentorshipKind.INDIVIDUAL, **extra
):
    return Mentorship.objects.create(
        mentor=mentor,
        kind=kind,
        convention=convention,
        mission_locale=ml,
        started_on=started,
        planned_end_on=started + datetime.timedelta(days=180),
        ended_on=ended,
        status=extra.pop("status", MentorshipStatus.ENDED if ended else MentorshipStatus.ONGOING),
        end_reason=extra.pop("end_reason", EndReason.EARLY_BREAK if broken else ""),
        broken_early=broken,
        group_size=8 if kind == MentorshipKind.GROUP else None,
        **extra,
    )


def test_mentorships_started_ongoing_and_broken_early_count_the_period_and_its_declinations(
    personas, charter, mentor
):
    n = personas.network
    local = ConventionFactory(kind="local_application", parent=charter, parties=[n.ml_a, n.geiq])
    elsewhere = ConventionFactory(parties=[n.arml])
    mentorship(mentor, charter, n.ml_a, day(3, 2), youth_qpv_resident=True)
    mentorship(mentor, charter, n.ml_b, day(2, 1), kind=MentorshipKind.GROUP)
    mentorship(mentor, local, n.ml_a, day(1, 10), ended=day(3, 15), broken=True, youth_rqth=True)
    mentorship(mentor, local, n.ml_a, day(3, 5), ended=day(3, 20), end_reason=EndReason.OBJECTIVE_REACHED)
    mentorship(mentor, charter, n.ml_a, day(3, 3), status=MentorshipStatus.CANCELLED)  # a wrong entry
    mentorship(mentor, elsewhere, n.ml_a, day(3, 3))
    figures = {v.code: v for v in compute_indicators(convention=charter, period=MARCH, scope=Scope.system())}

    def rows(code, dimension):
        return {row.code: row.value for row in figures[code].breakdown_by(dimension).rows}

    started = figures["mentorships_started"]
    assert (started.value, started.counts_people) == (2, True)
    assert rows("mentorships_started", D.MISSION_LOCALE) == {str(n.ml_a.pk): 2}
    assert rows("mentorships_started", D.PRIORITY_PUBLIC)["qpv_resident_share"] == 50.0
    ongoing = figures["mentorships_ongoing"]  # on 31 March
    assert ongoing.value == 2
    assert rows("mentorships_ongoing", D.KIND) == {"individual": 1, "group": 1}
    assert rows("mentorships_ongoing", D.DEPARTMENT) == {"69": 1, "38": 1}
    broken = figures["mentorships_broken_early"]
    assert broken.value == 1 and rows("mentorships_broken_early", D.PRIORITY_PUBLIC)["rqth_share"] == 100.0
    local_only = {
        v.code: v.value for v in compute_indicators(convention=local, period=MARCH, scope=Scope.system())
    }
    assert (local_only["mentorships_started"], local_only["mentorships_broken_early"]) == (1, 1)
