"""Who acts on mentors and mentorships: the supervising structure's staff and the Mission Locale's staff.

Reach comes from the acting Scope (relais.core.scope); this module only combines it with the object at hand.
"""

from relais.core.scope import Scope
from relais.core.workflows import SYSTEM
from relais.mentoring.models import MISSION_LOCALE, SUPERVISOR, Mentor, Mentorship
from relais.organizations.enums import Role


def supervisor_ids(scope: Scope) -> frozenset[int]:
    """Structures whose mentors the principal manages: every role of theirs there but observer."""
    if scope.aggregates_only:
        return frozenset()
    return frozenset(fact.organization_id for fact in scope.memberships if fact.role != Role.OBSERVER)


def can_manage_mentors(scope: Scope) -> bool:
    return bool(supervisor_ids(scope))


def can_read_mentors(scope: Scope) -> bool:
    """Mission Locale staff (they choose mentors), the structures that supervise some, platform staff."""
    return scope.is_platform or bool(scope.mission_locale_ids) or can_manage_mentors(scope)


def can_edit_mentor(scope: Scope, mentor: Mentor) -> bool:
    return mentor.supervisor_id in supervisor_ids(scope)


def can_create_mentorships(scope: Scope) -> bool:
    return bool(scope.mission_locale_ids)


def actor_roles(scope: Scope, mentorship: Mentorship) -> set[str]:
    """The roles the principal holds on this mentorship (both for an ML supervising its own mentors)."""
    if scope.is_system:
        return {SYSTEM}
    roles = set()
    if mentorship.mission_locale_id in scope.mission_locale_ids:
        roles.add(MISSION_LOCALE)
    if mentorship.mentor.supervisor_id in supervisor_ids(scope):
        roles.add(SUPERVISOR)
    return roles


def can_read_mentorships(scope: Scope) -> bool:
    """The Mission Locales' staff and the structures supervising mentors."""
    return bool(scope.mission_locale_ids or supervisor_ids(scope))
