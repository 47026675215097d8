"""Who may publish, edit and diffuse an opportunity."""

from django.db.models import Q, QuerySet

from relais.opportunities.models import ConventionDiffusionSetting, Opportunity
from relais.organizations.enums import PARTNER_KINDS, OrganizationKind, Role
from relais.organizations.models import Organization
from relais.organizations.selectors import can_manage, descendant_ids, user_roles

# Roles of a Mission Locale's staff that receive and read diffused opportunities.
ML_READER_ROLES = {
    Role.CRE,
    Role.COUNSELLOR,
    Role.DIRECTOR,
    Role.DISABILITY_REFERENT,
    Role.COORDINATOR,
    Role.ADMINISTRATOR,
}


def _org_ids_with_role(user, roles: set[str]) -> set[int]:
    return {org_id for org_id, role in user_roles(user) if role in roles}


def publishing_organization_ids(user) -> set[int]:
    """Partner structures the user may publish for: as their recruiter, or as coordinator of them or their head."""
    cached = getattr(user, "_relais_publishing_ids", None)
    if cached is not None:
        return cached
    if not user.is_authenticated:
        return set()
    if user.is_staff:
        ids = set(Organization.objects.filter(kind__in=PARTNER_KINDS).values_list("pk", flat=True))
    else:
        recruiter = _org_ids_with_role(user, {Role.PARTNER_RECRUITER})
        coordinated = _org_ids_with_role(user, {Role.COORDINATOR})
        # A coordinator of a network head publishes for it and for its member structures (one level below).
        candidates = recruiter | coordinated
        if coordinated:
            candidates |= set(
                Organization.objects.filter(parent_id__in=coordinated).values_list("pk", flat=True)
            )
        ids = set(
            Organization.objects.filter(
                pk__in=candidates, kind__in=PARTNER_KINDS, is_active=True
            ).values_list("pk", flat=True)
        )
    user._relais_publishing_ids = ids
    return ids


def publishing_organizations(user) -> QuerySet[Organization]:
    return Organization.objects.filter(pk__in=publishing_organization_ids(user)).order_by("name")


def can_publish_for(user, organization: Organization) -> bool:
    return organization.pk in publishing_organization_ids(user)


def can_edit(user, opportunity: Opportunity) -> bool:
    return opportunity.publisher_id in publishing_organization_ids(user)


def mission_locale_ids_of(user) -> set[int]:
    """Missions Locales whose staff the user is part of (they receive and read diffused opportunities)."""
    cached = getattr(user, "_relais_opportunity_ml_ids", None)
    if cached is None:
        roles = _org_ids_with_role(user, ML_READER_ROLES)
        cached = (
            set(
                Organization.objects.filter(pk__in=roles, kind=OrganizationKind.MISSION_LOCALE).values_list(
                    "pk", flat=True
                )
            )
            if roles
            else set()
        )
        user._relais_opportunity_ml_ids = cached
    return cached


def coordinated_network_ids(user) -> set[int]:
    """ARMLs (or the UNML) the user coordinates: the Mission Locale networks whose diffusion they run."""
    cached = getattr(user, "_relais_coordinated_networks", None)
    if cached is None:
        ids = _org_ids_with_role(user, {Role.COORDINATOR, Role.DIRECTOR, Role.ADMINISTRATOR})
        cached = (
            set(
                Organization.objects.filter(
                    pk__in=ids, kind__in=[OrganizationKind.ARML, OrganizationKind.UNML]
                ).values_list("pk", flat=True)
            )
            if ids
            else set()
        )
        user._relais_coordinated_networks = cached
    return cached


def partners_may_diffuse(opportunity: Opportunity) -> bool:
    """The convention of the opportunity, or a framework above it, lets partners diffuse by themselves."""
    convention = opportunity.convention
    seen = set()
    while convention is not None and convention.pk not in seen:
        seen.add(convention.pk)
        setting = ConventionDiffusionSetting.objects.filter(convention=convention).first()
        if setting is not None:
            return setting.partners_may_diffuse
        convention = convention.parent
    return False


def diffusable_mission_locales(user, opportunity: Opportunity) -> QuerySet[Organization]:
    """Missions Locales this user may send this opportunity to; empty when the user may not diffuse it.

    - platform staff: every Mission Locale;
    - a coordinator of an ARML (or of the UNML): the Missions Locales of that network;
    - a coordinator of the publisher or of its network head: the Missions Locales of the head's region;
    - the publisher's recruiter, when the convention allows it: the Missions Locales of the convention's
      region (the publisher's region when the convention has none).
    """
    mls = Organization.objects.filter(kind=OrganizationKind.MISSION_LOCALE, is_active=True)
    if not user.is_authenticated:
        return mls.none()
    if user.is_staff:
        return mls
    condition = Q(pk__in=[])
    networks = coordinated_network_ids(user)
    if networks:
        condition |= Q(pk__in=descendant_ids(networks))
    publisher = opportunity.publisher
    coordinated = _org_ids_with_role(user, {Role.COORDINATOR})
    head_ids = {publisher.pk, publisher.parent_id} & coordinated
    if head_ids:
        regions = set(Organization.objects.filter(pk__in=head_ids).values_list("region_id", flat=True)) - {
            None
        }
        condition |= Q(region_id__in=regions or {publisher.region_id})
    if publisher.pk in _org_ids_with_role(user, {Role.PARTNER_RECRUITER}) and partners_may_diffuse(
        opportunity
    ):
        region_id = opportunity.convention.region_id or publisher.region_id
        condition |= Q(region_id=region_id)
    return mls.filter(condition)


def can_diffuse(user, opportunity: Opportunity) -> bool:
    return diffusable_mission_locales(user, opportunity).exists()


def can_set_diffusion_rule(user, convention) -> bool:
    """Platform staff, or a coordinator (or manager) of one of the convention's parties."""
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    party_ids = set(convention.parties.values_list("organization_id", flat=True))
    if _org_ids_with_role(user, {Role.COORDINATOR}) & party_ids:
        return True
    return any(can_manage(user, org) for org in Organization.objects.filter(pk__in=party_ids))
