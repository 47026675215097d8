"""Pages that edit what a convention sets out: its purposes and objectives, its axes and their actions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from relais.conventions import editing
from relais.conventions.edit_views import (
    Removal,
    child_or_404,
    detail_url,
    editable_convention,
    formset_page,
    removal_view,
    save_rows,
)
from relais.conventions.enums import StatementKind
from relais.conventions.forms import ActionFormSet, AxisForm, ObjectiveFormSet, PurposeFormSet

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
        statements = [s for s in convention.statements.all() if s.kind == kind]
        formsets[kind] = formset_class(data, initial=formset_class.initial_from(statements), prefix=prefix)

    @transaction.atomic
    def save():
        for kind, formset in formsets.items():
            editing.statements_save(
                convention=convention,
                scope=request.scope,
                kind=kind,
                rows=formset.rows(),
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


statement_remove = removal_view(
    Removal(
        "un énoncé",
        "l'énoncé",
        editing.statement_remove,
        "objet",
        related="statements",
        name=lambda statement: statement.text[:120],
        detail=lambda statement: statement.get_kind_display().lower(),
    )
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
        initial=ActionFormSet.initial_from(axis.actions.all()) if axis else [],
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            editing.axis_save(
                convention=convention,
                scope=request.scope,
                axis=axis,
                actions=formset.rows(),
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


def _actions_removed_with(axis) -> list[str]:
    count = len(axis.actions.all())
    if not count:
        return []
    plural = count > 1
    return [
        f"{count} action{'s' if plural else ''} listée{'s' if plural else ''} sous cet axe "
        f"{'seront supprimées' if plural else 'sera supprimée'} avec lui."
    ]


axis_remove = removal_view(
    Removal(
        "un axe", "l'axe", editing.axis_remove, "axes", related="axes", consequences=_actions_removed_with
    )
)
action_remove = removal_view(
    Removal(
        "une action",
        "l'action",
        editing.action_remove,
        "axes",
        related="actions",
        feminine=True,
        name=lambda action: action.text[:120],
    )
)
