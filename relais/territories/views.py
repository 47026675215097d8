"""htmx fragment of the administrative geography: the commune search of the pickers."""

import re

from django.shortcuts import render
from django.views.decorators.http import require_GET

from relais.territories.selectors import search_communes

# The calling form names its field; only plain identifiers are echoed back into the fragment.
FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


@require_GET
def commune_search(request):
    """The communes matching what is typed, as radio buttons of the calling form's field."""
    query = request.GET.get("commune_q", "")
    field = request.GET.get("field", "")
    results = list(search_communes(query, limit=10)) if len(query.strip()) >= 2 else []
    return render(
        request,
        "territories/_commune_results.html",
        {
            "results": results,
            "query": query,
            "field": field if FIELD_NAME.match(field) else "commune",
            # The primary key unless the form asks for the INSEE code (the young person's record does).
            "by_code": request.GET.get("key") == "code",
        },
    )
