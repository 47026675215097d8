"""Navigation entry of the API tokens (for the coordinators and managers of an organisation)."""

from relais.api.tokens import TOKEN_MANAGER_ROLES
from relais.core.menu import register


def manages_tokens(scope) -> bool:
    return bool(scope.organization_ids_with(TOKEN_MANAGER_ROLES))


register(90, "API", "api:token_list", manages_tokens)
