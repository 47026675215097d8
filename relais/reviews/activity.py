"""Where the records behind a figure are listed, for the people entitled to read that list: each app's figures
lead to its own list, filtered on the convention when the list can be."""

from urllib.parse import urlencode

from django.urls import reverse

from relais.core.providers import INDICATORS
from relais.mentoring.perms import can_read_mentorships
from relais.positionings.perms import is_partner_user
from relais.youths.selectors import has_youth_access


def _url(name: str, **query) -> str:
    return reverse(name) + (f"?{urlencode(query)}" if query else "")


def _events(convention, scope) -> str:
    return _url("events:calendar", vue="liste", convention=convention.pk)


def _opportunities(convention, scope) -> str:
    return _url("opportunities:list")


def _positionings(convention, scope) -> str:
    # Young people's candidacies: the Missions Locales' staff and the partners who receive them, nobody else.
    if has_youth_access(scope):
        return _url("positionings:mine", tous="1")
    if is_partner_user(scope):
        return _url("positionings:received")
    return ""


def _mentorships(convention, scope) -> str:
    if not can_read_mentorships(scope):
        return ""
    return _url("mentoring:mentorship_list", convention=convention.pk)


def _conventions(convention, scope) -> str:
    return reverse("conventions:detail", args=[convention.pk])


LISTS = {
    "relais.events": _events,
    "relais.opportunities": _opportunities,
    "relais.positionings": _positionings,
    "relais.mentoring": _mentorships,
    "relais.conventions": _conventions,
}


def activity_url(code: str, convention, scope) -> str:
    """The list behind indicator `code`; empty for observers (aggregates only) and for those it would refuse."""
    provider = INDICATORS.get(code)
    if provider is None or scope.aggregates_only or not scope.is_authenticated or scope.is_system:
        return ""
    app = ".".join(provider.compute.__module__.split(".")[:2])
    found = LISTS.get(app)
    return found(convention, scope) if found is not None else ""
