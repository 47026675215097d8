"""htmx fragments of the ROME referential: the title search and the tags of a multiple choice."""

import re

from django.shortcuts import render
from django.views.decorators.http import require_GET

from relais.core.search import max_query_length, search_terms
from relais.jobs.models import RomeTitle
from relais.jobs.selectors import search_rome_titles

# The calling form names its field; only plain identifiers are echoed back into the fragment.
FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
MAX_SELECTED = 50


def picker_field(request, default: str) -> str:
    field = request.GET.get("field", "")
    return field if FIELD_NAME.match(field) else default


@require_GET
def rome_title_search(request):
    """The titles matching what is typed: radio buttons of a single choice, or buttons adding a tag."""
    query = request.GET.get("rome_q", "")
    results = list(search_rome_titles(query, limit=15)) if len(query.strip()) >= 2 else []
    # A fragment has no messages area: the notice of a capped search is part of it.
    notice = search_terms(query).notice
    return render(
        request,
        "jobs/_rome_results.html",
        {
            "results": results,
            "query": query[: max_query_length()],
            "notice": notice,
            "field": picker_field(request, "rome_title"),
            "multiple": request.GET.get("multiple") == "1",
            # A single choice posts the primary key unless the form asks for the OGR code.
            "by_code": request.GET.get("key") == "code",
        },
    )


@require_GET
def rome_title_selection(request):
    """The tags of the titles already chosen plus the one just added, each carrying its OGR code."""
    field = picker_field(request, "sought_codes")
    codes = [code.strip() for code in request.GET.getlist(field) if code.strip()]
    if added := request.GET.get("add", "").strip():
        codes.append(added)
    codes = list(dict.fromkeys(codes))[:MAX_SELECTED]
    titles = {
        title.ogr_code: title
        for title in RomeTitle.objects.filter(ogr_code__in=codes).select_related("family")
    }
    return render(
        request,
        "jobs/_rome_tags.html",
        {"selected": [(code, titles.get(code)) for code in codes], "field": field},
    )
