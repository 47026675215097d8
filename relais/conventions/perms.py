"""Who may see and who may edit a convention (reach comes from the acting Scope, see relais.core.scope)."""

from relais.core.scope import Scope
from relais.organizations.enums import Role


def can_create(scope: Scope) -> bool:
    return scope.is_platform or bool(scope.editor_ids)


def can_edit(scope: Scope, convention) -> bool:
    """Coordinators and directors of a party organisation edit the convention."""
    if not scope.is_authenticated:
        return False
    if scope.is_platform:
        return True
    party_ids = {p.organization_id for p in convention.parties.all()}
    return bool(party_ids & scope.editor_ids)


def can_view(scope: Scope, convention) -> bool:
    from relais.conventions.selectors import conventions_visible_to

    return conventions_visible_to(scope).filter(pk=convention.pk).exists()


def can_contribute(scope: Scope, convention) -> bool:
    """Every member of a party organisation (observers aside) files documents in the convention's shared space."""
    if can_edit(scope, convention):
        return True
    if scope.aggregates_only:
        return False
    party_ids = {p.organization_id for p in convention.parties.all()}
    members = {fact.organization_id for fact in scope.memberships if fact.role != Role.OBSERVER}
    return bool(party_ids & members)


def can_remove_document(scope: Scope, document) -> bool:
    """The convention's editors move and remove any document of its shared space; a member the ones they filed."""
    if can_edit(scope, document.convention):
        return True
    actor = scope.actor
    return (
        actor is not None
        and document.uploaded_by_id == actor.pk
        and can_contribute(scope, document.convention)
    )
