"""Who runs an event and who registers whom (reach comes from the acting Scope, see relais.core.scope).

Decisions: every active member of an organising or co-organising organisation (observers excepted) runs its
events, as do platform staff; a speaker organisation does not. Staff of a Mission Locale register their own
Mission Locale's young people to an event open to young people that invites their Mission Locale (or that it
organises). Any member of the network registers themself to a published event they can see whose audience
includes professionals.
"""

from django.db.models import QuerySet
from django.utils import timezone

from relais.core.scope import Scope
from relais.events.enums import MANAGING_ROLES, OPEN_STATUSES
from relais.organizations.enums import Role
from relais.organizations.models import Organization


def acting_organization_ids(scope: Scope) -> frozenset[int]:
    """Organisations the principal acts for in events: every membership but observer ones."""
    if scope.aggregates_only:
        return frozenset()
    return frozenset(f.organization_id for f in scope.memberships if f.role != Role.OBSERVER)


def organizing_organizations(scope: Scope) -> QuerySet[Organization]:
    """Organisations the principal may create an event for."""
    if scope.is_platform_staff:
        return Organization.objects.filter(is_active=True).order_by("name")
    return Organization.objects.filter(pk__in=acting_organization_ids(scope), is_active=True).order_by("name")


def managing_ids(event) -> set[int]:
    """The organising and co-organising organisations (read from the prefetched organisers when present)."""
    return {o.organization_id for o in event.organizers.all() if o.role in MANAGING_ROLES}


def can_manage(scope: Scope, event) -> bool:
    if scope.is_platform:
        return True
    return bool(managing_ids(event) & acting_organization_ids(scope))


def invited_ids(event) -> set[int]:
    return {ml.pk for ml in event.invited_mission_locales.all()}


def youth_registering_ml_ids(scope: Scope, event) -> set[int]:
    """The principal's Missions Locales whose young people they may register to this event."""
    if event.status not in OPEN_STATUSES or not event.takes_youths or has_ended(event):
        return set()
    return set(scope.mission_locale_ids) & (invited_ids(event) | managing_ids(event))


def can_register_youths(scope: Scope, event) -> bool:
    return bool(youth_registering_ml_ids(scope, event))


def has_ended(event) -> bool:
    return event.ends_at is not None and event.ends_at <= timezone.now()


def can_register_self(scope: Scope, event) -> bool:
    return (
        scope.person_id is not None
        and not scope.aggregates_only
        and event.status in OPEN_STATUSES
        and event.takes_staff
        and not has_ended(event)
    )
