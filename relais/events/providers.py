"""What the events give other apps: the convention page's section, the private calendar feed's entries, the
young people's last activity (retention)."""

from django.db.models import Count, Max, Q, Sum
from django.urls import reverse
from django.utils import timezone

from relais.conventions.enums import IndicatorCode
from relais.conventions.hooks import DETAIL_SECTIONS, FEED_ENTRIES, CalendarEntries, DetailSection, SectionRow
from relais.conventions.parents import with_declinations
from relais.core.providers import BreakdownRow, IndicatorValue, indicator, shared
from relais.core.words import plural
from relais.events.enums import ACTIVE, SEATED, EventKind, EventStatus, ParticipantKind, RegistrationStatus
from relais.events.ical import entries_of
from relais.events.models import Event, Registration, RegistrationTransition
from relais.events.selectors import LIST_PREFETCH, events_of_convention, events_visible_to
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
    from django.db.models import Q

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
YOUTH_SESSIONS = (
    EventKind.TRADES_YOUTHS,
    EventKind.INFO_SESSION,
    EventKind.CEJ_GROUP,
    EventKind.VISIT_YOUTHS,
)


def _activity(convention, period) -> dict:
    """Per kind of event held under the convention or its declinations (first slot within the period): how many,
    their anonymous headcount, and who attended. Two queries shared by every figure of one evaluation."""

    def compute():
        held = Event.objects.filter(
            convention_id__in=with_declinations(convention), status=EventStatus.HELD
        ).filter(period.q("starts_at"))
        kinds = {
            kind: {"events": n, "headcount": headcount or 0, "staff": 0, "youths": 0}
            for kind, n, headcount in held.order_by()
            .values_list("kind")
            .annotate(n=Count("pk"), headcount=Sum("headcount"))
        }
        # One row per person and event; a young person's row stays (youth emptied) once the record is anonymised.
        for kind, staff, youths in (
            Registration.objects.filter(event__in=held, status=RegistrationStatus.ATTENDED)
            .order_by()
            .values_list("event__kind")
            .annotate(
                staff=Count("pk", filter=Q(kind=ParticipantKind.STAFF)),
                youths=Count("pk", filter=Q(kind=ParticipantKind.YOUTH)),
            )
        ):
            kinds[kind].update(staff=staff, youths=youths)
        return kinds

    return shared(("events.activity", convention.pk, period), compute)


def _total(kinds: dict, selected, key: str) -> int:
    return sum(values[key] for kind, values in kinds.items() if kind in selected)


@indicator(IndicatorCode.INFO_SESSIONS_COUNSELLORS, section=ACTIVITY, order=60)
def info_sessions_counsellors(convention, period, scope) -> IndicatorValue:
    kinds, selected = _activity(convention, period), {EventKind.TRADES_STAFF}
    return IndicatorValue(
        code=IndicatorCode.INFO_SESSIONS_COUNSELLORS.value,
        label="Collectives métiers tenues pour les conseillers",
        value=_total(kinds, selected, "events"),
        unit="séance",
        counts_people=False,
        breakdown=(BreakdownRow("attended", "Professionnels présents", _total(kinds, selected, "staff")),),
    )


@indicator(IndicatorCode.INFO_SESSIONS_YOUTHS, section=ACTIVITY, order=61)
def info_sessions_youths(convention, period, scope) -> IndicatorValue:
    kinds = _activity(convention, period)
    return IndicatorValue(
        code=IndicatorCode.INFO_SESSIONS_YOUTHS.value,
        label="Collectives métiers et informations collectives tenues pour les jeunes",
        value=_total(kinds, YOUTH_SESSIONS, "events"),
        unit="séance",
        counts_people=False,
        breakdown=(
            *(
                BreakdownRow(kind, EventKind(kind).label, _total(kinds, {kind}, "events"))
                for kind in YOUTH_SESSIONS
            ),
            BreakdownRow(
                "youths_attended",
                "Présences de jeunes inscrits par leur Mission Locale",
                _total(kinds, YOUTH_SESSIONS, "youths"),
            ),
            BreakdownRow(
                "headcount", "Fréquentation sans inscription", _total(kinds, YOUTH_SESSIONS, "headcount")
            ),
        ),
    )


@indicator(IndicatorCode.INTERVENTIONS_AND_MEETINGS, section=ACTIVITY, order=62)
def interventions_and_meetings(convention, period, scope) -> IndicatorValue:
    kinds = _activity(convention, period)
    return IndicatorValue(
        code=IndicatorCode.INTERVENTIONS_AND_MEETINGS.value,
        label="Interventions et rencontres emploi tenues",
        value=_total(kinds, set(kinds), "events"),
        unit="événement",
        counts_people=False,
        breakdown=tuple(
            BreakdownRow(kind, label, kinds[kind]["events"])
            for kind, label in EventKind.choices
            if kind in kinds
        ),
    )
