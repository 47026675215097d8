"""Pages of the sign-in sheet import: upload and preview, confirmation, the template file."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from relais.core.exports import xlsx_response
from relais.core.words import plural
from relais.core.workflows import DomainError
from relais.events import signin
from relais.events.attendance_views import _managed
from relais.events.forms import SigninImportForm
from relais.youths.services import log_youth_list

SESSION_KEY = "events_signin_import"


def _importable(request, pk):
    """The event, when the organiser may import its sheet now; else a message and the event page."""
    event = _managed(request, pk)
    try:
        signin.check_can_import(request.scope, event)
    except DomainError as error:
        messages.error(request, str(error))
        return event, redirect("events:detail", pk=pk)
    return event, None


def _preview(request, event, report, filename):
    log_youth_list(
        scope=request.scope,
        youth_ids=report.shown_youth_ids,
        what=f"Aperçu d'une feuille d'émargement de l'événement n°{event.pk}",
        path=request.path,
    )
    return render(
        request,
        "events/signin_preview.html",
        {
            "page_title": f"Feuille d'émargement : {event.title}",
            "event": event,
            "report": report,
            "filename": filename,
        },
    )


@require_http_methods(["GET", "POST"])
def signin_upload(request, pk):
    event, refused = _importable(request, pk)
    if refused:
        return refused
    form = SigninImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        # A new upload replaces any pending one: a confirmation saves only the file last previewed.
        previous = request.session.pop(SESSION_KEY, None)
        if previous:
            signin.delete_upload(previous.get("token", ""))
        report = signin.analyse(event=event, scope=request.scope, content=content, filename=upload.name)
        if report.ok:
            request.session[SESSION_KEY] = {
                "token": signin.store_upload(content),
                "event": event.pk,
                "filename": upload.name[:100],
            }
        return _preview(request, event, report, upload.name)
    return render(
        request,
        "events/signin_import.html",
        {
            "page_title": f"Importer une feuille d'émargement : {event.title}",
            "event": event,
            "form": form,
            "headers": [header for _, header in signin.COLUMNS],
        },
    )


@require_POST
def signin_commit(request, pk):
    event, refused = _importable(request, pk)
    if refused:
        return refused
    pending = request.session.get(SESSION_KEY) or {}
    content = signin.load_upload(pending.get("token", "")) if pending.get("event") == event.pk else None
    if content is None:
        request.session.pop(SESSION_KEY, None)
        messages.error(request, "Le fichier à importer n'est plus disponible : déposez-le à nouveau.")
        return redirect("events:signin", pk=pk)
    report = signin.attendance_import(
        event=event, scope=request.scope, content=content, filename=pending["filename"]
    )
    if not report.committed:
        return _preview(request, event, report, pending["filename"])
    signin.delete_upload(pending["token"])
    request.session.pop(SESSION_KEY, None)
    messages.success(
        request,
        f"Feuille d'émargement importée : {plural(report.present, 'présent', 'présents')}, "
        f"{plural(report.absent, 'absent', 'absents')}, "
        f"dont {plural(report.walk_ins, 'inscription sur place', 'inscriptions sur place')}.",
    )
    return redirect("events:detail", pk=pk)


def signin_template(request, pk):
    event = _managed(request, pk)
    rows, youth_ids = signin.template_rows(request.scope, event)
    if youth_ids:
        from relais.youths.services import log_youth_export

        log_youth_export(
            scope=request.scope,
            youth_ids=youth_ids,
            file_format="xlsx",
            filters=f"(feuille d'émargement de l'événement n°{event.pk})",
            path=request.path,
        )
    header = [header for _, header in signin.COLUMNS]
    return xlsx_response(f"emargement-evenement-{event.pk}", header, rows, title="Émargement")
