"""Secrets and signatures of webhook deliveries.

A delivery carries ``X-Relais-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>">``, keyed with
the endpoint's secret. An HMAC key cannot be stored as a hash, and the project has no encryption key of its
own: the secret is derived from the site's SECRET_KEY and a random salt kept on the endpoint, so that a copy
of the database alone does not reveal it (changing SECRET_KEY changes every secret: create new ones then).
"""

import hashlib
import hmac
import secrets

from django.conf import settings

SECRET_MARK = "whsec_"
# How old a signed timestamp a receiver should accept (the README's snippet uses it).
TOLERANCE_SECONDS = 300


def new_salt() -> str:
    return secrets.token_hex(32)


def endpoint_secret(salt: str) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), f"relais.webhooks:{salt}".encode(), hashlib.sha256)
    return SECRET_MARK + digest.hexdigest()


def sign(secret: str, timestamp: int, body: bytes) -> str:
    message = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_header(secret: str, timestamp: int, body: bytes) -> str:
    return f"t={timestamp},v1={sign(secret, timestamp, body)}"


def verify(secret: str, header: str, body: bytes, *, now: int, tolerance: int = TOLERANCE_SECONDS) -> bool:
    """What a receiver does: the header's timestamp is recent and one of its v1 signatures matches."""
    parts = [part.split("=", 1) for part in header.split(",") if "=" in part]
    timestamps = [value for key, value in parts if key == "t"]
    if len(timestamps) != 1 or not timestamps[0].isdigit():
        return False
    timestamp = int(timestamps[0])
    if abs(now - timestamp) > tolerance:
        return False
    expected = sign(secret, timestamp, body)
    return any(hmac.compare_digest(expected, value) for key, value in parts if key == "v1")
