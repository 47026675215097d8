"""What django-axes counts failures against: the normalised address tried, and the client's address."""

from django.conf import settings

from relais.accounts.models import normalise_email


def attempted_username(request, credentials=None) -> str:
    """The address as stored, so that "Agent@x.fr" and "agent@x.fr" share one failure counter."""
    source = credentials if credentials else getattr(request, "POST", {})
    return normalise_email(source.get("username") or "")


def client_ip(request) -> str:
    """The client address: REMOTE_ADDR, or the entry a trusted reverse proxy appended to X-Forwarded-For.

    With RELAIS_TRUSTED_PROXIES = N, the N-th address from the right of X-Forwarded-For is the one the
    outermost trusted proxy saw; anything to its left was written by the client and is ignored.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.RELAIS_TRUSTED_PROXIES
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < count:
        return remote
    return forwarded[-count]
