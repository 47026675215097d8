"""Extension points of the conventions' pages and calendars, filled by later apps (events) from their
providers.py; see relais/core/providers.py. Data only, never HTML."""

import datetime
from dataclasses import dataclass, field

from relais.core.providers import ExtensionPoint


@dataclass(frozen=True)
class SectionRow:
    label: str
    url: str
    when: datetime.datetime | datetime.date | None = None
    detail: str = ""
    status: str = ""


@dataclass(frozen=True)
class DetailSection:
    """A section of the convention page: a title, its rows, what to say when there are none."""

    title: str
    rows: tuple[SectionRow, ...] = ()
    empty: str = ""
    more_url: str = ""
    more_label: str = ""


@dataclass(frozen=True)
class CalendarEntry:
    """A timed entry of a calendar feed (iCalendar VEVENT); never a young person's name in any field."""

    uid: str
    summary: str
    start: datetime.datetime
    end: datetime.datetime
    sequence: int = 0
    cancelled: bool = False
    url: str = ""
    description: str = ""
    location: str = ""
    categories: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class CalendarEntries:
    entries: tuple[CalendarEntry, ...] = ()


# (convention, scope) -> DetailSection | None: sections shown on the convention's page.
DETAIL_SECTIONS = ExtensionPoint("conventions.detail_sections", returns=DetailSection)
# (scope) -> CalendarEntries | None: the user's entries added to their private calendar feed.
FEED_ENTRIES = ExtensionPoint("conventions.feed_entries", returns=CalendarEntries)
# (convention) -> str | None: why the convention cannot be renewed now (French), from the apps a renewal rests
# on (the annual review: once it exists, only its decision renews).
RENEWAL_CHECKS = ExtensionPoint("conventions.renewal_checks", returns=str)


def detail_sections(convention, scope) -> list[DetailSection]:
    return DETAIL_SECTIONS.collect(convention, scope)


def feed_entries(scope) -> list[CalendarEntry]:
    return [entry for found in FEED_ENTRIES.collect(scope) for entry in found.entries]


def renewal_refusal(convention) -> str | None:
    """The first reason an app gives against renewing the convention now, or None."""
    return next(iter(RENEWAL_CHECKS.collect(convention)), None)
