"""htmx fragments of the event form: the co-organiser search and the tags chosen (organizations/pickers.py)."""

from django.views.decorators.http import require_GET

from relais.events.forms import CO_ORGANISERS
from relais.organizations.pickers import search_response, selection_response


@require_GET
def organization_search(request):
    return search_response(request, CO_ORGANISERS)


@require_GET
def organization_selection(request):
    return selection_response(request, CO_ORGANISERS)
