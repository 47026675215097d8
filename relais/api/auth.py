"""How a call is authenticated (a token's secret, or a logged-in person's session) and what it may do."""

from dataclasses import dataclass

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions

from relais.api.models import ApiToken
from relais.api.tokens import scope_of_token, token_for_secret, token_touch
from relais.core.scope import scope_of


@dataclass(frozen=True)
class TokenUser:
    """The DRF ``request.user`` of a token's call: an organisation acting, not a person (no primary key)."""

    token: ApiToken
    pk = None
    id = None
    is_authenticated = True
    is_active = True
    is_staff = False
    is_anonymous = False


class BearerTokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Bearer rls_...``; the call then acts with the Scope of the token's organisation."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("En-tête Authorization invalide : « Bearer <jeton> ».")
        try:
            secret = header[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed("Jeton invalide.") from None
        token = token_for_secret(secret)
        if token is None:
            raise exceptions.AuthenticationFailed("Jeton inconnu, expiré ou révoqué.")
        token_touch(token)
        request._request.scope = scope_of_token(token)
        request._request.api_token = token
        return TokenUser(token), token

    def authenticate_header(self, request):
        return self.keyword


class SessionAuthentication(authentication.SessionAuthentication):
    """A logged-in person calling the API from the browser (the documentation page): their own Scope."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None:
            request._request.scope = scope_of(request._request)
        return result


class BearerScheme(OpenApiAuthenticationExtension):
    target_class = "relais.api.auth.BearerTokenAuthentication"
    name = "jeton"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "Jeton d'API de l'organisation (rls_…)."}


def request_token(request) -> ApiToken | None:
    return getattr(request._request, "api_token", None) if hasattr(request, "_request") else None


class HasTokenScope(permissions.BasePermission):
    """A token needs the view's scope for the method (``read_scope`` / ``write_scope``); a person needs none
    (their session reaches what their pages reach)."""

    message = "Ce jeton n'a pas le droit nécessaire pour cette opération."

    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False
        token = request_token(request)
        if token is None:
            return True
        needed = view.read_scope if request.method in permissions.SAFE_METHODS else view.write_scope
        if needed is None:
            return False
        self.message = f"Ce jeton n'a pas le droit « {needed} » nécessaire pour cette opération."
        return needed in token.scopes


class SessionScheme(OpenApiAuthenticationExtension):
    target_class = "relais.api.auth.SessionAuthentication"
    name = "session"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "cookie", "name": "sessionid"}
