"""The home page as a work queue: each app says what waits for the principal, as typed sections (never HTML).

An app registers a function ``(scope, today) -> HomeSection | None`` on ``HOME_SECTIONS`` from its ``menu.py``;
the home page shows the sections in their order, the urgent items first. A section answers None when nothing in
it concerns the principal, so each persona sees only their own work. Each function runs a constant number of
queries (counts and a few capped lists), whatever the size of the data.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from relais.core.providers import ExtensionPoint


@dataclass(frozen=True)
class WorkItem:
    """One line of a section: "3 positionnements à transmettre", with where to do it."""

    label: str
    url: str
    count: int | None = None
    urgent: bool = False
    detail: str = ""


@dataclass(frozen=True)
class HomeSection:
    title: str
    order: int
    items: tuple[WorkItem, ...] = ()
    # Where the whole of it is (the list page), and what to say when nothing waits.
    url: str = ""
    link_label: str = ""
    empty: str = ""
    key: str = field(default="", compare=False)

    @property
    def waiting(self) -> int:
        return sum(item.count or 0 for item in self.items if item.urgent)


HOME_SECTIONS = ExtensionPoint("core.home_sections", returns=HomeSection)


def home_sections(scope, today: datetime.date) -> list[HomeSection]:
    sections = HOME_SECTIONS.collect(scope, today)
    return sorted(sections, key=lambda section: section.order)
