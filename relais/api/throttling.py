"""Per-token and per-person call limits kept in the shared cache; a cache that is down lets calls through."""

import logging

from django.conf import settings
from django.core.cache import caches
from rest_framework.throttling import SimpleRateThrottle

from relais.api.auth import request_token

logger = logging.getLogger(__name__)


class ResilientRateThrottle(SimpleRateThrottle):
    """DRF's rate throttle on the configured cache; any cache error allows the call (and is logged)."""

    cache_alias = "default"

    @property
    def cache(self):
        return caches[self.cache_alias]

    def __init__(self):
        # The rate is read per request (from the settings), not frozen when the class is defined.
        pass

    def allow_request(self, request, view):
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        try:
            return super().allow_request(request, view)
        except Exception:  # noqa: BLE001 - whatever the backend raises, the API stays up
            logger.warning("API throttling skipped: the cache cannot be reached.", exc_info=True)
            return True


class TokenRateThrottle(ResilientRateThrottle):
    scope = "token"

    def get_rate(self):
        return settings.RELAIS_API_TOKEN_RATE

    def get_cache_key(self, request, view):
        token = request_token(request)
        return None if token is None else self.cache_format % {"scope": self.scope, "ident": token.pk}


class UserRateThrottle(ResilientRateThrottle):
    scope = "user"

    def get_rate(self):
        return settings.RELAIS_API_USER_RATE

    def get_cache_key(self, request, view):
        if request_token(request) is not None or not request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}
