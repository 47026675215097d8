"""Convention pages: list, page, create/edit, lifecycle, calendar items, documents, commitments."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from relais.conventions import hooks, selectors, services
from relais.conventions.enums import (
    ConventionKind,
    ConventionStatus,
    FollowUpCadence,
    OccurrenceKind,
    OccurrenceStatus,
    PartyRole,
    RenewalRule,
    SignatoryCapacity,
    StatementKind,
)
from relais.conventions.exports import convention_export
from relais.conventions.forms import (
    ActivityPeriodForm,
    CommitmentForm,
    ConventionFilterForm,
    ConventionForm,
    DecisionTransitionForm,
    OccurrenceDoneForm,
    TransitionForm,
)
from relais.conventions.indicator_entries import targets_for
from relais.conventions.lifecycle import CONVENTION_LIFECYCLE
from relais.conventions.models import Convention, ConventionError, Occurrence
from relais.conventions.parents import descendant_ids
from relais.conventions.perms import can_contribute, can_create, can_edit
from relais.conventions.providers import convention_period
from relais.conventions.uploads import served_name
from relais.core.exports import requested_format
from relais.core.ids import parse_id
from relais.core.pagination import paginate
from relais.core.providers import Period, compute_sections
from relais.core.workflows import apply
from relais.organizations.models import Organization


def _breadcrumb(convention=None, current=""):
    links = [{"url": reverse("conventions:list"), "title": "Conventions"}]
    if convention is not None and current:
        links.append({"url": reverse("conventions:detail", args=[convention.pk]), "title": convention.title})
    return {"links": links, "current": current or (convention.title if convention else "Conventions")}


def convention_list(request):
    visible = selectors.conventions_visible_to(request.scope)
    form = ConventionFilterForm(request.GET or None, networks=selectors.partner_networks(request.scope))
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "kind": data["kind"],
            "region_code": data["region"],
            "status": data["status"],
            "network_id": data["network"].pk if data["network"] else None,
            "expiring_soon": data["expiring_soon"],
            "query": data["q"],
        }
    # Only the page's conventions are loaded; the tree order comes from narrow rows of all of them.
    places = selectors.tree_places(selectors.filter_conventions(visible, **filters))
    if fmt := requested_format(request):
        return convention_export(request, fmt=fmt, places=places)
    page, querystring = paginate(request, places)
    page.object_list = selectors.with_conventions(page.object_list)
    return render(
        request,
        "conventions/list.html",
        {
            "page_title": "Conventions",
            "form": form,
            "page_obj": page,
            "querystring": querystring,
            "filtered": any(filters.values()),
            "can_create": can_create(request.scope),
            "breadcrumb": {"current": "Conventions"},
        },
    )


def _signatory_lists(convention):
    """Split the signatories per party and capacity; later periods show those of the original text."""
    parties = list(convention.parties.all())
    original: dict = {}
    for signatory in selectors.original_signatories(convention):
        key = signatory.party.organization_id if signatory.party_id else None
        original.setdefault(key, []).append(signatory)
    by_party: dict = {}
    for signatory in convention.signatories.all():  # prefetched once for the whole page
        by_party.setdefault(signatory.party_id, []).append(signatory)
    for party in parties:
        own = by_party.get(party.pk, [])
        party.signed = [s for s in own if s.capacity == SignatoryCapacity.SIGNED]
        party.present = [s for s in own if s.capacity == SignatoryCapacity.PRESENT]
        party.original_signatories = [] if own else original.get(party.organization_id, [])
    loose = [s for s in convention.signatories.all() if not s.party_id] or original.get(None, [])
    return {
        "main_parties": [p for p in parties if p.role != PartyRole.STEERING],
        "steering_parties": [p for p in parties if p.role == PartyRole.STEERING],
        "loose_signed": [s for s in loose if s.capacity == SignatoryCapacity.SIGNED],
        "loose_present": [s for s in loose if s.capacity == SignatoryCapacity.PRESENT],
        "shows_original": bool(original) and not convention.signatories.all(),
        "original_period": selectors.first_period(convention)
        if convention.previous_period_id and not convention.signature_date
        else None,
    }


def _activity(request, convention) -> dict:
    """The figures the apps provide for the convention, over its period or the one asked in the address."""
    period = convention_period(convention)
    form = ActivityPeriodForm(
        request.GET if {"du", "au"} & set(request.GET) else None,
        initial={"du": period.start, "au": period.end},
    )
    if form.is_valid():
        period = Period(form.cleaned_data["du"], form.cleaned_data["au"])
    sections = compute_sections(convention=convention, period=period, scope=request.scope, breakdowns=False)
    figures = {value.code: value for section in sections for value in section.values}
    targets = targets_for(convention)
    indicators = list(convention.indicators.select_related("entry"))
    for i in indicators:  # the period's overall target beside the figure (the review shows them all)
        i.target = targets.get(i.code)
    return {
        "activity_period": period,
        "period_form": form,
        "figure_sections": sections,
        "figures": figures,
        "review_indicators": [(i, figures.get(i.code)) for i in indicators],
    }


def convention_detail(request, pk: int):
    convention = selectors.convention_for(request.scope, pk)
    occurrences = list(convention.occurrences.all())
    today = timezone.localdate()
    pending = [o for o in occurrences if o.status != OccurrenceStatus.DONE and o.due_date]
    # "Next" is counted from today: a point whose date has passed undone is late, never "next".
    coming = [o for o in pending if o.due_date >= today]
    next_follow_up = next((o for o in coming if o.kind == OccurrenceKind.FOLLOW_UP), None)
    next_review = next((o for o in coming if o.kind == OccurrenceKind.REVIEW), None)
    overdue = [o for o in pending if o.due_date < today and o.kind != OccurrenceKind.COMMITMENT]
    editable = can_edit(request.scope, convention)
    return render(
        request,
        "conventions/detail.html",
        {
            "page_title": convention.title,
            "convention": convention,
            "occurrences": occurrences,
            "next_follow_up": next_follow_up,
            "next_review": next_review,
            "overdue_points": overdue,
            "can_edit": editable,
            "can_contribute": can_contribute(request.scope, convention),
            "can_attach": convention.kind == ConventionKind.NATIONAL_FRAMEWORK and can_create(request.scope),
            "transitions": CONVENTION_LIFECYCLE.available(convention),
            "reminders": selectors.reminder_lines(convention, with_recipients=editable),
            "purposes": [s for s in convention.statements.all() if s.kind == StatementKind.PURPOSE],
            "objectives": [s for s in convention.statements.all() if s.kind == StatementKind.OBJECTIVE],
            "loose_actions": [a for a in convention.actions.all() if a.axis_id is None],
            "breadcrumb": _breadcrumb(convention),
            "sections": hooks.detail_sections(convention, request.scope),
            # An observer reads aggregates of frozen periods only, small counts masked: the roll-up, not live
            # figures over any period.
            **(
                {"review_indicators": [(i, None) for i in convention.indicators.all()]}
                if request.scope.aggregates_only
                else _activity(request, convention)
            ),
            **_signatory_lists(convention),
        },
    )


def _parents_for(scope):
    return (
        selectors.conventions_visible_to(scope)
        .exclude(kind=ConventionKind.LOCAL_APPLICATION)
        .order_by("title")
    )


def _preset_parent(request):
    """The framework chosen by "Rattacher un accord régional" on a national framework's page, if visible."""
    pk = parse_id(request.GET.get("parent"))
    if pk is None:
        return None
    return _parents_for(request.scope).filter(pk=pk).first()


@require_http_methods(["GET", "POST"])
def convention_create(request):
    if not can_create(request.scope):
        raise Http404
    own = (
        Organization.objects.all()
        if request.scope.is_platform
        else Organization.objects.filter(pk__in=request.scope.editor_ids)
    )
    initial = {
        "kind": ConventionKind.REGIONAL_CHARTER,
        "renewal_rule": RenewalRule.ANNUAL_ON_REVIEW,
        "followup_cadence": FollowUpCadence.HALF_YEARLY_POINT,
        "review_lead_months": 1,
        "duration_months": 12,
    }
    parent = _preset_parent(request)
    if parent is not None:
        initial["parent"] = parent.pk
    form = ConventionForm(
        request.POST or None, parents=_parents_for(request.scope), own_organizations=own, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                convention = services.convention_create(
                    scope=request.scope,
                    own_organization=form.cleaned_data["own_organization"],
                    partner_organizations=list(form.cleaned_data["partners"]),
                    **form.convention_fields(),
                )
                services.convention_set_indicators(
                    convention=convention, scope=request.scope, labels=form.indicator_labels()
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "La convention est créée en brouillon.")
            return redirect("conventions:detail", pk=convention.pk)
    title = f"Rattacher un accord régional à « {parent} »" if parent is not None else "Nouvelle convention"
    return render(
        request,
        "conventions/form.html",
        {
            "page_title": title,
            "form": form,
            "submit_label": "Créer la convention",
            "cancel_url": reverse("conventions:list"),
            "breadcrumb": _breadcrumb(current="Nouvelle convention"),
        },
    )


EDITED_FIELDS = (
    "title",
    "kind",
    "signature_place",
    "signature_date",
    "signature_date_unknown",
    "start_date",
    "duration_months",
    "duration_note",
    "end_date",
    "renewal_rule",
    "followup_cadence",
    "followup_note",
    "review_lead_months",
    "steering_committee",
    "deployment",
    "preamble",
    "communication",
    "is_incomplete",
    "missing_information",
)


@require_http_methods(["GET", "POST"])
def convention_edit(request, pk: int):
    convention = selectors.convention_for(request.scope, pk)
    if not can_edit(request.scope, convention):
        raise PermissionDenied
    initial = {name: getattr(convention, name) for name in EDITED_FIELDS}
    initial.update(
        parent=convention.parent_id,
        region=convention.region_id,
        indicators="\n".join(i.label for i in convention.indicators.all()),
    )
    parents = _parents_for(request.scope).exclude(pk=convention.pk).exclude(pk__in=descendant_ids(convention))
    if convention.parent_id:
        parents = parents | Convention.objects.filter(pk=convention.parent_id)
    form = ConventionForm(request.POST or None, parents=parents.distinct().order_by("title"), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.convention_update(
                    convention=convention, scope=request.scope, **form.convention_fields()
                )
                labels = form.indicator_labels()
                if labels != [i.label for i in convention.indicators.all()]:
                    services.convention_set_indicators(
                        convention=convention, scope=request.scope, labels=labels
                    )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "La convention est enregistrée.")
            return redirect("conventions:detail", pk=convention.pk)
    return render(
        request,
        "conventions/form.html",
        {
            "page_title": "Modifier la convention",
            "form": form,
            "submit_label": "Enregistrer",
            "cancel_url": reverse("conventions:detail", args=[convention.pk]),
            "breadcrumb": _breadcrumb(convention, "Modifier"),
        },
    )


@require_http_methods(["GET", "POST"])
def convention_transition(request, pk: int, name: str):
    convention = selectors.convention_for(request.scope, pk)
    transition = CONVENTION_LIFECYCLE.transition(name)
    if not CONVENTION_LIFECYCLE.allows(request.scope, convention, transition):
        raise PermissionDenied
    if transition.name == "renew" and (refusal := hooks.renewal_refusal(convention)):
        # The renewal is decided in the review: say where, without asking for a decision here.
        messages.error(request, refusal)
        return redirect("conventions:detail", pk=convention.pk)
    needs_decision = any(f.name == "note" and f.required for f in transition.fields)
    form = (DecisionTransitionForm if needs_decision else TransitionForm)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        values = {f.name: form.cleaned_data[f.name] for f in transition.fields if f.name != "note"}
        try:
            apply(
                CONVENTION_LIFECYCLE,
                convention,
                name,
                scope=request.scope,
                note=form.cleaned_data["note"],
                **values,
            )
        except ConventionError as error:
            messages.error(request, str(error))
            return redirect("conventions:detail", pk=convention.pk)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return _confirm_page(request, convention, transition, form, status=400)
        if transition.target == ConventionStatus.RENEWED:
            result = convention.next_period
            messages.success(
                request,
                f"Convention renouvelée : nouvelle période du {result.start_date:%d/%m/%Y} "
                f"au {result.end_date:%d/%m/%Y}.",
            )
            return redirect("conventions:detail", pk=result.pk)
        messages.success(request, f"Statut de la convention : {convention.get_status_display()}.")
        return redirect("conventions:detail", pk=convention.pk)
    if request.method == "GET" and not transition.needs_confirmation:
        return redirect("conventions:detail", pk=convention.pk)
    return _confirm_page(request, convention, transition, form, status=400 if form.errors else 200)


def _confirm_page(request, convention, transition, form, *, status=200):
    return render(
        request,
        "conventions/transition_confirm.html",
        {
            "page_title": transition.label,
            "convention": convention,
            "transition": transition,
            "form": form,
            "ask_signature_date": any(field.name == "signature_date" for field in transition.fields),
            "breadcrumb": _breadcrumb(convention, transition.label),
        },
        status=status,
    )


def _occurrence_for(scope, pk: int) -> Occurrence:
    occurrence = get_object_or_404(
        Occurrence.objects.select_related("convention", "commitment__party"), pk=pk
    )
    selectors.convention_for(scope, occurrence.convention_id)  # 404 outside the principal's scope
    return occurrence


@require_http_methods(["GET", "POST"])
def occurrence_done(request, pk: int):
    occurrence = _occurrence_for(request.scope, pk)
    convention = occurrence.convention
    if not can_edit(request.scope, convention):
        raise PermissionDenied
    today = timezone.localdate()
    form = OccurrenceDoneForm(
        request.POST or None,
        request.FILES or None,
        documents=convention.documents.all(),
        initial={"done_on": min(today, occurrence.due_date or today)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.occurrence_mark_done(
                occurrence=occurrence,
                scope=request.scope,
                done_on=data["done_on"],
                note=data["note"] or "",
                document=data["document"],
                uploaded_file=data["file"] or None,
            )
        except ValidationError as error:
            form.add_error("file", error)
        except ConventionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"« {occurrence.title} » est marqué comme réalisé.")
            return redirect(reverse("conventions:detail", args=[convention.pk]) + "#calendrier")
    return render(
        request,
        "conventions/occurrence_done.html",
        {
            "page_title": "Marquer comme réalisé",
            "occurrence": occurrence,
            "convention": convention,
            "form": form,
            "breadcrumb": _breadcrumb(convention, "Marquer comme réalisé"),
        },
    )


def document_download(request, pk: int, document_id: int):
    convention = selectors.convention_for(request.scope, pk)
    document = get_object_or_404(convention.documents, pk=document_id)
    # Always an attachment, under the detected type's extension (rows stored before this rule included).
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=served_name(document.original_name, document.stored_name.rsplit(".", 1)[-1]),
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_http_methods(["GET", "POST"])
def commitment_add(request, pk: int):
    convention = selectors.convention_for(request.scope, pk)
    if not can_edit(request.scope, convention):
        raise PermissionDenied
    form = CommitmentForm(request.POST or None, parties=convention.parties.all())
    if request.method == "POST" and form.is_valid():
        services.commitment_add(convention=convention, scope=request.scope, **form.cleaned_data)
        messages.success(request, "L'engagement est ajouté.")
        return redirect(reverse("conventions:detail", args=[convention.pk]) + "#engagements")
    return render(
        request,
        "conventions/form.html",
        {
            "page_title": "Ajouter un engagement",
            "form": form,
            "submit_label": "Ajouter",
            "cancel_url": reverse("conventions:detail", args=[convention.pk]),
            "breadcrumb": _breadcrumb(convention, "Ajouter un engagement"),
        },
    )
