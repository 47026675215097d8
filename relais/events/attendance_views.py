"""Pages after the event: the attendance checklist, the outcome and headcount, the documents."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from relais.core.ids import parse_id
from relais.core.words import plural
from relais.core.workflows import DomainError
from relais.events import attendance, selectors
from relais.events.forms import DocumentForm, OutcomeForm
from relais.events.perms import can_manage


def _managed(request, pk):
    event = selectors.event_for(request.scope, pk)
    if not can_manage(request.scope, event):
        raise PermissionDenied("Seules les structures qui organisent l'événement y ont accès.")
    return event


@require_http_methods(["GET", "POST"])
def attendance_checklist(request, pk):
    scope = request.scope
    event = _managed(request, pk)
    seen = selectors.registrations_seen_by(scope, event, organiser=True)
    if request.method == "POST":
        ids = [parse_id(value) for value in request.POST.getlist("present")[:5000]]
        if None in ids:
            raise Http404
        # Only the rows the checklist shows: young people not shown by name are their Mission Locale's to mark.
        rows = [*seen.staff, *(line.registration for line in seen.youths)]
        shown = {r.pk for r in rows if r.status in attendance.ATTENDANCE_SOURCES}
        try:
            counts = attendance.attendance_record(
                event=event,
                scope=scope,
                present_ids=ids,
                absent_ids=shown - set(ids),
            )
        except (ValidationError, DomainError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(
                request,
                f"Présences enregistrées : {plural(counts['attended'], 'présent', 'présents')}, "
                f"{plural(counts['no_show'], 'absent', 'absents')} de plus.",
            )
            return redirect("events:detail", pk=pk)
    if seen.shown_youth_ids:
        from relais.youths.services import log_youth_list

        log_youth_list(
            scope=scope,
            youth_ids=seen.shown_youth_ids,
            what=f"Émargement de l'événement n°{event.pk}",
            path=request.path,
        )
    return render(
        request,
        "events/attendance.html",
        {
            "page_title": f"Présences : {event.title}",
            "event": event,
            "seen": seen,
            "started": event.starts_at is not None and event.starts_at <= timezone.now(),
        },
    )


@require_http_methods(["GET", "POST"])
def outcome(request, pk):
    event = _managed(request, pk)
    form = OutcomeForm(
        request.POST if request.method == "POST" else None,
        initial={"outcome": event.outcome, "headcount": event.headcount},
    )
    if request.method == "POST" and form.is_valid():
        try:
            attendance.event_outcome_set(
                event=event,
                scope=request.scope,
                outcome=form.cleaned_data.get("outcome") or "",
                headcount=form.cleaned_data.get("headcount"),
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Bilan enregistré.")
            return redirect("events:detail", pk=pk)
    return render(
        request, "events/outcome.html", {"page_title": f"Bilan : {event.title}", "event": event, "form": form}
    )


@require_http_methods(["GET", "POST"])
def document_upload(request, pk):
    event = _managed(request, pk)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            attendance.event_document_upload(
                event=event,
                scope=request.scope,
                uploaded_file=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                kind=form.cleaned_data["kind"],
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, "Document déposé.")
            return redirect("events:detail", pk=pk)
    return render(
        request,
        "events/document_form.html",
        {"page_title": f"Déposer un document : {event.title}", "event": event, "form": form},
    )


def document_download(request, pk, document_pk):
    event = selectors.event_for(request.scope, pk)
    document = event.documents.filter(pk=document_pk).first()
    if document is None or request.scope.aggregates_only:
        raise Http404
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )


@require_POST
def document_remove(request, pk, document_pk):
    event = _managed(request, pk)
    document = event.documents.filter(pk=document_pk).first()
    if document is None:
        raise Http404
    attendance.event_document_remove(document=document, scope=request.scope)
    messages.success(request, "Document retiré.")
    return redirect("events:detail", pk=pk)
