"""Pages of the events: calendar (month and list), my events, the event page, its form and its moves."""

import calendar as month_calendar
import datetime
import zoneinfo

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods
from dsfr.utils import list_pages

from relais.conventions.selectors import conventions_visible_to
from relais.core.exports import requested_format
from relais.core.pagination import paginate
from relais.core.workflows import DomainError
from relais.events import selectors, services
from relais.events.enums import OrganizerRole
from relais.events.exports import event_export
from relais.events.forms import CalendarFilterForm, CancelForm, EventForm, NoteForm, RescheduleForm
from relais.events.lifecycle import EVENT_LIFECYCLE
from relais.events.perms import can_manage, can_register_self, can_register_youths, organizing_organizations
from relais.events.selectors import CalendarFilters

MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"]  # fmt: skip
TZ = zoneinfo.ZoneInfo(settings.TIME_ZONE)


def _posted(request):
    return request.POST if request.method == "POST" else None


def apply_errors(form, error: ValidationError):
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _month(value: str) -> datetime.date:
    today = timezone.localdate()
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        return (
            datetime.date(year, month, 1)
            if 2000 <= year <= 2100 and 1 <= month <= 12
            else today.replace(day=1)
        )
    except ValueError:
        return today.replace(day=1)


def calendar(request):
    scope = request.scope
    form = CalendarFilterForm(
        request.GET or None, conventions=conventions_visible_to(scope).order_by("title")
    )
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    filters = CalendarFilters(
        kind=data.get("kind") or "",
        convention_id=data["convention"].pk if data.get("convention") else None,
        department_id=data["department"].pk if data.get("department") else None,
        audience=data.get("audience") or "",
    )
    if fmt := requested_format(request):
        queryset = selectors.upcoming_events(scope, filters=filters)
        return event_export(
            request, fmt=fmt, filename="evenements", title="Événements à venir", queryset=queryset
        )
    view = data.get("vue") or "mois"
    query = request.GET.copy()
    query.pop("mois", None)
    query.pop("page", None)
    query.pop("vue", None)
    context = {"page_title": "Événements", "form": form, "view": view, "filters_query": query.urlencode()}
    context["can_create"] = organizing_organizations(scope).exists()
    if view == "liste":
        page, page_query = paginate(request, selectors.upcoming_events(scope, filters=filters))
        list_pages(page)
        context.update(page=page, page_query=page_query)
        return render(request, "events/calendar.html", context)
    first = _month(data.get("mois") or "")
    days = month_calendar.monthrange(first.year, first.month)[1]
    start = datetime.datetime.combine(first, datetime.time(), TZ)
    end = start + datetime.timedelta(days=days)
    events = list(selectors.calendar_events(scope, start=start, end=end, filters=filters)[:500])
    by_day: dict[int, list] = {}
    for event in events:
        for slot in event.slots.all():
            local = timezone.localtime(slot.starts_at)
            if local.year == first.year and local.month == first.month:
                by_day.setdefault(local.day, []).append((local, event))
    weeks = month_calendar.Calendar().monthdayscalendar(first.year, first.month)
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = first + datetime.timedelta(days=days)
    context.update(
        month_label=f"{MONTHS[first.month - 1]} {first.year}",
        weeks=[[(day, by_day.get(day, [])) for day in week] for week in weeks],
        previous=f"{previous:%Y-%m}",
        following=f"{following:%Y-%m}",
        events=events,
    )
    return render(request, "events/calendar.html", context)


def my_events(request):
    if fmt := requested_format(request):
        queryset = selectors.my_events(request.scope)
        return event_export(
            request, fmt=fmt, filename="mes-evenements", title="Mes événements", queryset=queryset
        )
    page, page_query = paginate(request, selectors.my_events(request.scope))
    list_pages(page)
    return render(
        request,
        "events/my_events.html",
        {"page_title": "Mes événements", "page": page, "page_query": page_query},
    )


def event_detail(request, pk):
    scope = request.scope
    event = selectors.event_for(scope, pk)
    organiser = can_manage(scope, event)
    seen = selectors.registrations_seen_by(scope, event, organiser=organiser)
    if seen.shown_youth_ids:
        from relais.youths.services import log_youth_list

        log_youth_list(
            scope=scope,
            youth_ids=seen.shown_youth_ids,
            what=f"Inscrits à l'événement n°{event.pk}",
            path=request.path,
        )
    # The organising structure first, then its co-organisers and speakers.
    organizers = sorted(event.organizers.all(), key=lambda o: o.role != OrganizerRole.ORGANISER)
    return render(
        request,
        "events/detail.html",
        {
            "page_title": event.title,
            "event": event,
            "organizers": organizers,
            "slots": list(event.slots.all()),
            "seen": seen,
            "organiser": organiser,
            "transitions": EVENT_LIFECYCLE.available(event, scope) if organiser else [],
            "own": selectors.own_registration(scope, event),
            "can_register_self": can_register_self(scope, event),
            "can_register_youths": can_register_youths(scope, event),
            "observer": scope.aggregates_only,
            "started": event.starts_at is not None and event.starts_at <= timezone.now(),
        },
    )


def _form_kwargs(scope, event=None):
    organizers = organizing_organizations(scope)
    ids = set(organizers.values_list("pk", flat=True))
    if event is not None:
        ids |= {o.organization_id for o in event.organizers.all()}
    return {"organizers": organizers, "conventions": selectors.conventions_for_organizers(ids)}


@require_http_methods(["GET", "POST"])
def event_create(request):
    scope = request.scope
    kwargs = _form_kwargs(scope)
    if not kwargs["organizers"].exists():
        raise PermissionDenied("Vous n'organisez d'événement pour aucune structure.")
    form = EventForm(_posted(request), **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(
                scope=scope,
                organizer=form.cleaned_data["organizer"],
                slots=form.cleaned_data["slots"],
                partners=[
                    (o, OrganizerRole.CO_ORGANISER) for o in form.cleaned_data.get("co_organisers") or []
                ],
                **form.perimeter_values(),
                **form.service_fields(),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, "Événement enregistré en brouillon : publiez-le pour inviter les Missions Locales."
            )
            return redirect("events:detail", pk=event.pk)
    return render(request, "events/form.html", {"page_title": "Nouvel événement", "form": form})


@require_http_methods(["GET", "POST"])
def event_edit(request, pk):
    scope = request.scope
    event = selectors.event_for(scope, pk)
    if not can_manage(scope, event):
        raise PermissionDenied
    draft = event.status == "draft"
    initial = {
        **{name: getattr(event, name) for name in services.EDITABLE_FIELDS},
        "organizer": next(
            (o.organization_id for o in event.organizers.all() if o.role == OrganizerRole.ORGANISER), None
        ),
        "co_organisers": [
            o.organization_id for o in event.organizers.all() if o.role == OrganizerRole.CO_ORGANISER
        ],
        "perimeter": event.perimeter,
        "mission_locales": [ml.pk for ml in event.invited_mission_locales.all()],
    }
    for i, slot in enumerate(event.slots.all()[:3], start=1):
        local_start, local_end = timezone.localtime(slot.starts_at), timezone.localtime(slot.ends_at)
        initial.update(
            {
                f"slot_{i}_date": local_start.date(),
                f"slot_{i}_start": local_start.time(),
                f"slot_{i}_end": local_end.time(),
            }
        )
    form = EventForm(_posted(request), initial=initial, slots_editable=draft, **_form_kwargs(scope, event))
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(
                event=event,
                scope=scope,
                slots=form.cleaned_data["slots"] if draft else None,
                partners=[
                    (o, OrganizerRole.CO_ORGANISER) for o in form.cleaned_data.get("co_organisers") or []
                ],
                **form.perimeter_values(),
                **form.service_fields(),
            )
        except ValidationError as error:
            apply_errors(form, error)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Événement modifié.")
            return redirect("events:detail", pk=event.pk)
    return render(
        request, "events/form.html", {"page_title": f"Modifier : {event.title}", "form": form, "event": event}
    )


@require_http_methods(["GET", "POST"])
def event_move(request, pk, name):
    scope = request.scope
    event = selectors.event_for(scope, pk)
    transition = EVENT_LIFECYCLE.transition(name)
    if name == "reschedule":
        return event_reschedule(request, event)
    form_class = CancelForm if name == "cancel" else NoteForm
    form = form_class(_posted(request))
    if request.method == "POST" and (form.is_valid() or not transition.needs_confirmation):
        values = form.cleaned_data if form.is_valid() else {}
        try:
            if name == "cancel":
                services.event_move(
                    event=event, name=name, scope=scope, cancel_reason=values.get("cancel_reason")
                )
            else:
                services.event_move(event=event, name=name, scope=scope, note=values.get("note", ""))
        except ValidationError as error:
            apply_errors(form, error)
        except DomainError as error:
            messages.error(request, str(error))
            return redirect("events:detail", pk=pk)
        else:
            messages.success(request, f"{transition.label} : c'est fait.")
            return redirect("events:detail", pk=pk)
    return render(
        request,
        "events/confirm.html",
        {
            "page_title": f"{transition.label} : {event.title}",
            "event": event,
            "transition": transition,
            "form": form,
        },
    )


def event_reschedule(request, event):
    form = RescheduleForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.event_reschedule(
                event=event, scope=request.scope, slots=form.slots(), note=form.cleaned_data.get("note") or ""
            )
        except ValidationError as error:
            apply_errors(form, error)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Événement reporté : les inscrits gardent leur place.")
            return redirect("events:detail", pk=event.pk)
    transition = EVENT_LIFECYCLE.transition("reschedule")
    return render(
        request,
        "events/confirm.html",
        {"page_title": f"Reporter : {event.title}", "event": event, "transition": transition, "form": form},
    )
