"""Reads of the job referentials: ROME title search and neighbouring families."""

from django.db.models import Q, QuerySet

from relais.core.search import search_terms
from relais.jobs.models import RomeFamily, RomeTitle


def search_rome_titles(query: str, limit: int = 20) -> QuerySet[RomeTitle]:
    """Titles whose label, short label or ROME code contain every word of the query, accents and case aside.

    The loader stores the code in the searched text, so "M16" finds every title of families M16xx.
    """
    terms = search_terms(query)
    if not terms:
        return RomeTitle.objects.none()
    condition = terms.condition("search_text")
    # Titles written by other means than the loader have no search text: fall back on the raw label.
    condition |= Q(search_text="", label__icontains=query.strip()[:200])
    return RomeTitle.objects.filter(condition).select_related("family").order_by("label")[:limit]


def neighbour_families(family: RomeFamily) -> QuerySet[RomeFamily]:
    """The other families of the same professional domain (same letter and two digits, e.g. M16xx)."""
    return RomeFamily.objects.filter(code__startswith=family.domain).exclude(pk=family.pk).order_by("code")
