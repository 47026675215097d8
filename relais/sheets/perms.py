"""Who may see and who may keep a partner sheet (reach comes from the acting Scope, see relais.core.scope)."""

from relais.conventions.enums import ConventionStatus
from relais.conventions.models import ConventionParty
from relais.core.scope import Scope
from relais.organizations.enums import PARTNER_KINDS, OrganizationKind, Role

# A charter that ended or was cancelled no longer makes its ARML the keeper of its partners' sheets.
CLOSED_STATUSES = {ConventionStatus.ENDED, ConventionStatus.CANCELLED}


def has_sheet(organization) -> bool:
    """Partner structures and network heads have a sheet."""
    return organization.kind in PARTNER_KINDS


def can_view(scope: Scope, organization) -> bool:
    """Like the directory: every logged-in member of the network reads the sheet of an active partner."""
    if not scope.is_authenticated or not has_sheet(organization):
        return False
    return organization.is_active or scope.is_platform


def can_edit(scope: Scope, organization) -> bool:
    """Its coordinator, the coordinator of its network head, or the coordinator of an ARML (or of the UNML)
    that has a live convention with it or with its network head (the partners of its charters), keep the
    sheet."""
    if not can_view(scope, organization) or scope.aggregates_only:
        return False
    if scope.is_platform:
        return True
    coordinated = scope.organization_ids_with({Role.COORDINATOR})
    if organization.pk in coordinated:
        return True
    heads = scope.organization_ids_with({Role.COORDINATOR}, kinds={OrganizationKind.NETWORK_HEAD})
    if organization.parent_id in heads:
        return True
    networks = scope.coordinated_network_ids
    if not networks:
        return False
    parties = [organization.pk] + ([organization.parent_id] if organization.parent_id else [])
    return (
        ConventionParty.objects.filter(
            organization_id__in=parties, convention__parties__organization_id__in=networks
        )
        .exclude(convention__status__in=CLOSED_STATUSES)
        .exists()
    )
