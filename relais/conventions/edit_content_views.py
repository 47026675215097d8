"""Pages that edit what a convention sets out: its purposes and objectives, its axes and their actions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from relais.conventions import editing
from relais.conventions.edit_views import (
    child_or_404,
    confirm_removal,
    detail_url,
    editable_convention,
    formset_page,
    save_rows,
)
from relais.conventions.enums import StatementKind
from relais.conventions.forms import ActionFormSet, AxisForm, ObjectiveFormSet, PurposeFormSet
from relais.conventions.models import Action, Statement

# Purposes and objectives


@require_http_methods(["GET", "POST"])
def statements_edit(request, pk: int):
    convention = editable_convention(request, pk)
    data = request.POST or None
    formsets = {}
    for kind, formset_class, prefix in (
        (StatementKind.PURPOSE, PurposeFormSet, "objet"),
        (StatementKind.OBJECTIVE, ObjectiveFormSet, "objectifs"),
    ):
        initial = [
            {"pk": s.pk, "text": s.text, "details": "\n".join(s.details)}
            for s in convention.statements.all()
            if s.kind == kind
        ]
        formsets[kind] = formset_class(data, initial=initial, prefix=prefix)

    @transaction.atomic
    def save():
        for kind, formset in formsets.items():
            editing.statements_save(
                convention=convention,
                scope=request.scope,
                kind=kind,
                rows=formset.rows(["text", "details"]),
            )

    saved, errors = save_rows(
        request,
        convention,
        valid=all(f.is_valid() for f in formsets.values()),
        save=save,
        done="L'objet et les objectifs sont enregistrés.",
        anchor="objet",
    )
    if saved:
        return saved
    return formset_page(
        request,
        convention,
        title="Objet et objectifs",
        errors=errors,
        anchor="objet",
        sections=[
            {
                "title": "Objet de la convention",
                "formset": formsets[StatementKind.PURPOSE],
                "item": "Objet",
                "remove_url": "conventions:statement_remove",
            },
            {
                "title": "Objectifs communs",
                "formset": formsets[StatementKind.OBJECTIVE],
                "item": "Objectif",
                "remove_url": "conventions:statement_remove",
            },
        ],
        intro="Les lignes laissées vides sont ignorées.",
    )


@require_http_methods(["GET", "POST"])
def statement_remove(request, pk: int, statement_id: int):
    convention = editable_convention(request, pk)
    statement: Statement = child_or_404(convention.statements.all(), statement_id)
    return confirm_removal(
        request,
        convention,
        title="Supprimer un énoncé",
        what=f"l'énoncé « {statement.text[:120]} » ({statement.get_kind_display().lower()})",
        remove=lambda: editing.statement_remove(statement=statement, scope=request.scope),
        anchor="objet",
        done="L'énoncé est supprimé.",
    )


# Axes and actions


@require_http_methods(["GET", "POST"])
def axis_edit(request, pk: int, axis_id: int | None = None):
    convention = editable_convention(request, pk)
    axis = child_or_404(convention.axes.all(), axis_id) if axis_id else None
    form = AxisForm(
        request.POST or None, initial={"title": axis.title, "description": axis.description} if axis else None
    )
    formset = ActionFormSet(
        request.POST or None,
        prefix="actions",
        initial=[{"pk": a.pk, "text": a.text} for a in axis.actions.all()] if axis else [],
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            editing.axis_save(
                convention=convention,
                scope=request.scope,
                axis=axis,
                actions=formset.rows(["text"]),
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "L'axe et ses actions sont enregistrés.")
            return redirect(detail_url(convention, "axes"))
    title = f"Modifier l'axe : {axis.title}" if axis else "Ajouter un axe"
    return formset_page(
        request,
        convention,
        title=title,
        form=form,
        anchor="axes",
        sections=[
            {
                "title": "Actions de l'axe",
                "formset": formset,
                "item": "Action",
                "remove_url": "conventions:action_remove",
            }
        ],
        intro="Les actions sont listées dans l'ordre des rangs ; les lignes laissées vides sont ignorées.",
    )


@require_http_methods(["GET", "POST"])
def axis_remove(request, pk: int, axis_id: int):
    convention = editable_convention(request, pk)
    axis = child_or_404(convention.axes.all(), axis_id)
    count = len(axis.actions.all())
    return confirm_removal(
        request,
        convention,
        title="Supprimer un axe",
        what=f"l'axe « {axis} »",
        consequences=[
            f"{count} action{'s' if count > 1 else ''} listée{'s' if count > 1 else ''} sous cet axe "
            f"{'seront supprimées' if count > 1 else 'sera supprimée'} avec lui."
        ]
        if count
        else [],
        remove=lambda: editing.axis_remove(axis=axis, scope=request.scope),
        anchor="axes",
        done="L'axe est supprimé.",
    )


@require_http_methods(["GET", "POST"])
def action_remove(request, pk: int, action_id: int):
    convention = editable_convention(request, pk)
    action: Action = child_or_404(convention.actions.all(), action_id)
    return confirm_removal(
        request,
        convention,
        title="Supprimer une action",
        what=f"l'action « {action.text[:120]} »",
        remove=lambda: editing.action_remove(action=action, scope=request.scope),
        anchor="axes",
        done="L'action est supprimée.",
    )
