"""The organisation search picker (htmx, no script of its own), one mechanism for every form choosing several
organisations among hundreds: the events' co-organisers, a convention's other parties.

A picker names its form field, its two URLs (the search results, the chosen tags) and its candidates; the form
keeps a ModelMultipleChoiceField with a MultipleHiddenInput that only validates the ids posted.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.shortcuts import render
from django.urls import reverse

from relais.core.ids import parse_id
from relais.core.search import max_query_length, search_terms

MAX_RESULTS = 15


@dataclass(frozen=True)
class OrganizationPicker:
    field: str  # the form field, and the hidden inputs' name
    search_url_name: str
    selection_url_name: str
    candidates: Callable[[str], QuerySet]  # (typed text, "" for all) -> active organisations offered
    limit: int
    empty: str  # said when nothing is chosen
    add_label: str = "Ajouter une structure"

    @property
    def search_url(self) -> str:
        return reverse(self.search_url_name)

    @property
    def selection_url(self) -> str:
        return reverse(self.selection_url_name)

    def chosen(self, ids) -> list:
        """The organisations of these ids, in the order given, valid candidates only, at most `limit`."""
        ids = list(dict.fromkeys(pk for pk in ids if pk is not None))[: self.limit]
        found = self.candidates("").filter(pk__in=ids).in_bulk()
        return [found[pk] for pk in ids if pk in found]

    def selected(self, form) -> list:
        """The tags a form shows: the ids posted (a failed form keeps them) or those it started from."""
        if form.is_bound:
            values = form.data.getlist(form.add_prefix(self.field))[: self.limit + 1]
            return self.chosen([parse_id(value) for value in values])
        return self.chosen([getattr(value, "pk", value) for value in form.initial.get(self.field) or []])


def search_response(request, picker: OrganizationPicker):
    """The organisations matching what is typed, each a button adding its tag to the selection."""
    query = request.GET.get("organisation_q", "")
    results = list(picker.candidates(query)[:MAX_RESULTS]) if len(query.strip()) >= 2 else []
    return render(
        request,
        "organizations/picker/results.html",
        {
            "picker": picker,
            "results": results,
            "query": query[: max_query_length()],
            "notice": search_terms(query).notice,
        },
    )


def selection_response(request, picker: OrganizationPicker):
    """The tags of the organisations already chosen plus the one just added (at most the picker's limit)."""
    ids = [parse_id(value) for value in request.GET.getlist(picker.field)[: picker.limit + 1]]
    ids.append(parse_id(request.GET.get("add", "")))
    return render(
        request, "organizations/picker/tags.html", {"picker": picker, "selected": picker.chosen(ids)}
    )
