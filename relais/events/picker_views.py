"""htmx fragments of the event form: the co-organiser search and the tags of the organisations chosen."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from relais.core.ids import parse_id
from relais.core.search import max_query_length, search_terms
from relais.events.forms import MAX_CO_ORGANISERS
from relais.events.selectors import co_organiser_candidates

MAX_RESULTS = 15


@require_GET
def organization_search(request):
    """The organisations matching what is typed, each a button adding its tag to the selection."""
    query = request.GET.get("organisation_q", "")
    results = list(co_organiser_candidates(query)[:MAX_RESULTS]) if len(query.strip()) >= 2 else []
    return render(
        request,
        "events/_organization_results.html",
        {"results": results, "query": query[: max_query_length()], "notice": search_terms(query).notice},
    )


@require_GET
def organization_selection(request):
    """The tags of the organisations already chosen plus the one just added (at most MAX_CO_ORGANISERS)."""
    ids = [parse_id(value) for value in request.GET.getlist("co_organisers")[: MAX_CO_ORGANISERS + 1]]
    if added := parse_id(request.GET.get("add", "")):
        ids.append(added)
    ids = list(dict.fromkeys(pk for pk in ids if pk is not None))[:MAX_CO_ORGANISERS]
    found = co_organiser_candidates().filter(pk__in=ids).in_bulk()
    return render(
        request,
        "events/_organization_tags.html",
        {"selected": [found[pk] for pk in ids if pk in found]},
    )
