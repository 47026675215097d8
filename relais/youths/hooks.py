"""Extension points of the young people's records, filled by later apps from their providers.py (positionings,
later events and mentorships); see relais/core/providers.py."""

from dataclasses import dataclass

from relais.core.providers import Action, ExtensionPoint


@dataclass(frozen=True)
class YouthPanelRow:
    """One line of a panel: what it is (a French label), a detail under it, the page it leads to."""

    label: str
    detail: str = ""
    url: str = ""


@dataclass(frozen=True)
class YouthPanel:
    """A section another app adds to a young person's page (their mentorships...), as data, never HTML."""

    title: str
    rows: tuple[YouthPanelRow, ...] = ()
    empty: str = ""
    action: Action | None = None


# (youth_ids: list[int]) -> dict[int, datetime]: the last activity each later app knows of these records (a
# positioning proposed, transmitted or closed...). The retention job takes the latest of them and of the record's
# own dates. Events and mentorships register here when they exist.
LAST_ACTIVITY = ExtensionPoint("youths.last_activity", returns=dict)
# (youth) -> None, run inside the transaction just before a record is anonymised: what later apps keep of the
# young person loses its free text (a positioning's motivation...), keeping its countable facts.
ON_ANONYMISE = ExtensionPoint("youths.on_anonymise")

# (youth, scope) -> YouthPanel | None: what later apps show on the young person's page (mentorships...), for a
# reader who already reads the record (the page's own access-log row covers them).
DETAIL_PANELS = ExtensionPoint("youths.detail_panels", returns=YouthPanel)


def detail_panels(youth, scope) -> list[YouthPanel]:
    return DETAIL_PANELS.collect(youth, scope)


def last_activity_elsewhere(youth_ids: list[int]) -> dict:
    """The latest activity of each record among every registered app (absent: none known)."""
    latest: dict = {}
    for found in LAST_ACTIVITY.collect(list(youth_ids)):
        for pk, moment in found.items():
            if moment is not None and (pk not in latest or moment > latest[pk]):
                latest[pk] = moment
    return latest


def youth_anonymised(youth) -> None:
    ON_ANONYMISE.run(youth)
