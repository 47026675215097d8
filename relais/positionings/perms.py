"""Who acts on a positioning: the youth's Mission Locale staff, the ML's referent for the partner, the partner."""

from django.db.models import Exists, OuterRef, Q

from relais.opportunities.perms import publishing_organization_ids
from relais.organizations.enums import Role
from relais.organizations.models import Membership, PartnerReferent
from relais.organizations.selectors import has_role, person_of, user_roles
from relais.positionings.models import COUNSELLOR, PARTNER, REFERENT, Positioning
from relais.youths.selectors import youth_mission_locale_ids


def partner_organization_ids(user) -> set[int]:
    """Structures whose received candidates the user handles: those they are a recruiter or coordinator of.

    Unlike publishing, this does not extend to the member structures of a network head: a candidacy sent to
    one GEIQ is seen by that GEIQ's staff, not by the regional committee above it. Platform staff are left out
    too: young people's data stays between the Mission Locale and the recruiting partner.
    """
    if not user.is_authenticated or user.is_staff:
        return set()
    cached = getattr(user, "_relais_partner_ids", None)
    if cached is None:
        own = {org for org, role in user_roles(user) if role in (Role.PARTNER_RECRUITER, Role.COORDINATOR)}
        cached = publishing_organization_ids(user) & own
        user._relais_partner_ids = cached
    return cached


def is_partner_user(user) -> bool:
    return bool(partner_organization_ids(user))


def acting_referents():
    """Named referents who can act: an active account, still working in that Mission Locale.

    A referent without one (no account, account disabled, left the ML) leaves the ML's CREs in charge.
    """
    still_there = Membership.objects.filter(
        person=OuterRef("person"), organization=OuterRef("mission_locale"), is_active=True
    )
    return PartnerReferent.objects.filter(Exists(still_there), person__user__is_active=True)


def referent_pairs(user) -> set[tuple[int, int]]:
    """(Mission Locale, partner) pairs the user is the named referent of (cached for the request)."""
    cached = getattr(user, "_relais_referent_pairs", None)
    if cached is None:
        person = person_of(user)
        cached = set()
        if person is not None:
            cached = set(
                acting_referents().filter(person=person).values_list("mission_locale_id", "partner_id")
            )
        user._relais_referent_pairs = cached
    return cached


def cre_mission_locale_ids(user) -> set[int]:
    return {org for org, role in user_roles(user) if role == Role.CRE} & youth_mission_locale_ids(user)


def is_referent_user(user) -> bool:
    return bool(referent_pairs(user) or cre_mission_locale_ids(user))


def partner_keys(opportunity) -> set[int]:
    """A referent may be named for the publishing structure itself or for its network head."""
    return {opportunity.publisher_id} | ({opportunity.publisher.parent_id} - {None})


def is_referent_for(user, positioning: Positioning) -> bool:
    ml_id = positioning.mission_locale_id
    keys = partner_keys(positioning.opportunity)
    if any((ml_id, key) in referent_pairs(user) for key in keys):
        return True
    named = acting_referents().filter(mission_locale_id=ml_id, partner_id__in=keys).exists()
    return not named and has_role(user, Role.CRE, ml_id)


def actor_roles(user, positioning: Positioning) -> set[str]:
    """The roles the user holds on this positioning (several for a CRE who is also a counsellor)."""
    roles = set()
    if positioning.mission_locale_id in youth_mission_locale_ids(user):
        roles.add(COUNSELLOR)
        if is_referent_for(user, positioning):
            roles.add(REFERENT)
    if (
        positioning.transmitted_at is not None
        and positioning.opportunity.publisher_id in partner_organization_ids(user)
    ):
        roles.add(PARTNER)
    return roles


def referent_condition(user) -> Q:
    """SQL condition on Positioning selecting what waits for this user as referent (the mutualisation)."""
    condition = Q(pk__in=[])
    for ml_id, partner_id in referent_pairs(user):
        condition |= Q(mission_locale_id=ml_id) & (
            Q(opportunity__publisher_id=partner_id) | Q(opportunity__publisher__parent_id=partner_id)
        )
    cre_mls = cre_mission_locale_ids(user)
    if cre_mls:
        named = (
            acting_referents()
            .filter(mission_locale_id=OuterRef("mission_locale_id"))
            .filter(
                Q(partner_id=OuterRef("opportunity__publisher_id"))
                | Q(partner_id=OuterRef("opportunity__publisher__parent_id"))
            )
        )
        condition |= Q(mission_locale_id__in=cre_mls) & ~Exists(named)
    return condition
