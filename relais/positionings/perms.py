"""Who acts on a positioning: the youth's Mission Locale staff, the ML's referent for the partner, the partner."""

from django.db.models import Exists, OuterRef, Q

from relais.opportunities.perms import publishing_organization_ids
from relais.organizations.enums import Role
from relais.organizations.models import PartnerReferent
from relais.organizations.selectors import has_role, person_of, user_roles
from relais.positionings.models import COUNSELLOR, PARTNER, REFERENT, Positioning
from relais.youths.selectors import youth_mission_locale_ids


def partner_organization_ids(user) -> set[int]:
    """Structures whose received candidates the user handles (their recruiters and coordinators).

    Platform staff are deliberately left out: young people's data stays between the ML and the partner.
    """
    if not user.is_authenticated or user.is_staff:
        return set()
    return publishing_organization_ids(user)


def is_partner_user(user) -> bool:
    return bool(partner_organization_ids(user))


def referent_pairs(user) -> set[tuple[int, int]]:
    """(Mission Locale, partner) pairs the user is the named referent of (cached for the request)."""
    cached = getattr(user, "_relais_referent_pairs", None)
    if cached is None:
        person = person_of(user)
        cached = set()
        if person is not None:
            cached = set(
                PartnerReferent.objects.filter(person=person).values_list("mission_locale_id", "partner_id")
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
    ml_id = positioning.youth.mission_locale_id
    keys = partner_keys(positioning.opportunity)
    if any((ml_id, key) in referent_pairs(user) for key in keys):
        return True
    named = PartnerReferent.objects.filter(mission_locale_id=ml_id, partner_id__in=keys).exists()
    return not named and has_role(user, Role.CRE, ml_id)


def actor_roles(user, positioning: Positioning) -> set[str]:
    """The roles the user holds on this positioning (several for a CRE who is also a counsellor)."""
    roles = set()
    if positioning.youth.mission_locale_id in youth_mission_locale_ids(user):
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
        condition |= Q(youth__mission_locale_id=ml_id) & (
            Q(opportunity__publisher_id=partner_id) | Q(opportunity__publisher__parent_id=partner_id)
        )
    cre_mls = cre_mission_locale_ids(user)
    if cre_mls:
        named = PartnerReferent.objects.filter(mission_locale_id=OuterRef("youth__mission_locale_id")).filter(
            Q(partner_id=OuterRef("opportunity__publisher_id"))
            | Q(partner_id=OuterRef("opportunity__publisher__parent_id"))
        )
        condition |= Q(youth__mission_locale_id__in=cre_mls) & ~Exists(named)
    return condition
