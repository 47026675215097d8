"""Where ProConnect is: on or off, its endpoints (discovery document or explicit settings), its JWT checks."""

from __future__ import annotations

import logging

import jwt
import requests
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation

logger = logging.getLogger(__name__)

ENDPOINT_NAMES = (
    "authorization_endpoint",
    "token_endpoint",
    "userinfo_endpoint",
    "jwks_uri",
    "end_session_endpoint",
)
# mozilla-django-oidc's setting names for the endpoints, answered from the discovery document.
OIDC_ENDPOINT_SETTINGS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
    "OIDC_OP_LOGOUT_ENDPOINT": "end_session_endpoint",
}


class ProviderUnavailable(Exception):
    """ProConnect could not be reached or answered something unusable."""


def enabled() -> bool:
    return bool(
        settings.RELAIS_PROCONNECT_ISSUER
        and settings.RELAIS_PROCONNECT_CLIENT_ID
        and settings.RELAIS_PROCONNECT_CLIENT_SECRET
    )


def issuer() -> str:
    return settings.RELAIS_PROCONNECT_ISSUER.rstrip("/")


def _cache_key() -> str:
    return f"proconnect:discovery:{issuer()}"


def forget_discovery() -> None:
    cache.delete(_cache_key())


def endpoints() -> dict[str, str]:
    """The five endpoints: all from the settings when all are set, else from the issuer's discovery document.

    The document is kept in the cache for RELAIS_PROCONNECT_DISCOVERY_TTL seconds; its `issuer` must be the
    configured one (OpenID Connect Discovery 1.0, section 4.3), else nothing of it is used.
    """
    if not enabled():
        raise ImproperlyConfigured("ProConnect n'est pas configuré.")
    explicit = {name: settings.RELAIS_PROCONNECT_ENDPOINTS.get(name, "") for name in ENDPOINT_NAMES}
    if all(explicit.values()):
        return explicit
    found = cache.get(_cache_key())
    if found is None:
        found = _discover()
        cache.set(_cache_key(), found, settings.RELAIS_PROCONNECT_DISCOVERY_TTL)
    return {name: explicit[name] or found.get(name, "") for name in ENDPOINT_NAMES}


def _discover() -> dict[str, str]:
    url = issuer() + "/.well-known/openid-configuration"
    try:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as error:
        logger.warning("ProConnect discovery failed at %s: %s", url, error)
        raise ProviderUnavailable(str(error)) from error
    if not isinstance(document, dict) or str(document.get("issuer", "")).rstrip("/") != issuer():
        logger.warning("ProConnect discovery at %s names another issuer: %r", url, document.get("issuer"))
        raise ProviderUnavailable("issuer mismatch")
    missing = [name for name in ENDPOINT_NAMES if not document.get(name)]
    if missing:
        raise ProviderUnavailable(f"discovery document without {', '.join(missing)}")
    return {name: str(document[name]) for name in ENDPOINT_NAMES}


def oidc_setting(attr: str, *default):
    """mozilla-django-oidc's `get_settings`, with the endpoints and the client from Relais' own settings."""
    if attr in OIDC_ENDPOINT_SETTINGS:
        return endpoints()[OIDC_ENDPOINT_SETTINGS[attr]]
    if attr == "OIDC_RP_CLIENT_ID":
        return settings.RELAIS_PROCONNECT_CLIENT_ID
    if attr == "OIDC_RP_CLIENT_SECRET":
        return settings.RELAIS_PROCONNECT_CLIENT_SECRET
    if attr == "OIDC_CREATE_USER":
        return settings.RELAIS_PROCONNECT_CREATE_USERS
    if default:
        return getattr(settings, attr, default[0])
    return getattr(settings, attr)


def decode_signed(token: str, key, *, require: tuple[str, ...]) -> dict:
    """The claims of a JWT signed by ProConnect with the expected algorithm, for this client, from this issuer.

    mozilla-django-oidc checks the signature only; the audience and the issuer are checked here as well
    (OpenID Connect Core 1.0, 3.1.3.7 for the ID token, 5.3.2 for a signed userinfo response).
    """
    algorithm = settings.OIDC_RP_SIGN_ALGO
    try:
        header = jwt.get_unverified_header(token)
    except jwt.InvalidTokenError as error:
        raise SuspiciousOperation(f"ProConnect sent a malformed JWT: {error}") from error
    if header.get("alg") != algorithm:
        raise SuspiciousOperation(f"ProConnect JWT signed with {header.get('alg')!r}, {algorithm!r} expected")
    try:
        return jwt.decode(
            token,
            key,
            algorithms=[algorithm],
            audience=settings.RELAIS_PROCONNECT_CLIENT_ID,
            issuer=issuer(),
            leeway=60,
            options={"require": ["iss", "aud", "sub", *require]},
        )
    except jwt.InvalidTokenError as error:
        raise SuspiciousOperation(f"ProConnect JWT refused: {error}") from error
