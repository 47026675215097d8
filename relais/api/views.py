"""Pages of the API tokens: my organisations' tokens, a new one (its secret shown once), a token with its
recent calls, revocation after confirmation; and the API's documentation page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from relais.api.forms import TokenForm
from relais.api.tokens import token_create, token_organizations, token_revoke, tokens_visible_to

RECENT_CALLS = 50


def _require_manager(request):
    from django.core.exceptions import PermissionDenied

    if not token_organizations(request.scope).exists():
        raise PermissionDenied(
            "Seuls les coordinateurs et responsables d'une organisation gèrent ses jetons."
        )


def token_list(request):
    _require_manager(request)
    tokens = tokens_visible_to(request.scope)
    return render(request, "api/token_list.html", {"page_title": "Jetons d'API", "tokens": tokens})


@require_http_methods(["GET", "POST"])
def token_new(request):
    _require_manager(request)
    organizations = token_organizations(request.scope)
    form = TokenForm(request.POST or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            token, secret = token_create(
                organization=data["organization"],
                scope=request.scope,
                label=data["label"],
                scopes=list(data["scopes"]),
                expires_on=data["expires_on"],
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            # The secret is rendered in this answer only: it is stored nowhere.
            response = render(
                request,
                "api/token_created.html",
                {"page_title": "Jeton créé", "token": token, "secret": secret},
            )
            response["Cache-Control"] = "no-store"
            return response
    return render(request, "api/token_form.html", {"page_title": "Nouveau jeton d'API", "form": form})


def token_detail(request, pk: int):
    _require_manager(request)
    token = get_object_or_404(tokens_visible_to(request.scope), pk=pk)
    calls = token.calls.order_by("-created_at", "-pk")[:RECENT_CALLS]
    return render(
        request,
        "api/token_detail.html",
        {"page_title": f"Jeton « {token.label} »", "token": token, "calls": calls},
    )


@require_http_methods(["GET", "POST"])
def token_revoke_view(request, pk: int):
    _require_manager(request)
    token = get_object_or_404(tokens_visible_to(request.scope), pk=pk)
    if request.method == "POST":
        token_revoke(token=token, scope=request.scope)
        messages.success(request, f"Le jeton « {token.label} » est révoqué : il ne permet plus aucun appel.")
        return redirect("api:token_detail", pk=token.pk)
    return render(request, "api/token_revoke.html", {"page_title": "Révoquer le jeton", "token": token})
