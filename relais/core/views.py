"""Home page and health check."""

import logging
import uuid

from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone

from relais.core.home import home_sections
from relais.core.scope import scope_of


def home(request):
    """What waits for the principal, section by section (relais/core/home.py)."""
    scope = scope_of(request)
    sections = home_sections(scope, timezone.localdate())
    return render(request, "core/home.html", {"page_title": "Accueil", "sections": sections})


logger = logging.getLogger(__name__)


def _check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_job_queue():
    from huey.contrib.djhuey import HUEY

    HUEY.pending_count()  # a read of the queue's storage (SQLite file or Redis)


def _check_cache():
    key = f"relais-health-{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    if cache.get(key) != "1":
        raise RuntimeError("the cache did not keep a value")
    cache.delete(key)


HEALTH_CHECKS = {"database": _check_database, "job_queue": _check_job_queue, "cache": _check_cache}


@login_not_required
def health(request):
    """JSON for the monitoring: 200 {"status": "ok"}, or 503 naming the dependencies that failed."""
    failed = []
    for name, check in HEALTH_CHECKS.items():
        try:
            check()
        except Exception:  # any failure of a dependency is the answer, never a 500
            logger.exception("Health check failed: %s", name)
            failed.append(name)
    if not failed:
        return JsonResponse({"status": "ok"})
    checks = {name: "error" if name in failed else "ok" for name in HEALTH_CHECKS}
    return JsonResponse({"status": "error", "failed": failed, "checks": checks}, status=503)
