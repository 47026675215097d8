"""Home page and health check."""

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render

from relais.core.scope import scope_of

# Apps register callables(scope) -> dict | None describing a panel of the home page, from their menu.py module.
HOME_PANELS = []


def home(request):
    scope = scope_of(request)
    panels = [panel for provider in HOME_PANELS if (panel := provider(scope))]
    return render(request, "core/home.html", {"page_title": "Accueil", "panels": panels})


@login_not_required
def health(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
