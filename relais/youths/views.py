"""Pages of the young people's records: list, export, detail, form, archive, import."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST
from dsfr.utils import list_pages

from relais.core.exports import EXPORT_FORMATS, list_export
from relais.core.pagination import paginate
from relais.core.search import warn_if_capped
from relais.youths import imports
from relais.youths.enums import PRIORITY_FLAGS, ImportStatus
from relais.youths.forms import YouthFilterForm, YouthForm, YouthImportForm
from relais.youths.hooks import detail_panels
from relais.youths.import_jobs import errors_of, youth_import_for_user, youth_import_queue
from relais.youths.import_parsing import HEADER_ALIASES, OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from relais.youths.import_template import template_response
from relais.youths.selectors import (
    has_youth_access,
    youth_for_user,
    youth_mission_locales,
)
from relais.youths.selectors import (
    youth_list as select_youth_list,
)
from relais.youths.services import (
    log_youth_list,
    log_youth_read,
)
from relais.youths.services import (
    youth_archive as archive_youth,
)
from relais.youths.services import (
    youth_create as create_youth,
)
from relais.youths.services import (
    youth_update as update_youth,
)

SESSION_IMPORT_KEY = "youths_import"
# The follow-up page's steps: checking the rows, saving them, the result.
STEP_TITLES = ["Vérification des lignes", "Enregistrement des fiches", "Résultat de l'import"]
IMPORT_STEPS = {
    ImportStatus.QUEUED: 1,
    ImportStatus.CHECKING: 1,
    ImportStatus.SAVING: 2,
    ImportStatus.DONE: 3,
    ImportStatus.FAILED: 3,
}
HTMX_STOP_POLLING = 286
LIST_CRUMB = {"title": "Jeunes", "url": "/jeunes/"}


def _require_youth_access(scope) -> None:
    if not has_youth_access(scope):
        raise PermissionDenied("Les fiches des jeunes sont réservées aux équipes des Missions Locales.")


def _filtered(request):
    form = YouthFilterForm(request.GET or None, mission_locale_ids=request.scope.mission_locale_ids)
    filters = form.cleaned_data if form.is_valid() else {}
    queryset = select_youth_list(
        request.scope,
        query=filters.get("q") or "",
        counsellor_id=filters.get("counsellor"),
        flags=filters.get("flags") or [],
        rome_family=filters.get("rome_family") or "",
    )
    return form, queryset


def youth_list(request):
    _require_youth_access(request.scope)
    form, queryset = _filtered(request)
    warn_if_capped(request, request.GET.get("q"))
    page, querystring = paginate(request, queryset)
    list_pages(page)
    log_youth_list(
        scope=request.scope,
        youth_ids=[youth.pk for youth in page.object_list],
        what="Liste des jeunes suivis",
        path=request.get_full_path(),
    )
    return render(
        request,
        "youths/youth_list.html",
        {
            "page_title": "Jeunes suivis",
            "form": form,
            "page_obj": page,
            "querystring": querystring,
            "flag_labels": PRIORITY_FLAGS,
            "breadcrumb": {"current": "Jeunes"},
        },
    )


EXPORT_HEADER = [
    "Identifiant I-Milo",
    "Nom",
    "Prénom",
    "Date de naissance",
    "Code INSEE commune",
    "Commune",
    "Niveau de qualification",
    *PRIORITY_FLAGS.values(),
    "Permis",
    "Véhicule",
    "Distance max (km)",
    "Codes ROME/OGR recherchés",
    "Consentement (date)",
    "Périmètre du consentement",
    "Conseiller·ère",
]


def _export_row(youth) -> list:
    return [
        youth.imilo_id or "",
        youth.last_name,
        youth.first_name,
        youth.birth_date,
        youth.commune.code,
        youth.commune.name,
        youth.get_qualification_level_display(),
        *["oui" if getattr(youth, flag) else "non" for flag in PRIORITY_FLAGS],
        "oui" if youth.driving_licence else "non",
        "oui" if youth.has_vehicle else "non",
        youth.max_distance_km,
        ", ".join(title.ogr_code for title in youth.sought_titles.all()),
        youth.consent_given_at,
        youth.get_consent_scope_display(),
        str(youth.counsellor or ""),
    ]


def youth_export(request):
    """The filtered list, all pages, through the one list-export helper (bounded, typed, access-logged)."""
    _require_youth_access(request.scope)
    file_format = request.GET.get("format", "csv")
    if file_format not in EXPORT_FORMATS:
        file_format = "csv"
    _, queryset = _filtered(request)
    return list_export(
        request,
        fmt=file_format,
        filename="jeunes",
        title="Jeunes suivis",
        header=EXPORT_HEADER,
        items=queryset,
        row=_export_row,
        youth_ids=lambda youth: [youth.pk],
    )


def youth_detail(request, pk):
    youth = youth_for_user(request.scope, pk)
    log_youth_read(scope=request.scope, youth=youth, path=request.path)
    return render(
        request,
        "youths/youth_detail.html",
        {
            "page_title": str(youth),
            "youth": youth,
            "flags": [label for name, label in PRIORITY_FLAGS.items() if getattr(youth, name)],
            "panels": detail_panels(youth, request.scope),
            "breadcrumb": {"links": [LIST_CRUMB], "current": str(youth)},
        },
    )


@require_http_methods(["GET", "POST"])
def youth_create(request):
    _require_youth_access(request.scope)
    mission_locales = youth_mission_locales(request.scope)
    form = YouthForm(
        request.POST or None, mission_locales=mission_locales, acting_person_id=request.scope.person_id
    )
    if request.method == "POST" and form.is_valid():
        try:
            youth = create_youth(
                mission_locale=form.cleaned_data["mission_locale"],
                scope=request.scope,
                sought_titles=form.cleaned_data["sought_titles"],
                **form.service_fields(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"La fiche de {youth} a été créée.")
            return redirect("youths:detail", pk=youth.pk)
    return render(
        request,
        "youths/youth_form.html",
        {
            "page_title": "Nouveau jeune",
            "form": form,
            "breadcrumb": {"links": [LIST_CRUMB], "current": "Nouveau jeune"},
        },
    )


@require_http_methods(["GET", "POST"])
def youth_edit(request, pk):
    youth = youth_for_user(request.scope, pk)
    if youth.is_archived:
        messages.warning(request, "Ce jeune est archivé : sa fiche ne peut plus être modifiée.")
        return redirect("youths:detail", pk=youth.pk)
    mission_locales = youth_mission_locales(request.scope).filter(pk=youth.mission_locale_id)
    if request.method == "POST":
        data = request.POST.copy()
        data["mission_locale"] = youth.mission_locale_id  # a record never moves to another ML from this form
        form = YouthForm(data, mission_locales=mission_locales)
        if form.is_valid():
            try:
                update_youth(
                    youth=youth,
                    scope=request.scope,
                    sought_titles=form.cleaned_data["sought_titles"],
                    **form.service_fields(),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "La fiche a été mise à jour.")
                return redirect("youths:detail", pk=youth.pk)
    else:
        # The form shows the whole record: it is a read of personal data.
        log_youth_read(scope=request.scope, youth=youth, path=request.path)
        form = YouthForm(initial=YouthForm.initial_from(youth), mission_locales=mission_locales)
    return render(
        request,
        "youths/youth_form.html",
        {
            "page_title": f"Modifier la fiche de {youth}",
            "form": form,
            "youth": youth,
            "breadcrumb": {
                "links": [
                    LIST_CRUMB,
                    {"title": str(youth), "url": reverse("youths:detail", args=[youth.pk])},
                ],
                "current": "Modifier",
            },
        },
    )


@require_http_methods(["GET", "POST"])
def youth_archive(request, pk):
    youth = youth_for_user(request.scope, pk)
    if request.method == "POST":
        try:
            archive_youth(youth=youth, scope=request.scope)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"La fiche de {youth} a été archivée.")
        return redirect("youths:list")
    log_youth_read(scope=request.scope, youth=youth, path=request.path)
    return render(
        request,
        "youths/youth_archive.html",
        {
            "page_title": f"Archiver la fiche de {youth}",
            "youth": youth,
            "breadcrumb": {
                "links": [
                    LIST_CRUMB,
                    {"title": str(youth), "url": reverse("youths:detail", args=[youth.pk])},
                ],
                "current": "Archiver",
            },
        },
    )


def _log_import_preview(request, report) -> None:
    """The preview names the records the file matches: those already stored are logged as a list shown."""
    if report.errors:
        return  # the page then lists the errors only, no row of the file
    existing = [row.existing.pk for row in report.rows if row.existing is not None]
    log_youth_list(scope=request.scope, youth_ids=existing, what="Aperçu d'un import", path=request.path)


def _import_context(**extra):
    return {
        "page_title": "Importer des jeunes",
        "required_headers": [header for _, header in REQUIRED_COLUMNS],
        "optional_headers": [header for _, header in OPTIONAL_COLUMNS],
        "aliases": [
            (header, HEADER_ALIASES[key])
            for key, header in REQUIRED_COLUMNS + OPTIONAL_COLUMNS
            if key in HEADER_ALIASES
        ],
        "max_mb": f"{settings.RELAIS_IMPORT_MAX_BYTES / 1_048_576:g}".replace(".", ","),
        "max_rows": f"{settings.RELAIS_IMPORT_MAX_ROWS:,}".replace(",", "\u202f"),
        "breadcrumb": {"links": [LIST_CRUMB], "current": "Importer"},
        **extra,
    }


@require_http_methods(["GET", "POST"])
def youth_import(request):
    _require_youth_access(request.scope)
    mission_locales = youth_mission_locales(request.scope)
    form = YouthImportForm(request.POST or None, request.FILES or None, mission_locales=mission_locales)
    if request.method == "POST" and form.is_valid():
        mission_locale = form.cleaned_data["mission_locale"]
        upload = form.cleaned_data["file"]
        content = upload.read()
        # A new upload replaces any pending one, so a confirmation can only ever save the file last previewed.
        previous = request.session.pop(SESSION_IMPORT_KEY, None)
        if previous:
            imports.delete_upload(previous.get("token", ""))
        report = imports.analyse(mission_locale=mission_locale, content=content, filename=upload.name)
        if report.ok:
            request.session[SESSION_IMPORT_KEY] = {
                "token": imports.store_upload(content),
                "mission_locale": mission_locale.pk,
                "filename": upload.name[:100],
            }
        _log_import_preview(request, report)
        return render(
            request,
            "youths/youth_import_preview.html",
            _import_context(
                report=report,
                mission_locale=mission_locale,
                filename=upload.name,
            ),
        )
    return render(request, "youths/youth_import.html", _import_context(form=form))


@require_http_methods(["GET"])
def youth_import_template(request, file_format):
    """The import template (project headings, one example row): nobody's data, for anyone who may import."""
    _require_youth_access(request.scope)
    return template_response(file_format)


@require_POST
def youth_import_commit(request):
    """Hand the previewed file to the job queue and follow it (the analysis is run again there)."""
    _require_youth_access(request.scope)
    pending = request.session.pop(SESSION_IMPORT_KEY, None) or {}
    mission_locale = youth_mission_locales(request.scope).filter(pk=pending.get("mission_locale")).first()
    token = pending.get("token", "")
    if mission_locale is None or imports.load_upload(token) is None:
        messages.error(request, "Le fichier à importer n'est plus disponible : déposez-le à nouveau.")
        return redirect("youths:import")
    job = youth_import_queue(
        mission_locale=mission_locale, scope=request.scope, upload_token=token, filename=pending["filename"]
    )
    return redirect("youths:import_status", pk=job.pk)


@require_http_methods(["GET"])
def youth_import_status(request, pk):
    """The import's progress; htmx polls its fragment, which answers 286 (stop polling) once finished."""
    _require_youth_access(request.scope)
    job = youth_import_for_user(request.scope, pk)
    context = _import_context(
        job=job,
        errors=errors_of(job),
        step=IMPORT_STEPS[job.status],
        steps=len(STEP_TITLES),
        next_step=STEP_TITLES[IMPORT_STEPS[job.status]]
        if IMPORT_STEPS[job.status] < len(STEP_TITLES)
        else "",
        page_title=f"Import de « {job.filename} »",
    )
    if request.htmx:
        return render(
            request,
            "youths/youth_import_status.html#status",
            context,
            status=HTMX_STOP_POLLING if job.is_finished else 200,
        )
    return render(request, "youths/youth_import_status.html", context)
