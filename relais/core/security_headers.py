"""Headers every response carries (Permissions-Policy) and those of pages holding personal data (no-store)."""

from django.conf import settings
from django.utils.cache import add_never_cache_headers


class SecurityHeadersMiddleware:
    """Permissions-Policy on every response; `Cache-Control: no-store` on everything a logged-in user sees.

    Pages and exports of a logged-in user show young people, positionings, contacts: none of it may stay in a
    shared proxy or the browser's cache after logout, so they are never stored unless a view said otherwise.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.RELAIS_PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "Cache-Control" not in response.headers:
            add_never_cache_headers(response)
        return response
