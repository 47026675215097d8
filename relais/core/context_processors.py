"""Template context shared by every page: the configurable brand block."""

from django.conf import settings


def brand(request):
    return {"BRAND": settings.RELAIS_BRAND}
