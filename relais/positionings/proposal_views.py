"""Proposals and suggestions: from a young person's record or an opportunity, the argument page, the proposal."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from relais.opportunities.selectors import opportunity_for_user
from relais.positionings import selectors
from relais.positionings.forms import ProposeForm, YouthSearchForm
from relais.positionings.models import PositioningError
from relais.positionings.outcomes import CurrentOutcome, current_outcome_of, describe
from relais.positionings.perms import is_partner_user
from relais.positionings.services import positioning_propose
from relais.positionings.suggestions import suggest_opportunities, suggest_youths
from relais.positionings.views import HOME_CRUMB, log_shown
from relais.youths.selectors import has_youth_access, youth_for_user, youth_list
from relais.youths.services import log_youth_read


def youth_positionings(request, pk):
    """From the young person's record: their positionings and the opportunities suggested for them."""
    youth = youth_for_user(request.scope, pk)
    log_youth_read(scope=request.scope, youth=youth, path=request.path)
    current = current_outcome_of(youth)
    # A young person already hired or in training gets no suggestion (the counsellor may still propose them).
    suggestions = [] if current else suggest_opportunities(request.scope, youth)
    return render(
        request,
        "positionings/youth_positionings.html",
        {
            "page_title": f"Positionnements de {youth}",
            "youth": youth,
            "positionings": selectors.positionings_of_youth(request.scope, youth),
            "suggestions": suggestions,
            "current_outcome_text": describe(current) if current else "",
            "breadcrumb": {
                "links": [
                    {"title": "Jeunes", "url": "/jeunes/"},
                    {"title": str(youth), "url": reverse("youths:detail", args=[youth.pk])},
                ],
                "current": "Positionnements",
            },
        },
    )


def opportunity_positionings(request, pk):
    """From an opportunity: the ML's positionings on it, suggested young people and a search to propose one."""
    if not has_youth_access(request.scope):
        if is_partner_user(request.scope):
            return redirect(reverse("positionings:received") + f"?opportunite={pk}")
        raise PermissionDenied
    opportunity = opportunity_for_user(request.scope, pk)
    search = YouthSearchForm(request.GET or None)
    found = []
    if search.is_valid() and search.cleaned_data["q"]:
        found = list(youth_list(request.scope, query=search.cleaned_data["q"])[:20])
    positionings = list(selectors.positionings_of_opportunity(request.scope, opportunity))
    suggestions = suggest_youths(request.scope, opportunity)
    log_shown(
        request,
        [y.pk for y in found] + [p.youth_id for p in positionings] + [s.obj.pk for s in suggestions],
        f"Positionner sur l'opportunité n°{opportunity.pk}",
    )
    return render(
        request,
        "positionings/opportunity_positionings.html",
        {
            "page_title": f"Positionner sur « {opportunity} »",
            "opportunity": opportunity,
            "positionings": positionings,
            "suggestions": suggestions,
            "search": search,
            "found": found,
            "breadcrumb": {
                "links": [
                    {"title": "Opportunités", "url": "/opportunites/"},
                    {
                        "title": str(opportunity),
                        "url": reverse("opportunities:detail", args=[opportunity.pk]),
                    },
                ],
                "current": "Positionner un jeune",
            },
        },
    )


@require_http_methods(["GET", "POST"])
def propose(request):
    """The argument page of a proposal (argument, availability, consent shown), then the confirmed proposal."""
    if not has_youth_access(request.scope):
        raise PermissionDenied
    if request.method == "POST":
        form = ProposeForm(request.POST)
        ids = ProposeForm(
            {"youth": request.POST.get("youth"), "opportunity": request.POST.get("opportunity")}
        )
    else:
        ids = form = ProposeForm(
            {"youth": request.GET.get("jeune"), "opportunity": request.GET.get("opportunite")}
        )
    if not ids.is_valid() and ({"youth", "opportunity"} & set(ids.errors)):
        raise Http404("Jeune ou opportunité manquant.")
    youth = youth_for_user(request.scope, ids.cleaned_data["youth"])
    opportunity = opportunity_for_user(request.scope, ids.cleaned_data["opportunity"])
    current = current_outcome_of(youth)
    status = 200
    if request.method == "GET":
        form = ProposeForm(initial={"youth": youth.pk, "opportunity": opportunity.pk})
    elif form.is_valid():
        try:
            positioning = positioning_propose(
                youth=youth,
                opportunity=opportunity,
                scope=request.scope,
                motivation=form.cleaned_data.get("motivation") or "",
                availability=form.cleaned_data.get("availability") or "",
                despite_current_outcome=form.cleaned_data.get("despite_current_outcome", False),
            )
        except CurrentOutcome as exc:
            form.add_error("despite_current_outcome", str(exc))
            status = 400
        except (PositioningError, PermissionDenied) as exc:
            form.add_error(None, str(exc) or "Vous ne pouvez pas proposer ce jeune sur cette opportunité.")
            status = 400
        else:
            messages.success(
                request,
                f"{youth} est proposé·e sur « {opportunity.display_title} » : le référent de votre Mission "
                "Locale va valider et transmettre le positionnement.",
            )
            return redirect("positionings:detail", pk=positioning.pk)
    else:
        status = 400
    log_youth_read(scope=request.scope, youth=youth, path=request.path)
    return render(
        request,
        "positionings/propose.html",
        {
            "page_title": "Proposer un jeune",
            "form": form,
            "youth": youth,
            "opportunity": opportunity,
            "current_outcome": current,
            "current_outcome_text": describe(current) if current else "",
            "breadcrumb": {"links": [HOME_CRUMB], "current": "Proposer un jeune"},
        },
        status=status,
    )
