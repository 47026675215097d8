"""Reads of the administrative geography: commune search and distances."""

import math
import re

from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When

from relais.territories.loading import search_key
from relais.territories.models import Commune

EARTH_RADIUS_KM = 6371.0088
CODE_QUERY = re.compile(r"^(?:\d|2[AB])[\dAB]{0,4}$", re.IGNORECASE)


def residence_communes() -> QuerySet[Commune]:
    """Where a person can live: current communes and municipal arrondissements still in the COG."""
    return Commune.objects.filter(kind__in=[Commune.Kind.CURRENT, Commune.Kind.ARRONDISSEMENT], retired=False)


def search_communes(query: str, limit: int = 20) -> QuerySet[Commune]:
    """Communes by name prefix, postal code or INSEE code; current communes first, then the most populated."""
    query = (query or "").strip()
    if not query:
        return Commune.objects.none()
    if CODE_QUERY.match(query):
        code = query.upper()
        # The JSON text of the list holds each code between quotes: '"690' only matches codes starting 690.
        condition = Q(code__startswith=code) | Q(postal_codes__icontains=f'"{code}')
    else:
        condition = Q(search_name__startswith=search_key(query)) | Q(name__istartswith=query)
    return (
        Commune.objects.filter(condition, retired=False)
        .select_related("department")
        .annotate(
            current_first=Case(
                When(kind=Commune.Kind.CURRENT, then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        )
        .order_by("current_first", F("population").desc(nulls_last=True), "name", "code")[:limit]
    )


def distance_km(commune_a: Commune, commune_b: Commune) -> float | None:
    """Great-circle distance (haversine); None when either commune has no coordinates."""
    points = (commune_a.latitude, commune_a.longitude, commune_b.latitude, commune_b.longitude)
    if any(value is None for value in points):
        return None
    lat_a, lon_a, lat_b, lon_b = map(math.radians, points)
    h = math.sin((lat_b - lat_a) / 2) ** 2
    h += math.cos(lat_a) * math.cos(lat_b) * math.sin((lon_b - lon_a) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def bounding_box(lat: float, lon: float, km: float) -> tuple[tuple[float, float], tuple[float, float]]:
    """Latitude and longitude ranges around a point that contain every point within `km` (a cheap SQL prefilter)."""
    dlat = km / 111.0
    dlon = km / max(111.0 * math.cos(math.radians(lat)), 1e-6)
    return (lat - dlat, lat + dlat), (lon - dlon, lon + dlon)


def commune_ids_named(query: str) -> set[int]:
    """Current communes a place typed in full designates: INSEE code, postal code or name (accents aside).

    An arrondissement or a delegated commune designates its current commune ("Lyon 3e Arrondissement" is Lyon).
    """
    query = (query or "").strip()
    if not query:
        return set()
    if CODE_QUERY.match(query):
        code = query.upper()
        condition = Q(code=code) | Q(postal_codes__icontains=f'"{code}"')
    else:
        condition = Q(search_name=search_key(query))
    ids = set()
    for pk, kind, parent_id in Commune.objects.filter(condition, retired=False).values_list(
        "pk", "kind", "parent_id"
    ):
        ids.add(pk if kind == Commune.Kind.CURRENT else parent_id)
    ids.discard(None)
    return ids
