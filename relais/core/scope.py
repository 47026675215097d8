"""Who is acting and what they reach: one frozen Scope per request, per API token or for the platform's jobs.

Every selector, permission check and service takes a Scope instead of deriving reach from a user on its own.
Its stored fields are decided when it is built; what is derived from them (the organisations below, the
Missions Locales a person works in, the partner structures they publish for...) is computed on first use,
once, and kept on the Scope, never on the user object.

Constructors, one per kind of principal:
- ``Scope.for_user(user)``: a person logged in (built lazily by ``ScopeMiddleware`` as ``request.scope``);
- ``Scope.for_organization(organization, roles=...)``: an organisation acting through a token, reaching
  exactly what a member holding those roles reaches;
- ``Scope.system()``: the platform itself (jobs, commands), reaching every record but acting for nobody;
- ``scope.aggregates()``: the same principal restricted to masked aggregates (observers, roll-ups).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from functools import cached_property

from django.db.models import Exists, OuterRef
from django.utils.functional import SimpleLazyObject

from relais.organizations.enums import PARTNER_KINDS, OrganizationKind, Role


class Principal(enum.StrEnum):
    ANONYMOUS = "anonymous"
    USER = "user"
    TOKEN = "token"
    SYSTEM = "system"


# Roles held in a Mission Locale that do not make one part of its staff: observers read aggregates only and a
# recruiter attached to a Mission Locale is on the partner side. Everyone else in a Mission Locale (counsellor,
# CRE, director, disability referent, coordinator, administrator, president) is its staff: they read its young
# people and receive what is diffused to it. This is the one definition of "staff of a Mission Locale".
NON_STAFF_ROLES = frozenset({Role.OBSERVER, Role.PARTNER_RECRUITER})
MANAGER_ROLES = frozenset({Role.COORDINATOR, Role.DIRECTOR, Role.ADMINISTRATOR})
EDITOR_ROLES = frozenset({Role.COORDINATOR, Role.DIRECTOR})
# Observers of these kinds (and of the national heads below) read conventions beyond their own parties.
OBSERVER_KINDS = frozenset({OrganizationKind.STATE, OrganizationKind.REGION_COUNCIL, OrganizationKind.UNML})
NATIONAL_HEAD_SLUGS = frozenset({"unml", "regions-de-france"})


@dataclass(frozen=True, eq=False)
class MembershipFact:
    """One active role of the principal in one active organisation, with what the rules need of it."""

    organization_id: int
    role: str
    kind: str
    region_id: int | None
    parent_id: int | None
    slug: str | None


@dataclass(frozen=True, eq=False)
class Scope:
    principal: Principal
    user: object | None = None
    person_id: int | None = None
    # Platform staff (Django admin users): they read the directory and the conventions everywhere, but young
    # people's data stays between a Mission Locale and the recruiting partner.
    is_platform_staff: bool = False
    is_system: bool = False
    aggregates_only: bool = False
    memberships: tuple[MembershipFact, ...] = field(default_factory=tuple)

    # ---- constructors ------------------------------------------------------------------------------------

    @classmethod
    def anonymous(cls) -> Scope:
        return cls(principal=Principal.ANONYMOUS)

    @classmethod
    def system(cls) -> Scope:
        return cls(principal=Principal.SYSTEM, is_system=True)

    @classmethod
    def for_user(cls, user) -> Scope:
        if user is None or not user.is_authenticated:
            return cls.anonymous()
        from relais.organizations.models import Membership

        person = getattr(user, "person", None)
        facts: tuple[MembershipFact, ...] = ()
        if person is not None and user.is_active:
            rows = Membership.objects.filter(
                person=person, is_active=True, organization__is_active=True
            ).values_list(
                "organization_id",
                "role",
                "organization__kind",
                "organization__region_id",
                "organization__parent_id",
                "organization__slug",
            )
            facts = tuple(MembershipFact(*row) for row in rows)
        scope = cls(
            principal=Principal.USER,
            user=user,
            person_id=person.pk if person is not None else None,
            is_platform_staff=bool(user.is_staff),
            memberships=facts,
        )
        if facts and all(fact.role == Role.OBSERVER for fact in facts) and not user.is_staff:
            return replace(scope, aggregates_only=True)
        return scope

    @classmethod
    def for_organization(cls, organization, *, roles) -> Scope:
        """An organisation acting by itself (an API token): what a member holding these roles reaches."""
        facts = tuple(
            MembershipFact(
                organization.pk,
                role,
                organization.kind,
                organization.region_id,
                organization.parent_id,
                organization.slug,
            )
            for role in roles
        )
        only_observer = bool(facts) and all(fact.role == Role.OBSERVER for fact in facts)
        return cls(principal=Principal.TOKEN, memberships=facts, aggregates_only=only_observer)

    def aggregates(self) -> Scope:
        """The same principal, restricted to masked aggregates (observers and roll-ups)."""
        return replace(self, aggregates_only=True)

    # ---- who is acting -----------------------------------------------------------------------------------

    @property
    def is_authenticated(self) -> bool:
        return self.principal != Principal.ANONYMOUS

    @property
    def actor(self):
        """The user to record as author of a write (None for the platform and for tokens)."""
        return self.user if self.principal == Principal.USER else None

    @property
    def is_platform(self) -> bool:
        """Platform staff and the platform's own jobs: the directory, conventions and opportunities everywhere.

        Young people are not part of it for staff (see ``mission_locale_ids``); the jobs reach them through
        the selectors' own ``is_system`` branch.
        """
        return self.is_platform_staff or self.is_system

    # ---- organisations and roles -------------------------------------------------------------------------

    @cached_property
    def roles(self) -> frozenset[tuple[int, str]]:
        return frozenset((fact.organization_id, fact.role) for fact in self.memberships)

    @cached_property
    def organization_ids(self) -> frozenset[int]:
        return frozenset(fact.organization_id for fact in self.memberships)

    def has_role(self, role: str, organization_id: int | None = None) -> bool:
        return any(r == role and (organization_id is None or o == organization_id) for o, r in self.roles)

    def organization_ids_with(self, roles, *, kinds=None) -> frozenset[int]:
        return frozenset(
            fact.organization_id
            for fact in self.memberships
            if fact.role in roles and (kinds is None or fact.kind in kinds)
        )

    @cached_property
    def reach_ids(self) -> frozenset[int]:
        """The principal's organisations and every organisation below them: whose internal data they reach."""
        from relais.organizations.selectors import descendant_ids

        return frozenset(descendant_ids(set(self.organization_ids))) if self.organization_ids else frozenset()

    @cached_property
    def party_ids(self) -> frozenset[int]:
        """The principal's organisations and every one above them: a convention party among these is visible.

        A member of a Mission Locale sees the conventions of its ARML (and of the UNML) because the Mission
        Locale is below that party.
        """
        from relais.organizations.models import Organization

        result = set(self.organization_ids)
        frontier = {fact.parent_id for fact in self.memberships if fact.parent_id} - result
        while frontier:
            result |= frontier
            parents = Organization.objects.filter(pk__in=frontier, parent__isnull=False).values_list(
                "parent_id", flat=True
            )
            frontier = set(parents) - result
        return frozenset(result)

    @cached_property
    def managed_root_ids(self) -> frozenset[int]:
        """Organisations the principal directs, coordinates or administers (and so those below them)."""
        return self.organization_ids_with(MANAGER_ROLES)

    @cached_property
    def managed_ids(self) -> frozenset[int]:
        from relais.organizations.selectors import descendant_ids

        roots = set(self.managed_root_ids)
        return frozenset(descendant_ids(roots)) if roots else frozenset()

    @cached_property
    def editor_ids(self) -> frozenset[int]:
        """Organisations whose conventions the principal edits (coordinators and directors)."""
        return self.organization_ids_with(EDITOR_ROLES)

    # ---- Missions Locales --------------------------------------------------------------------------------

    @cached_property
    def mission_locale_ids(self) -> frozenset[int]:
        """Missions Locales the principal is staff of: they read its young people and receive its diffusions."""
        if self.aggregates_only:
            return frozenset()
        return frozenset(
            fact.organization_id
            for fact in self.memberships
            if fact.kind == OrganizationKind.MISSION_LOCALE and fact.role not in NON_STAFF_ROLES
        )

    @property
    def is_mission_locale_staff(self) -> bool:
        return bool(self.mission_locale_ids)

    @cached_property
    def cre_mission_locale_ids(self) -> frozenset[int]:
        """Missions Locales the principal is a CRE of: they transmit for partners who have no acting referent."""
        return self.organization_ids_with({Role.CRE}) & self.mission_locale_ids

    @cached_property
    def referent_pairs(self) -> frozenset[tuple[int, int]]:
        """(Mission Locale, partner) pairs the principal is the acting named referent of."""
        if self.person_id is None or self.aggregates_only:
            return frozenset()
        return frozenset(
            acting_referents().filter(person_id=self.person_id).values_list("mission_locale_id", "partner_id")
        )

    @cached_property
    def coordinated_network_ids(self) -> frozenset[int]:
        """ARMLs (or the UNML) the principal coordinates: the Mission Locale networks whose diffusion they run."""
        return self.organization_ids_with(MANAGER_ROLES, kinds={OrganizationKind.ARML, OrganizationKind.UNML})

    @cached_property
    def network_region_ids(self) -> frozenset[int]:
        """Regions of the ARMLs the principal is a member of (they follow every opportunity located there)."""
        return frozenset(
            fact.region_id
            for fact in self.memberships
            if fact.kind == OrganizationKind.ARML and fact.region_id is not None
        )

    # ---- partner side ------------------------------------------------------------------------------------

    @cached_property
    def publisher_ids(self) -> frozenset[int]:
        """Partner structures the principal publishes for: as their recruiter, or as coordinator of them or of
        their network head (one level below)."""
        from relais.organizations.models import Organization

        if self.aggregates_only:
            return frozenset()
        if self.is_platform_staff or self.is_system:
            return frozenset(Organization.objects.filter(kind__in=PARTNER_KINDS).values_list("pk", flat=True))
        recruiter = self.organization_ids_with({Role.PARTNER_RECRUITER})
        coordinated = self.organization_ids_with({Role.COORDINATOR})
        candidates = set(recruiter | coordinated)
        if not candidates:
            return frozenset()
        if coordinated:
            candidates |= set(
                Organization.objects.filter(parent_id__in=coordinated).values_list("pk", flat=True)
            )
        return frozenset(
            Organization.objects.filter(
                pk__in=candidates, kind__in=PARTNER_KINDS, is_active=True
            ).values_list("pk", flat=True)
        )

    @cached_property
    def partner_ids(self) -> frozenset[int]:
        """Structures whose received candidates the principal handles: those they recruit for or coordinate.

        Unlike publishing this does not extend to the member structures of a network head: a candidacy sent
        to one GEIQ is seen by that GEIQ's staff, not by the regional committee above it. Platform staff are
        left out too: young people's data stays between the Mission Locale and the recruiting partner.
        """
        if self.is_platform_staff or self.is_system or self.aggregates_only:
            return frozenset()
        own = self.organization_ids_with({Role.PARTNER_RECRUITER, Role.COORDINATOR})
        return self.publisher_ids & own

    # ---- observers ---------------------------------------------------------------------------------------

    @cached_property
    def observer_reach(self) -> tuple[bool, frozenset[int]]:
        """(reads every convention, regions whose conventions it reads) for State, Région and national heads."""
        national, regions = False, set()
        for fact in self.memberships:
            if fact.role != Role.OBSERVER:
                continue
            if fact.kind not in OBSERVER_KINDS and fact.slug not in NATIONAL_HEAD_SLUGS:
                continue
            if fact.region_id is None:
                national = True
            else:
                regions.add(fact.region_id)
        return national, frozenset(regions)

    @property
    def observer_national(self) -> bool:
        return self.observer_reach[0]

    @property
    def observer_region_ids(self) -> frozenset[int]:
        return self.observer_reach[1]


def acting_referents():
    """Named referents who can act: an active account, still working in that Mission Locale.

    A referent without one (no account, account disabled, left the Mission Locale) leaves its CREs in charge.
    """
    from relais.organizations.models import Membership, PartnerReferent

    still_there = Membership.objects.filter(
        person=OuterRef("person"), organization=OuterRef("mission_locale"), is_active=True
    )
    return PartnerReferent.objects.filter(Exists(still_there), person__user__is_active=True)


def scope_of(request) -> Scope:
    """The request's Scope (set by ScopeMiddleware; built here for requests that did not go through it)."""
    scope = getattr(request, "scope", None)
    if scope is None:
        scope = Scope.for_user(getattr(request, "user", None))
        request.scope = scope
    return scope


class ScopeMiddleware:
    """Puts ``request.scope`` on every request, built on first use from the logged-in user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.scope = SimpleLazyObject(lambda: Scope.for_user(request.user))
        return self.get_response(request)
