"""The convention's figures the events give: collectives métiers, information sessions, interventions held."""

import pytest

from relais.conventions.enums import IndicatorCode
from relais.core.providers import Period, compute_indicator
from relais.core.scope import Scope
from relais.events.enums import EventKind, EventStatus, RegistrationStatus
from relais.events.models import Event, Registration
from tests.conventions.factories import ConventionFactory
from tests.events.factories import make_event
from tests.positionings.factories import consenting_youth

pytestmark = pytest.mark.django_db


def held(organizer, convention, kind, headcount=None):
    event = make_event(organizer, days=-3, kind=kind, convention=convention, status=EventStatus.HELD)
    if headcount is not None:
        Event.objects.filter(pk=event.pk).update(headcount=headcount)
    return event


def figure(code, convention, personas):
    return compute_indicator(
        code, convention=convention, period=Period(), scope=Scope.for_user(personas.arml_coordinator)
    )


def test_held_events_of_the_convention_and_its_declinations_are_counted(personas):
    n = personas.network
    charter = ConventionFactory(region=n.aura, parties=[n.cr_geiq, n.arml])
    local = ConventionFactory(kind="local_application", parent=charter, parties=[n.geiq, n.ml_a])
    counsellors = held(n.arml, charter, EventKind.TRADES_STAFF)
    Registration.objects.create(
        event=counsellors, kind="staff", person=personas.cre_a.person, status=RegistrationStatus.ATTENDED
    )
    Registration.objects.create(
        event=counsellors,
        kind="staff",
        person=personas.counsellor_a.person,
        status=RegistrationStatus.NO_SHOW,
    )
    youths = held(n.geiq, local, EventKind.TRADES_YOUTHS, headcount=12)
    youth = consenting_youth(n.ml_a, commune=n.lyon)
    Registration.objects.create(
        event=youths, kind="youth", youth=youth, organization=n.ml_a, status=RegistrationStatus.ATTENDED
    )
    held(n.geiq, local, EventKind.FORUM)
    make_event(n.geiq, days=10, kind=EventKind.TRADES_STAFF, convention=charter)  # planned: not counted
    outside = ConventionFactory(region=n.aura, parties=[n.cr_geiq])
    held(n.geiq, outside, EventKind.TRADES_STAFF)

    staff = figure(IndicatorCode.INFO_SESSIONS_COUNSELLORS, charter, personas)
    assert (staff.value, [r.value for r in staff.breakdown]) == (1, [1])
    young = figure(IndicatorCode.INFO_SESSIONS_YOUTHS, charter, personas)
    rows = {r.code: r.value for r in young.breakdown}
    assert young.value == 1 and rows["trades_youths"] == 1 and rows["youths_attended"] == 1
    assert rows["headcount"] == 12
    everything = figure(IndicatorCode.INTERVENTIONS_AND_MEETINGS, charter, personas)
    assert everything.value == 3 and not everything.counts_people

    youth.delete()  # an anonymised record keeps its presence counted
    assert {r.code: r.value for r in figure(IndicatorCode.INFO_SESSIONS_YOUTHS, charter, personas).breakdown}[
        "youths_attended"
    ] == 1


def test_the_event_figures_break_down_by_structure_place_kind_audience_and_priority_public(personas):
    from relais.core.providers import Dimension as D
    from relais.core.providers import compute_indicators

    n = personas.network
    charter = ConventionFactory(region=n.aura, parties=[n.cr_geiq, n.arml])
    local = ConventionFactory(kind="local_application", parent=charter, parties=[n.geiq, n.ml_a])
    held(n.geiq, charter, EventKind.WEBINAR)
    held(n.arml, local, EventKind.VISIT_STAFF)
    visit = held(n.geiq_2, local, EventKind.VISIT_YOUTHS)
    staff = held(n.ml_b, charter, EventKind.TRADES_STAFF)
    Registration.objects.create(
        event=staff,
        kind="staff",
        person=personas.counsellor_b.person,
        organization=n.ml_b,
        status=RegistrationStatus.ATTENDED,
    )
    flagged = consenting_youth(n.ml_a, commune=n.lyon, qpv_resident=True)
    plain = consenting_youth(n.ml_b, commune=n.grenoble)
    for youth in (flagged, plain):
        Registration.objects.create(
            event=visit,
            kind="youth",
            youth=youth,
            organization=youth.mission_locale,
            status=RegistrationStatus.ATTENDED,
        )
    figures = {
        v.code: v
        for v in compute_indicators(
            convention=charter, period=Period(), scope=Scope.for_user(personas.arml_coordinator)
        )
    }

    def rows(code, dimension):
        return {row.code: row.value for row in figures[code].breakdown_by(dimension).rows}

    assert figures["webinars_held"].value == 1
    assert rows("webinars_held", D.PARTNER) == {str(n.geiq.pk): 1}
    assert rows("webinars_held", D.DEPARTMENT) == {"69": 1}
    visits = figures["company_visits_held"]
    assert visits.value == 2 and rows("company_visits_held", D.KIND) == {"visit_staff": 1, "visit_youths": 1}
    assert rows("company_visits_held", D.PARTNER) == {str(n.geiq_2.pk): 1}  # AMILAURA is no partner
    assert sum(rows("interventions_and_meetings", D.AUDIENCE).values()) == 4
    present = figures["youths_attending_sessions"]
    assert (present.value, present.counts_people) == (2, True)
    assert rows("youths_attending_sessions", D.MISSION_LOCALE) == {str(n.ml_a.pk): 1, str(n.ml_b.pk): 1}
    assert rows("youths_attending_sessions", D.DEPARTMENT) == {"69": 1, "38": 1}
    priority = rows("youths_attending_sessions", D.PRIORITY_PUBLIC)
    assert (priority["qpv_resident"], priority["qpv_resident_share"], priority["rqth"]) == (1, 50.0, 0)
    counsellors = figures["counsellors_attending_sessions"]
    assert counsellors.value == 1 and rows("counsellors_attending_sessions", D.MISSION_LOCALE) == {
        str(n.ml_b.pk): 1
    }
    assert rows("info_sessions_counsellors", D.MISSION_LOCALE) == {str(n.ml_b.pk): 1}  # the organising ML
