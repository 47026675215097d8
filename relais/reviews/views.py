"""The review pages: the figures of a period, its moves (freeze, COPIL, decision), comments and exports."""

import functools

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from relais.conventions.perms import can_edit
from relais.core.exports import csv_response, xlsx_bytes_response, xlsx_workbook
from relais.core.pagination import paginate
from relais.core.workflows import apply
from relais.reviews import exports, selectors, services
from relais.reviews.dashboards import has_dashboard
from relais.reviews.enums import COMMENTABLE, ExportStatus
from relais.reviews.figures import figures_of
from relais.reviews.forms import CommentForm, MoveForm, PresentForm
from relais.reviews.models import ReviewError
from relais.reviews.rollup import can_read_rollup
from relais.reviews.snapshot import review_period, values_of
from relais.reviews.workflow import REVIEW_WORKFLOW


def figures_unmasked(view):
    """Views of one period's figures as its parties see them: an observer (aggregates only) reads the frozen
    reviews in the roll-up instead, small counts masked."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.scope.aggregates_only:
            messages.info(
                request,
                "Les observateurs consultent les bilans arrêtés dans leur consolidation, les petits effectifs "
                "masqués.",
            )
            return redirect("reviews:rollup")
        return view(request, *args, **kwargs)

    return wrapper


def _breadcrumb(convention, current=""):
    links = [
        {"url": reverse("conventions:list"), "title": "Conventions"},
        {"url": reverse("conventions:detail", args=[convention.pk]), "title": str(convention)},
    ]
    if current:
        links.append({"url": reverse("reviews:detail", args=[convention.pk]), "title": "Bilan annuel"})
    return {"links": links, "current": current or "Bilan annuel"}


@figures_unmasked
def review_list(request):
    page, page_query = paginate(request, selectors.reviews_visible_to(request.scope))
    return render(
        request,
        "reviews/list.html",
        {
            "page_title": "Bilans annuels",
            "page": page,
            "page_query": page_query,
            "has_dashboard": has_dashboard(request.scope),
            "can_read_rollup": can_read_rollup(request.scope),
        },
    )


@figures_unmasked
def review_detail(request, pk: int):
    scope = request.scope
    convention, review = selectors.review_of(scope, pk)
    editable = can_edit(scope, convention)
    values = values_of(review, scope)
    latest_export = review.exports.filter(computed_at=review.computed_at).first() if review.pk else None
    return render(
        request,
        "reviews/detail.html",
        {
            "page_title": f"Bilan annuel — {convention}",
            "convention": convention,
            "review": review,
            "period": review_period(review),
            "sections": figures_of(review, values, scope),
            "commitments": selectors.commitments_of(convention),
            "can_edit": editable,
            "transitions": REVIEW_WORKFLOW.available(review, scope) if editable else [],
            "can_comment": editable and review.status in COMMENTABLE,
            "comment_form": CommentForm(),
            "comments": list(review.comments.all()) if review.pk else [],
            "history": list(review.transitions.all()) if review.pk else [],
            "export": latest_export,
            "breadcrumb": _breadcrumb(convention),
        },
    )


def _move_form(request, review, transition):
    # A move that asks nothing posts an empty form: bound all the same.
    data = request.POST if request.method == "POST" else None
    if transition.name == "present":
        events = selectors.steering_events(review.convention)
        # The steering meeting held last is most likely the COPIL being recorded.
        held = events.filter(starts_at__lte=timezone.now()).first()
        initial = {"copil_event": held, "copil_date": timezone.localdate(held.starts_at)} if held else {}
        return PresentForm(data, request.FILES if data is not None else None, events=events, initial=initial)
    form = MoveForm(data)
    asked = {f.name: f for f in transition.fields}
    for name in list(form.fields):
        if name not in asked:
            del form.fields[name]
        else:
            form.fields[name].required = asked[name].required
    return form


@require_http_methods(["GET", "POST"])
def review_transition(request, pk: int, name: str):
    scope = request.scope
    convention, review = selectors.review_of(scope, pk)
    transition = REVIEW_WORKFLOW.transition(name)
    if not can_edit(scope, convention):
        raise PermissionDenied
    form = _move_form(request, review, transition)
    if request.method == "POST" and form.is_valid():
        try:
            review = services.review_open(convention=convention, scope=scope)
            if name == "present":
                data = form.cleaned_data
                services.review_present(
                    review=review,
                    scope=scope,
                    uploaded_file=data["minutes"],
                    copil_date=data["copil_date"],
                    copil_attendees=data["copil_attendees"],
                    copil_event=data["copil_event"],
                )
            else:
                values = {
                    f.name: form.cleaned_data.get(f.name) for f in transition.fields if f.name != "note"
                }
                apply(
                    REVIEW_WORKFLOW,
                    review,
                    name,
                    scope=scope,
                    note=form.cleaned_data.get("note", ""),
                    **values,
                )
        except ReviewError as error:
            messages.error(request, str(error))
            return redirect("reviews:detail", pk=convention.pk)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return _confirm(request, convention, review, transition, form, status=400)
        messages.success(request, _done_message(review, convention))
        return redirect("reviews:detail", pk=convention.pk)
    return _confirm(request, convention, review, transition, form, status=400 if form.errors else 200)


def _done_message(review, convention) -> str:
    review.refresh_from_db()
    if review.next_period_id:
        nxt = review.next_period
        return f"Renouvellement enregistré : nouvelle période du {nxt.start_date:%d/%m/%Y} au {nxt.end_date:%d/%m/%Y}."
    return f"Bilan : {review.get_status_display()}."


def _confirm(request, convention, review, transition, form, *, status=200):
    return render(
        request,
        "reviews/transition_confirm.html",
        {
            "page_title": transition.label,
            "convention": convention,
            "review": review,
            "transition": transition,
            "form": form,
            "breadcrumb": _breadcrumb(convention, transition.label),
        },
        status=status,
    )


@require_POST
def review_comment(request, pk: int):
    scope = request.scope
    convention, review = selectors.review_of(scope, pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Écrivez votre commentaire (2 000 caractères au plus).")
        return redirect("reviews:detail", pk=convention.pk)
    try:
        if not can_edit(scope, convention):
            raise PermissionDenied
        review = services.review_open(convention=convention, scope=scope)
        services.comment_add(review=review, scope=scope, text=form.cleaned_data["text"])
    except ReviewError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Commentaire ajouté au bilan.")
    return redirect(reverse("reviews:detail", args=[convention.pk]) + "#commentaires")


def _frozen(request, pk: int):
    convention, review = selectors.review_of(request.scope, pk)
    if not review.pk or not review.is_frozen:
        raise Http404("Les chiffres de ce bilan ne sont pas encore arrêtés.")
    return review


@figures_unmasked
def review_csv(request, pk: int):
    review = _frozen(request, pk)
    return csv_response(
        exports.export_filename(review), exports.CSV_HEADER, exports.csv_rows(review, request.scope)
    )


@figures_unmasked
def review_xlsx(request, pk: int):
    review = _frozen(request, pk)
    return xlsx_bytes_response(
        exports.export_filename(review), xlsx_workbook(exports.xlsx_sheets(review, request.scope))
    )


@require_POST
def review_pdf_request(request, pk: int):
    review = _frozen(request, pk)
    try:
        export = services.export_request(review=review, scope=request.scope)
    except ReviewError as error:
        messages.error(request, str(error))
        return redirect("reviews:detail", pk=pk)
    if request.htmx:
        return _export_status(request, review, export)
    return redirect(reverse("reviews:detail", args=[pk]) + "#export")


def _export_status(request, review, export):
    return render(
        request, "reviews/_export.html", {"review": review, "convention": review.convention, "export": export}
    )


def _party_export(request, pk: int, export_id: int, **filters):
    """A PDF of the parties (observers have none: see services.export_request)."""
    review = _frozen(request, pk)
    if request.scope.aggregates_only:
        raise Http404("Le PDF du bilan est réservé aux parties de la convention.")
    return review, get_object_or_404(review.exports, pk=export_id, **filters)


def review_pdf_status(request, pk: int, export_id: int):
    review, export = _party_export(request, pk, export_id)
    return _export_status(request, review, export)


def review_pdf_download(request, pk: int, export_id: int):
    review, export = _party_export(request, pk, export_id, status=ExportStatus.DONE)
    response = FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=f"{exports.export_filename(review)}.pdf",
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
