"""CSV and XLSX exports of the opportunity lists (received, published, network), as each list shows them."""

from django.utils import timezone

from relais.core.exports import export_limit, list_export
from relais.opportunities.selectors import with_distances

RECEIVED_HEADER = [
    "N°",
    "Opportunité",
    "Type",
    "Famille de métiers (ROME)",
    "Structure",
    "Commune",
    "Département",
    "Distance (km)",
    "Début",
    "Candidatures jusqu'au",
    "Postes",
    "Statut",
    "Reçue le",
    "Lue",
]
COUNTS_HEADER = [
    "N°",
    "Opportunité",
    "Type",
    "Statut",
    "Structure",
    "Commune",
    "Département",
    "Début",
    "Postes",
    "Missions Locales destinataires",
    "Lue par",
    "Candidatures transmises",
]
FILENAMES = {
    "recues": ("opportunites-recues", "Opportunités reçues"),
    "publiees": ("opportunites-publiees", "Opportunités publiées"),
    "reseau": ("opportunites-reseau", "Opportunités du réseau"),
}


def _day(moment):
    return timezone.localdate(moment) if moment else None


def received_row(o) -> list:
    distance = getattr(o, "distance_km", None)
    return [
        o.pk,
        o.display_title,
        o.get_kind_display(),
        f"{o.rome_title.family.code} — {o.rome_title.family.label}",
        str(o.publisher),
        o.commune.name,
        o.commune.department.code,
        round(distance) if distance is not None else None,
        o.start_date,
        o.closing_date,
        o.positions,
        o.get_status_display(),
        _day(o.delivered_at),
        "oui" if o.read_by_me else "non",
    ]


def counts_row(o) -> list:
    return [
        o.pk,
        o.display_title,
        o.get_kind_display(),
        o.get_status_display(),
        str(o.publisher),
        o.commune.name,
        o.commune.department.code,
        o.start_date,
        o.positions,
        o.delivery_count,
        o.read_count,
        o.positioning_count,
    ]


def opportunity_export(request, *, fmt: str, mode: str, queryset, home=None):
    """No young person in these lists: nothing goes to the access log. `home`: the origin of the distances
    when the filters name no commune (the selector computes them in SQL when they do)."""
    filename, title = FILENAMES[mode]
    items = queryset
    if home is not None:
        items = list(queryset[: export_limit() + 1])
        with_distances(items, home)
    if mode == "recues":
        header, row = RECEIVED_HEADER, received_row
    else:
        header, row = COUNTS_HEADER, counts_row
    return list_export(request, fmt=fmt, filename=filename, title=title, header=header, items=items, row=row)
