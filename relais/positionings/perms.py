"""Who acts on a positioning: the youth's Mission Locale staff, the ML's referent for the partner, the partner.

Reach (the Missions Locales one is staff of, the partner structures one handles, the referent pairs) comes
from the acting Scope (relais.core.scope); this module only combines it with the positioning at hand.
"""

from django.db.models import Exists, OuterRef, Q

from relais.core.scope import Scope, acting_referents
from relais.organizations.enums import Role
from relais.positionings.models import COUNSELLOR, PARTNER, REFERENT, Positioning


def is_partner_user(scope: Scope) -> bool:
    return bool(scope.partner_ids)


def is_referent_user(scope: Scope) -> bool:
    return bool(scope.referent_pairs or scope.cre_mission_locale_ids)


def partner_keys(opportunity) -> set[int]:
    """A referent may be named for the publishing structure itself or for its network head."""
    return {opportunity.publisher_id} | ({opportunity.publisher.parent_id} - {None})


def is_referent_for(scope: Scope, positioning: Positioning) -> bool:
    ml_id = positioning.mission_locale_id
    keys = partner_keys(positioning.opportunity)
    if any((ml_id, key) in scope.referent_pairs for key in keys):
        return True
    named = acting_referents().filter(mission_locale_id=ml_id, partner_id__in=keys).exists()
    return not named and scope.has_role(Role.CRE, ml_id)


def actor_roles(scope: Scope, positioning: Positioning) -> set[str]:
    """The roles the principal holds on this positioning (several for a CRE who is also a counsellor)."""
    roles = set()
    if positioning.mission_locale_id in scope.mission_locale_ids:
        roles.add(COUNSELLOR)
        if is_referent_for(scope, positioning):
            roles.add(REFERENT)
    if positioning.transmitted_at is not None and positioning.opportunity.publisher_id in scope.partner_ids:
        roles.add(PARTNER)
    return roles


def referent_condition(scope: Scope) -> Q:
    """SQL condition on Positioning selecting what waits for this principal as referent (the mutualisation)."""
    condition = Q(pk__in=[])
    for ml_id, partner_id in scope.referent_pairs:
        condition |= Q(mission_locale_id=ml_id) & (
            Q(opportunity__publisher_id=partner_id) | Q(opportunity__publisher__parent_id=partner_id)
        )
    cre_mls = scope.cre_mission_locale_ids
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
