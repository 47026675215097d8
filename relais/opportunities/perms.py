"""Who may publish, edit and diffuse an opportunity (reach comes from the acting Scope, see relais.core.scope)."""

from django.db.models import Q, QuerySet

from relais.core.scope import Scope
from relais.opportunities.models import ConventionDiffusionSetting, Opportunity
from relais.organizations.enums import OrganizationKind, Role
from relais.organizations.models import Organization
from relais.organizations.selectors import descendant_ids


def publishing_organizations(scope: Scope) -> QuerySet[Organization]:
    return Organization.objects.filter(pk__in=scope.publisher_ids).order_by("name")


def can_publish_for(scope: Scope, organization: Organization) -> bool:
    return organization.pk in scope.publisher_ids


def can_edit(scope: Scope, opportunity: Opportunity) -> bool:
    return opportunity.publisher_id in scope.publisher_ids


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


def diffusable_mission_locales(scope: Scope, opportunity: Opportunity) -> QuerySet[Organization]:
    """Missions Locales this principal may send this opportunity to; empty when they may not diffuse it.

    - platform staff: every Mission Locale;
    - a coordinator of an ARML (or of the UNML): the Missions Locales of that network — the Mission Locale
      network is the single point of contact for diffusion, as the charters say;
    - the partner side only when the opportunity's convention lets partners diffuse (diffusion setting): a
      coordinator of the publisher or of its network head, to the Missions Locales of the head's region; the
      publisher's recruiter, to those of the convention's region (the publisher's region when it has none).
    """
    mls = Organization.objects.filter(kind=OrganizationKind.MISSION_LOCALE, is_active=True)
    if not scope.is_authenticated:
        return mls.none()
    if scope.is_platform:
        return mls
    condition = Q(pk__in=[])
    networks = scope.coordinated_network_ids
    if networks:
        condition |= Q(pk__in=descendant_ids(set(networks)))
    publisher = opportunity.publisher
    coordinated = scope.organization_ids_with({Role.COORDINATOR})
    head_ids = {publisher.pk, publisher.parent_id} & coordinated
    recruiter = publisher.pk in scope.organization_ids_with({Role.PARTNER_RECRUITER})
    if (head_ids or recruiter) and partners_may_diffuse(opportunity):
        if head_ids:
            regions = set(
                Organization.objects.filter(pk__in=head_ids).values_list("region_id", flat=True)
            ) - {None}
            condition |= Q(region_id__in=regions or {publisher.region_id})
        if recruiter:
            condition |= Q(region_id=opportunity.convention.region_id or publisher.region_id)
    return mls.filter(condition)


def diffusers_of(opportunity: Opportunity) -> list[Organization]:
    """Who diffuses this opportunity when its partner may not: the Mission Locale networks (ARMLs) party to its
    convention (or to a framework above it), else the ARML of the publisher's region."""
    convention, seen = opportunity.convention, set()
    while convention is not None and convention.pk not in seen:
        seen.add(convention.pk)
        armls = list(
            Organization.objects.filter(
                convention_parties__convention=convention, kind=OrganizationKind.ARML
            ).order_by("name")
        )
        if armls:
            return armls
        convention = convention.parent
    region_id = opportunity.publisher.region_id
    if region_id is None:
        return []
    return list(Organization.objects.filter(kind=OrganizationKind.ARML, region_id=region_id).order_by("name"))


def can_diffuse(scope: Scope, opportunity: Opportunity) -> bool:
    return diffusable_mission_locales(scope, opportunity).exists()


def can_set_diffusion_rule(scope: Scope, convention) -> bool:
    """Platform staff, or a coordinator (or manager) of one of the convention's parties."""
    if not scope.is_authenticated:
        return False
    if scope.is_platform:
        return True
    party_ids = set(convention.parties.values_list("organization_id", flat=True))
    if scope.organization_ids_with({Role.COORDINATOR}) & party_ids:
        return True
    return bool(party_ids & scope.managed_ids)
