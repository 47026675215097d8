"""Calendar pages: a convention's iCalendar, the user's commitments, their private subscription link."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from relais.conventions import feeds, hooks, selectors
from relais.conventions.enums import OccurrenceKind
from relais.conventions.ical import calendar_response
from relais.core.pagination import paginate
from relais.core.scope import Scope


def convention_ical(request, pk: int):
    convention = selectors.convention_for(request.scope, pk)
    return calendar_response(
        convention.occurrences.select_related("convention"),
        name=f"Suivi — {convention.title}",
        filename=f"convention-{convention.pk}",
    )


def my_ical(request):
    return calendar_response(
        selectors.my_occurrences(request.scope), name="Mes engagements — Relais", filename="mes-engagements"
    )


@login_not_required
@never_cache
@require_GET
def feed(request, key: str, secret: str):
    """What a calendar app fetches with the private link: the owner's calendar, no session needed."""
    user = feeds.user_of_feed(key, secret)
    if user is None:
        raise Http404
    scope = Scope.for_user(user)
    response = calendar_response(
        selectors.my_occurrences(scope),
        name="Mes engagements — Relais",
        filename="mes-engagements",
        attachment=False,
        entries=hooks.feed_entries(scope),
    )
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_POST
def feed_regenerate(request):
    had_one = feeds.feed_of(request.scope) is not None
    feeds.calendar_feed_regenerate(scope=request.scope)
    messages.success(
        request,
        "Nouveau lien d'abonnement créé : l'ancien ne fonctionne plus."
        if had_one
        else "Votre lien d'abonnement est créé : ajoutez-le à votre application d'agenda.",
    )
    return redirect("conventions:my_commitments")


def my_commitments(request):
    late, upcoming = selectors.occurrences_due(request.scope)
    page, querystring = paginate(request, selectors.my_occurrences(request.scope))
    feed = feeds.feed_of(request.scope)
    return render(
        request,
        "conventions/my_commitments.html",
        {
            "page_title": "Mes engagements",
            "late": late,
            "upcoming": upcoming,
            "page_obj": page,
            "querystring": querystring,
            "breadcrumb": {"current": "Mes engagements"},
            "follow_up_kind": OccurrenceKind.FOLLOW_UP,
            "feed_url": feeds.feed_url(feed) if feed else "",
        },
    )
