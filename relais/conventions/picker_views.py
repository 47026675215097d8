"""htmx fragments of the convention form: the search of other parties and the tags chosen (organizations/pickers.py)."""

from django.views.decorators.http import require_GET

from relais.conventions.forms import PARTIES
from relais.organizations.pickers import search_response, selection_response


@require_GET
def party_search(request):
    """The organisations matching what is typed, for the convention form's "Autres parties"."""
    return search_response(request, PARTIES)


@require_GET
def party_selection(request):
    return selection_response(request, PARTIES)
