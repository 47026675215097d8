"""Template context shared by every page: the configurable brand block and the operator's legal details."""

from django.conf import settings


def brand(request):
    return {"BRAND": settings.RELAIS_BRAND, "LEGAL": settings.RELAIS_LEGAL}
