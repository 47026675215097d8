"""Who may see and who may edit a convention."""

from relais.organizations.enums import OrganizationKind, Role
from relais.organizations.models import Organization
from relais.organizations.selectors import ancestor_ids, user_roles

EDITOR_ROLES = {Role.COORDINATOR, Role.DIRECTOR}
OBSERVER_KINDS = {OrganizationKind.STATE, OrganizationKind.REGION_COUNCIL, OrganizationKind.UNML}
NATIONAL_HEAD_SLUGS = {"unml", "regions-de-france"}


def party_scope_ids(user) -> set[int]:
    """The user's organisations and every organisation above them: a party among these makes a convention visible.

    A member of a Mission Locale sees the conventions of its ARML (and of the UNML) because the
    Mission Locale is below that party.
    """
    cached = getattr(user, "_relais_convention_party_scope", None)
    if cached is None:
        own = {org_id for org_id, _ in user_roles(user)}
        cached = set(own)
        for organization in Organization.objects.filter(pk__in=own):
            cached |= ancestor_ids(organization)
        user._relais_convention_party_scope = cached
    return cached


def observer_region_ids(user) -> tuple[bool, set[int]]:
    """(reads every convention, regions whose conventions it reads) for State, Région and national-head observers."""
    observed = [org_id for org_id, role in user_roles(user) if role == Role.OBSERVER]
    national, regions = False, set()
    for organization in Organization.objects.filter(pk__in=observed):
        if organization.kind not in OBSERVER_KINDS and organization.slug not in NATIONAL_HEAD_SLUGS:
            continue
        if organization.region_id is None:
            national = True
        else:
            regions.add(organization.region_id)
    return national, regions


def editor_organization_ids(user) -> set[int]:
    return {org_id for org_id, role in user_roles(user) if role in EDITOR_ROLES}


def can_create(user) -> bool:
    return user.is_staff or bool(editor_organization_ids(user))


def can_edit(user, convention) -> bool:
    """Coordinators and directors of a party organisation edit the convention."""
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    party_ids = {p.organization_id for p in convention.parties.all()}
    return bool(party_ids & editor_organization_ids(user))


def can_view(user, convention) -> bool:
    from relais.conventions.selectors import conventions_visible_to

    return conventions_visible_to(user).filter(pk=convention.pk).exists()
