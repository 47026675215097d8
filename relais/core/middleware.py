"""A write that cannot get SQLite's lock in time answers a French 503 that keeps what the user typed."""

import logging

from django.http import HttpResponse
from django.template.loader import render_to_string

from relais.core.services import is_lock_error

logger = logging.getLogger(__name__)

FALLBACK = (
    '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Service momentanément occupé</title>'
    "</head><body><h1>Service momentanément occupé</h1><p>Erreur 503</p><p>Réessayez dans quelques "
    "instants.</p></body></html>"
)


class DatabaseLockedMiddleware:
    """`OperationalError: database is locked` → 503: for a POST, a page re-posting the form's fields."""

    retry_after_seconds = 5

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_lock_error(exception):
            return None
        logger.warning("Database write-locked: 503 for %s %s", request.method, request.path)
        fields = []
        files = []
        if request.method == "POST":
            fields = [
                (name, value)
                for name, values in request.POST.lists()
                if name != "csrfmiddlewaretoken"
                for value in values
            ]
            files = sorted({uploaded.name for uploaded in request.FILES.values()})
        context = {
            "page_title": "Service momentanément occupé",
            "is_post": request.method == "POST",
            "fields": fields,
            "files": files,
            "action": request.get_full_path(),
        }
        try:
            content = render_to_string("core/unavailable.html", context, request=request)
        except Exception:  # the page must answer even if the full layout cannot be rendered
            logger.exception("The 503 page could not be rendered")
            content = FALLBACK
        response = HttpResponse(content, status=503)
        response["Retry-After"] = str(self.retry_after_seconds)
        return response


class FrenchNotFoundMiddleware:
    """Under DEBUG (`make run`), an object out of the principal's reach answers the French 404 page users see in
    production, not Django's English technical page (the reason is logged for the developer)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.urls import Resolver404, resolve

        if settings.DEBUG:
            # An address no route matches fails before any view runs (process_exception never sees it).
            try:
                resolve(request.path_info)
            except Resolver404 as exception:
                return self._not_found(request, exception)
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.conf import settings
        from django.http import Http404

        if not settings.DEBUG or not isinstance(exception, Http404):
            return None
        return self._not_found(request, exception)

    def _not_found(self, request, exception):
        from django.shortcuts import render

        logger.info("404 for %s: %s", request.path, exception)
        return render(request, "404.html", {"page_title": "Page introuvable"}, status=404)
