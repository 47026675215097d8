"""Registration pages: a professional registers themself, a Mission Locale registers its young people, moves."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from relais.core.workflows import DomainError
from relais.events import registrations, selectors
from relais.events.forms import NoteForm, YouthRegistrationForm
from relais.events.lifecycle import REGISTRATION_LIFECYCLE
from relais.events.perms import youth_registering_ml_ids
from relais.events.views import apply_errors
from relais.youths.selectors import youths_visible_to


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
    scope = request.scope
    event = selectors.event_for(scope, pk)
    ml_ids = youth_registering_ml_ids(scope, event)
    if not ml_ids:
        raise PermissionDenied("Vous ne pouvez pas inscrire de jeunes à cet événement.")
    already = event.registrations.exclude(youth=None).values("youth_id")
    youths = (
        youths_visible_to(scope)
        .filter(mission_locale_id__in=ml_ids, archived_at__isnull=True)
        .exclude(pk__in=already)
        .order_by("last_name", "first_name")
    )
    form = YouthRegistrationForm(request.POST if request.method == "POST" else None, youths=youths)
    if request.method == "POST" and form.is_valid():
        try:
            registration = registrations.registration_add_youth(
                event=event, youth=form.cleaned_data["youth"], scope=scope, consent_recorded=True
            )
        except ValidationError as error:
            apply_errors(form, error)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            waiting = registration.status == "waitlisted"
            messages.success(request, "Jeune inscrit en liste d'attente." if waiting else "Jeune inscrit.")
            return redirect("events:detail", pk=pk)
    from relais.youths.services import log_youth_list

    log_youth_list(
        scope=scope,
        youth_ids=[youth.pk for youth in form.fields["youth"].queryset],
        what=f"Jeunes proposés à l'inscription à l'événement n°{event.pk}",
        path=request.path,
    )
    return render(
        request,
        "events/register_youth.html",
        {"page_title": f"Inscrire un jeune : {event.title}", "event": event, "form": form},
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
