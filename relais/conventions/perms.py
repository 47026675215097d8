"""Who may see and who may edit a convention (reach comes from the acting Scope, see relais.core.scope)."""

from relais.core.scope import Scope


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
