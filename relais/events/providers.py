"""What the events give other apps: the convention page's section, the private calendar feed's entries, the
young people's last activity (retention)."""

from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone

from relais.conventions.enums import IndicatorCode
from relais.conventions.figures import (
    choice_breakdown,
    mission_locale_breakdowns,
    organization_breakdown,
    priority_breakdown,
)
from relais.conventions.hooks import DETAIL_SECTIONS, FEED_ENTRIES, CalendarEntries, DetailSection, SectionRow
from relais.core.providers import (
    BreakdownRow,
    Dimension,
    IndicatorValue,
    detailed,
    indicator,
)
from relais.core.words import plural
from relais.events import indicator_queries as q
from relais.events.enums import (
    ACTIVE,
    SEATED,
    EventKind,
    EventStatus,
    ParticipantKind,
)
from relais.events.ical import entries_of
from relais.events.models import Event, Registration, RegistrationTransition
from relais.events.selectors import LIST_PREFETCH, events_of_convention, events_visible_to
from relais.organizations.enums import PARTNER_KINDS, OrganizationKind
from relais.youths.hooks import LAST_ACTIVITY

SECTION_ROWS = 20


@DETAIL_SECTIONS.register
def convention_events(convention, scope) -> DetailSection:
    events = list(events_of_convention(scope, convention)[: SECTION_ROWS + 1])
    rows = tuple(
        SectionRow(
            label=event.title,
            url=reverse("events:detail", args=[event.pk]),
            when=timezone.localtime(event.starts_at) if event.starts_at else None,
            detail=event.get_kind_display()
            + (f" — {event.convention.title}" if event.convention_id != convention.pk else "")
            + f" — {plural(event.seated_count, 'inscrit', 'inscrits')}",
            status=event.get_status_display(),
        )
        for event in events[:SECTION_ROWS]
    )
    more = len(events) > SECTION_ROWS
    return DetailSection(
        title="Événements",
        rows=rows,
        empty="Aucun événement rattaché à cette convention ni à ses conventions d'application.",
        more_url=reverse("events:calendar") + f"?vue=liste&convention={convention.pk}" if more else "",
        more_label="Tous les événements de la convention" if more else "",
    )


@FEED_ENTRIES.register
def my_calendar(scope) -> CalendarEntries:
    """Events the user is registered to or that their organisations run (cancelled ones say so)."""
    if scope.person_id is None:
        return CalendarEntries()

    mine = Q(registrations__person_id=scope.person_id, registrations__status__in=[*ACTIVE, *SEATED]) | Q(
        organizers__organization_id__in=scope.organization_ids,
        organizers__role__in=["organiser", "co_organiser"],
    )
    ids = events_visible_to(scope).exclude(status=EventStatus.DRAFT).filter(mine).values("pk")
    events = (
        Event.objects.filter(pk__in=ids).select_related("commune").prefetch_related(*LIST_PREFETCH)[:1000]
    )
    return CalendarEntries(tuple(entry for event in events for entry in entries_of(event)))


@LAST_ACTIVITY.register
def youths_last_registration(youth_ids) -> dict:
    """A registration (or any later move of it) counts as activity for the young person."""
    latest = dict(
        Registration.objects.filter(youth_id__in=youth_ids)
        .values("youth_id")
        .annotate(at=Max("registered_at"))
        .values_list("youth_id", "at")
    )
    moved = (
        RegistrationTransition.objects.filter(registration__youth_id__in=youth_ids)
        .values("registration__youth_id")
        .annotate(at=Max("at"))
        .values_list("registration__youth_id", "at")
    )
    for pk, at in moved:
        if pk not in latest or at > latest[pk]:
            latest[pk] = at
    return latest


# ---- figures of the convention page and the review (keyed by indicator code) ---------------------------------

ACTIVITY = "Activité conjointe"
D = Dimension
YOUTH_SESSIONS = (
    EventKind.TRADES_YOUTHS,
    EventKind.INFO_SESSION,
    EventKind.CEJ_GROUP,
    EventKind.VISIT_YOUTHS,
)
VISITS = (EventKind.VISIT_STAFF, EventKind.VISIT_YOUTHS)
# Breakdowns of a count of events: the organising structures (Missions Locales, partners; an event run by two
# counts for each, so those rows may add up to more), the place (department and region of its commune, "non
# renseigné" online), the kind and the audience (these rows add up to the figure).
EVENT_DIMENSIONS = (D.MISSION_LOCALE, D.PARTNER, D.DEPARTMENT, D.REGION, D.KIND, D.AUDIENCE)
ADDITIVE = (D.DEPARTMENT, D.REGION, D.KIND, D.AUDIENCE)


def _events_indicator(code, order: int, label: str, unit: str = "séance"):
    return indicator(
        code,
        section=ACTIVITY,
        order=order,
        label=label,
        unit=unit,
        counts_people=False,
        dimensions=EVENT_DIMENSIONS,
        additive=ADDITIVE,
    )


def _events_value(code, convention, period, selected, label: str, unit: str, breakdown=()) -> IndicatorValue:
    activity = q.activity_of(convention, period)
    return IndicatorValue(
        code=str(code),
        label=label,
        value=q.total(activity["kinds"], selected, "events"),
        unit=unit,
        counts_people=False,
        breakdown=tuple(breakdown),
        breakdowns=detailed(lambda: q.event_breakdowns(activity, selected, unit)),
    )


@_events_indicator(
    IndicatorCode.INFO_SESSIONS_COUNSELLORS, 60, "Collectives métiers tenues pour les conseillers"
)
def info_sessions_counsellors(convention, period, scope) -> IndicatorValue:
    kinds, selected = q.activity_of(convention, period)["kinds"], {EventKind.TRADES_STAFF}
    return _events_value(
        IndicatorCode.INFO_SESSIONS_COUNSELLORS,
        convention,
        period,
        selected,
        "Collectives métiers tenues pour les conseillers",
        "séance",
        breakdown=(BreakdownRow("attended", "Professionnels présents", q.total(kinds, selected, "staff")),),
    )


@indicator(
    IndicatorCode.COUNSELLORS_ATTENDING_SESSIONS,
    section=ACTIVITY,
    order=61,
    label="Professionnels présents aux collectives métiers pour les conseillers",
    unit="présence",
    counts_people=False,
    dimensions=(D.MISSION_LOCALE, D.DEPARTMENT, D.REGION, D.PARTNER),
    additive=(),  # a professional comes from a Mission Locale or from a partner: each side is a part
)
def counsellors_attending_sessions(convention, period, scope) -> IndicatorValue:
    activity = q.activity_of(convention, period)
    by_ml, by_partner = {}, {}
    for kind, participant, org, org_kind, n in activity["attendance"]:
        if kind != EventKind.TRADES_STAFF or participant != ParticipantKind.STAFF:
            continue
        if org_kind in PARTNER_KINDS:
            q.add(by_partner, org, n)
        else:  # Missions Locales; other professionals (none recorded) count under "non renseigné"
            q.add(by_ml, org if org_kind == OrganizationKind.MISSION_LOCALE else None, n)
    unit = "présence"
    return IndicatorValue(
        code=IndicatorCode.COUNSELLORS_ATTENDING_SESSIONS.value,
        label="Professionnels présents aux collectives métiers pour les conseillers",
        value=q.total(activity["kinds"], {EventKind.TRADES_STAFF}, "staff"),
        unit=unit,
        counts_people=False,
        note="une présence par professionnel et par séance",
        breakdowns=detailed(
            lambda: (
                *mission_locale_breakdowns(by_ml, unit),
                organization_breakdown(D.PARTNER, by_partner, unit),
            )
        ),
    )


@_events_indicator(
    IndicatorCode.INFO_SESSIONS_YOUTHS,
    62,
    "Collectives métiers et informations collectives tenues pour les jeunes",
)
def info_sessions_youths(convention, period, scope) -> IndicatorValue:
    kinds = q.activity_of(convention, period)["kinds"]
    return _events_value(
        IndicatorCode.INFO_SESSIONS_YOUTHS,
        convention,
        period,
        YOUTH_SESSIONS,
        "Collectives métiers et informations collectives tenues pour les jeunes",
        "séance",
        breakdown=(
            *(
                BreakdownRow(kind, EventKind(kind).label, q.total(kinds, {kind}, "events"))
                for kind in YOUTH_SESSIONS
            ),
            BreakdownRow(
                "youths_attended",
                "Présences de jeunes inscrits par leur Mission Locale",
                q.total(kinds, YOUTH_SESSIONS, "youths"),
            ),
            BreakdownRow(
                "headcount", "Fréquentation sans inscription", q.total(kinds, YOUTH_SESSIONS, "headcount")
            ),
        ),
    )


@indicator(
    IndicatorCode.YOUTHS_ATTENDING_SESSIONS,
    section=ACTIVITY,
    order=63,
    label="Présences de jeunes aux collectives métiers et informations collectives",
    unit="présence",
    counts_people=True,
    dimensions=(D.MISSION_LOCALE, D.DEPARTMENT, D.REGION, D.KIND, D.PRIORITY_PUBLIC),
)
def youths_attending_sessions(convention, period, scope) -> IndicatorValue:
    """Young people registered by their Mission Locale and present (one presence per young person and session);
    the priority publics are read on the records still there (an anonymised record counts in none)."""
    activity = q.activity_of(convention, period)
    by_ml, by_kind = {}, {}
    for kind, participant, org, _org_kind, n in activity["attendance"]:
        if kind in YOUTH_SESSIONS and participant == ParticipantKind.YOUTH:
            q.add(by_ml, org, n)
            q.add(by_kind, kind, n)
    priority: dict = {}
    for kind, counts in activity["priority"].items():
        if kind in YOUTH_SESSIONS:
            for flag, n in counts.items():
                q.add(priority, flag, n)
    value, unit = q.total(activity["kinds"], YOUTH_SESSIONS, "youths"), "présence"
    return IndicatorValue(
        code=IndicatorCode.YOUTHS_ATTENDING_SESSIONS.value,
        label="Présences de jeunes aux collectives métiers et informations collectives",
        value=value,
        unit=unit,
        counts_people=True,
        note="jeunes inscrits par leur Mission Locale, une présence par séance",
        breakdowns=detailed(
            lambda: (
                *mission_locale_breakdowns(by_ml, unit),
                choice_breakdown(D.KIND, by_kind, EventKind.choices, unit),
                priority_breakdown(value, priority, unit),
            )
        ),
    )


@_events_indicator(
    IndicatorCode.INTERVENTIONS_AND_MEETINGS, 64, "Interventions et rencontres emploi tenues", "événement"
)
def interventions_and_meetings(convention, period, scope) -> IndicatorValue:
    kinds = q.activity_of(convention, period)["kinds"]
    return _events_value(
        IndicatorCode.INTERVENTIONS_AND_MEETINGS,
        convention,
        period,
        set(kinds),
        "Interventions et rencontres emploi tenues",
        "événement",
        breakdown=tuple(
            BreakdownRow(kind, label, kinds[kind]["events"])
            for kind, label in EventKind.choices
            if kind in kinds
        ),
    )


@_events_indicator(IndicatorCode.WEBINARS_HELD, 65, "Webinaires tenus", "webinaire")
def webinars_held(convention, period, scope) -> IndicatorValue:
    return _events_value(
        IndicatorCode.WEBINARS_HELD, convention, period, {EventKind.WEBINAR}, "Webinaires tenus", "webinaire"
    )


@_events_indicator(IndicatorCode.COMPANY_VISITS_HELD, 66, "Visites d'entreprise tenues", "visite")
def company_visits_held(convention, period, scope) -> IndicatorValue:
    kinds = q.activity_of(convention, period)["kinds"]
    return _events_value(
        IndicatorCode.COMPANY_VISITS_HELD,
        convention,
        period,
        VISITS,
        "Visites d'entreprise tenues",
        "visite",
        breakdown=tuple(
            BreakdownRow(kind, EventKind(kind).label, q.total(kinds, {kind}, "events")) for kind in VISITS
        ),
    )
