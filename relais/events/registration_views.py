"""Registration pages: a professional registers themself, a Mission Locale registers its young people, moves."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from relais.core.ids import parse_id
from relais.core.search import warn_if_capped
from relais.core.workflows import DomainError
from relais.events import registrations, selectors
from relais.events.forms import NoteForm, YouthRegistrationForm, YouthSearchForm
from relais.events.lifecycle import REGISTRATION_LIFECYCLE
from relais.events.perms import youth_registering_ml_ids
from relais.events.views import apply_errors
from relais.youths.selectors import youth_list, youths_visible_to

MAX_RESULTS = 20


@require_POST
def register_self(request, pk):
    event = selectors.event_for(request.scope, pk)
    try:
        registration = registrations.registration_add_staff(event=event, scope=request.scope)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        if registration.status == "waitlisted":
            messages.info(request, "L'événement est complet : vous êtes en liste d'attente.")
        else:
            messages.success(request, "Vous êtes inscrit·e.")
    return redirect("events:detail", pk=pk)


@require_http_methods(["GET", "POST"])
def register_youth(request, pk):
    """Search the young person (name or I-Milo id, own Mission Locale, bounded), tick the consent, register."""
    scope = request.scope
    event = selectors.event_for(scope, pk)
    ml_ids = youth_registering_ml_ids(scope, event)
    if not ml_ids:
        raise PermissionDenied("Vous ne pouvez pas inscrire de jeunes à cet événement.")
    reachable = youths_visible_to(scope).filter(mission_locale_id__in=ml_ids, archived_at__isnull=True)
    data = request.POST if request.method == "POST" else request.GET
    search = YouthSearchForm(data)
    query = search.cleaned_data.get("q", "") if search.is_valid() else ""
    chosen = None
    if data.get("youth"):
        # Another Mission Locale's young person, or an id made up: not found, whatever the reason.
        youth_pk = parse_id(data["youth"])
        chosen = reachable.filter(pk=youth_pk).first() if youth_pk is not None else None
        if chosen is None:
            raise Http404("Jeune introuvable.")
    form = YouthRegistrationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            if chosen is None:
                raise ValidationError({"youth": "Choisissez le jeune dans les résultats de la recherche."})
            registration = registrations.registration_add_youth(
                event=event, youth=chosen, scope=scope, consent_recorded=True
            )
        except ValidationError as error:
            apply_errors(form, error)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            waiting = registration.status == "waitlisted"
            messages.success(request, "Jeune inscrit en liste d'attente." if waiting else "Jeune inscrit.")
            return redirect("events:detail", pk=pk)
    results = []
    if query.strip():
        warn_if_capped(request, query)
        already = event.registrations.exclude(youth=None).values("youth_id")
        found = youth_list(scope, query=query).filter(pk__in=reachable.values("pk")).exclude(pk__in=already)
        results = [youth for youth in found[: MAX_RESULTS + 1] if youth != chosen]
    more = len(results) > MAX_RESULTS
    results = results[:MAX_RESULTS]
    shown = [youth.pk for youth in results] + ([chosen.pk] if chosen else [])
    from relais.youths.services import log_youth_list

    log_youth_list(
        scope=scope,
        youth_ids=shown,
        what=f"Jeunes proposés à l'inscription à l'événement n°{event.pk}",
        path=request.path,
    )
    return render(
        request,
        "events/register_youth.html",
        {
            "page_title": f"Inscrire un jeune : {event.title}",
            "event": event,
            "form": form,
            "search": search,
            "query": query,
            "results": results,
            "more": more,
            "chosen": chosen,
        },
    )


@require_http_methods(["GET", "POST"])
def registration_move(request, pk, registration_pk, name):
    scope = request.scope
    event = selectors.event_for(scope, pk)
    registration = selectors.registration_for(scope, event, registration_pk)
    transition = REGISTRATION_LIFECYCLE.transition(name)
    form = NoteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            if name == "register":
                registrations.registration_accept(registration=registration, scope=scope)
            else:
                registrations.registration_move(
                    registration=registration,
                    name=name,
                    scope=scope,
                    note=form.cleaned_data.get("note") or "",
                )
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{transition.label} : c'est fait.")
        return redirect("events:detail", pk=pk)
    return render(
        request,
        "events/registration_confirm.html",
        {
            "page_title": transition.label,
            "event": event,
            "registration": registration,
            "transition": transition,
            "form": form,
        },
    )
