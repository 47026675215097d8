"""The authentication backend of ProConnect logins: mozilla-django-oidc's, held to ProConnect's rules.

What it adds to the library: endpoints read lazily (a password login never calls the provider), the ID token's
audience, issuer, expiry and nonce checked, a userinfo answer accepted only as a JWT signed with the provider's
keys (JWKS) for the same subject, and the account chosen by relais.accounts.proconnect.services.
"""

from __future__ import annotations

import logging

import jwt
import requests
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.utils.crypto import constant_time_compare
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from relais.accounts.proconnect import provider
from relais.accounts.proconnect.services import LoginRefused, proconnect_login

logger = logging.getLogger(__name__)

UNREACHABLE = (
    "ProConnect ne répond pas pour le moment. Réessayez dans quelques minutes ou connectez-vous avec votre "
    "adresse e-mail et votre mot de passe."
)


class ProConnectBackend(OIDCAuthenticationBackend):
    def __init__(self, *args, **kwargs):
        # The library reads every endpoint here; they are read on first use instead (see the properties).
        self.UserModel = get_user_model()

    get_settings = staticmethod(provider.oidc_setting)

    OIDC_OP_TOKEN_ENDPOINT = property(lambda self: provider.endpoints()["token_endpoint"])
    OIDC_OP_USER_ENDPOINT = property(lambda self: provider.endpoints()["userinfo_endpoint"])
    OIDC_OP_JWKS_ENDPOINT = property(lambda self: provider.endpoints()["jwks_uri"])
    OIDC_RP_CLIENT_ID = property(lambda self: provider.oidc_setting("OIDC_RP_CLIENT_ID"))
    OIDC_RP_CLIENT_SECRET = property(lambda self: provider.oidc_setting("OIDC_RP_CLIENT_SECRET"))
    OIDC_RP_SIGN_ALGO = property(lambda self: provider.oidc_setting("OIDC_RP_SIGN_ALGO"))
    OIDC_RP_IDP_SIGN_KEY = None

    def authenticate(self, request, **kwargs):
        # Only the callback view passes a nonce: a password login (username, password) never gets here.
        if request is None or "nonce" not in kwargs or not provider.enabled():
            return None
        try:
            return super().authenticate(request, **kwargs)
        except (requests.RequestException, provider.ProviderUnavailable, ValueError) as error:
            logger.warning("ProConnect login failed: the provider is unreachable or unusable (%s)", error)
            messages.error(request, UNREACHABLE)
            request.proconnect_explained = True
            return None

    def verify_token(self, token, **kwargs):
        """The ID token: signed by a key of the JWKS, for this client, from this issuer, unexpired, our nonce."""
        if not token:
            raise SuspiciousOperation("ProConnect sent no ID token")
        claims = provider.decode_signed(
            token, self.retrieve_matching_jwk(token), require=("exp", "iat", "nonce")
        )
        nonce = kwargs.get("nonce")
        if not nonce or not constant_time_compare(str(claims.get("nonce")), nonce):
            raise SuspiciousOperation("ProConnect ID token nonce does not match the one sent")
        return claims

    def _signed_claims(self, token: str, *, require: tuple[str, ...]) -> dict:
        """Claims of a JWT checked with the provider's key named by its header (a malformed one is refused)."""
        try:
            key = self.retrieve_matching_jwk(token)
        except (jwt.InvalidTokenError, KeyError, TypeError) as error:
            raise SuspiciousOperation(f"ProConnect JWT without a usable key: {error!r}") from error
        return provider.decode_signed(token, key, require=require)

    def get_userinfo(self, access_token, id_token, payload):
        """ProConnect answers userinfo as a signed JWT: anything else (plain JSON included) is refused."""
        response = requests.get(
            self.OIDC_OP_USER_ENDPOINT,
            headers={"Authorization": f"Bearer {access_token}"},
            timeout=self.get_settings("OIDC_TIMEOUT"),
        )
        response.raise_for_status()
        if not response.headers.get("content-type", "").lower().startswith("application/jwt"):
            raise SuspiciousOperation("ProConnect userinfo is not a signed JWT")
        token = response.text.strip()
        claims = self._signed_claims(token, require=())
        if not constant_time_compare(str(claims.get("sub")), str(payload.get("sub"))):
            raise SuspiciousOperation("ProConnect userinfo is about another subject than the ID token")
        return claims

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        try:
            return proconnect_login(issuer=provider.issuer(), claims=claims, amr=payload.get("amr"))
        except LoginRefused as refusal:
            logger.info("ProConnect login refused: %s", refusal.message)
            messages.error(self.request, refusal.message)
            self.request.proconnect_explained = True
            return None
