"""The managers' page of memberships suggested by ProConnect logins: confirm with a role, or refuse."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from dsfr.forms import DsfrBaseForm

from relais.accounts.models import MembershipSuggestion, SuggestionStatus
from relais.accounts.proconnect import services
from relais.core.scope import Scope, scope_of
from relais.organizations.enums import INSTITUTION_KINDS, PARTNER_KINDS, OrganizationKind, Role


def pending_suggestions(scope: Scope) -> QuerySet[MembershipSuggestion]:
    """Suggestions waiting for a decision in the organisations the principal manages (404 for any other)."""
    qs = MembershipSuggestion.objects.filter(status=SuggestionStatus.PENDING).select_related(
        "user", "organization"
    )
    if scope.is_platform_staff:
        return qs
    return qs.filter(organization_id__in=scope.managed_ids)


def default_role(organization) -> str:
    if organization.kind == OrganizationKind.MISSION_LOCALE:
        return Role.COUNSELLOR
    if organization.kind in PARTNER_KINDS:
        return Role.PARTNER_RECRUITER
    if organization.kind in INSTITUTION_KINDS:
        return Role.OBSERVER
    return Role.COORDINATOR


class ConfirmForm(DsfrBaseForm):
    role = forms.ChoiceField(label="Rôle dans l'organisation", choices=Role.choices)


def _form(suggestion, data=None) -> ConfirmForm:
    return ConfirmForm(
        data, prefix=f"s{suggestion.pk}", initial={"role": default_role(suggestion.organization)}
    )


def suggestion_list(request):
    suggestions = list(pending_suggestions(scope_of(request)).order_by("organization__name", "created_at"))
    return render(
        request,
        "accounts/proconnect_suggestions.html",
        {
            "page_title": "Rattachements proposés par ProConnect",
            "rows": [(suggestion, _form(suggestion)) for suggestion in suggestions],
        },
    )


@require_POST
def suggestion_confirm(request, pk: int):
    scope = scope_of(request)
    suggestion = get_object_or_404(pending_suggestions(scope), pk=pk)
    form = _form(suggestion, request.POST)
    if form.is_valid():
        try:
            services.membership_suggestion_confirm(
                suggestion=suggestion, role=form.cleaned_data["role"], scope=scope
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                f"{suggestion.user.email} est rattaché·e à {suggestion.organization} "
                f"({Role(form.cleaned_data['role']).label}).",
            )
        return redirect("accounts:proconnect_suggestions")
    return render(
        request,
        "accounts/proconnect_suggestions.html",
        {
            "page_title": "Rattachements proposés par ProConnect",
            "rows": [
                (row, form if row.pk == suggestion.pk else _form(row))
                for row in pending_suggestions(scope).order_by("organization__name", "created_at")
            ],
        },
        status=400,
    )


def suggestion_refuse(request, pk: int):
    scope = scope_of(request)
    suggestion = get_object_or_404(pending_suggestions(scope), pk=pk)
    if request.method == "POST":
        services.membership_suggestion_refuse(suggestion=suggestion, scope=scope)
        messages.success(
            request, f"Le rattachement de {suggestion.user.email} à {suggestion.organization} est refusé."
        )
        return redirect("accounts:proconnect_suggestions")
    return render(
        request,
        "accounts/proconnect_suggestion_refuse.html",
        {"page_title": "Refuser un rattachement", "suggestion": suggestion},
    )
