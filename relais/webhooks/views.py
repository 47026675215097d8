"""Pages of the webhooks: my organisations' endpoints, a new one (its secret shown once), an endpoint with its
recent attempts, disable / enable / delete after confirmation, and a test event."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from relais.webhooks.forms import EndpointForm
from relais.webhooks.models import WebhookAttempt
from relais.webhooks.recording import record_ping
from relais.webhooks.services import (
    endpoint_create,
    endpoint_delete,
    endpoint_organizations,
    endpoint_set_active,
    endpoints_visible_to,
)

RECENT_ATTEMPTS = 50


def _require_manager(request):
    if not endpoint_organizations(request.scope).exists():
        raise PermissionDenied(
            "Seuls les coordinateurs et responsables d'une organisation gèrent ses webhooks."
        )


def _endpoint(request, pk):
    _require_manager(request)
    return get_object_or_404(endpoints_visible_to(request.scope), pk=pk)


def endpoint_list(request):
    _require_manager(request)
    endpoints = endpoints_visible_to(request.scope)
    return render(request, "webhooks/endpoint_list.html", {"page_title": "Webhooks", "endpoints": endpoints})


@require_http_methods(["GET", "POST"])
def endpoint_new(request):
    _require_manager(request)
    form = EndpointForm(request.POST or None, organizations=endpoint_organizations(request.scope))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            endpoint, secret = endpoint_create(
                organization=data["organization"],
                scope=request.scope,
                label=data["label"],
                url=data["url"],
                events=list(data["events"]),
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            # The secret is rendered in this answer only.
            response = render(
                request,
                "webhooks/endpoint_created.html",
                {"page_title": "Webhook enregistré", "endpoint": endpoint, "secret": secret},
            )
            response["Cache-Control"] = "no-store"
            return response
    return render(request, "webhooks/endpoint_form.html", {"page_title": "Nouveau webhook", "form": form})


def endpoint_detail(request, pk: int):
    endpoint = _endpoint(request, pk)
    attempts = (
        WebhookAttempt.objects.filter(delivery__endpoint=endpoint)
        .select_related("delivery")
        .order_by("-started_at", "-pk")[:RECENT_ATTEMPTS]
    )
    return render(
        request,
        "webhooks/endpoint_detail.html",
        {"page_title": f"Webhook « {endpoint.label} »", "endpoint": endpoint, "attempts": attempts},
    )


def _confirm_toggle(request, pk: int, *, active: bool):
    endpoint = _endpoint(request, pk)
    if request.method == "POST":
        endpoint_set_active(endpoint=endpoint, scope=request.scope, active=active)
        if active:
            messages.success(request, f"Le webhook « {endpoint.label} » est réactivé.")
        else:
            messages.success(
                request, f"Le webhook « {endpoint.label} » est désactivé : il ne reçoit plus rien."
            )
        return redirect("webhooks:detail", pk=endpoint.pk)
    return render(
        request,
        "webhooks/endpoint_confirm.html",
        {
            "page_title": "Réactiver le webhook" if active else "Désactiver le webhook",
            "endpoint": endpoint,
            "action": "enable" if active else "disable",
        },
    )


@require_http_methods(["GET", "POST"])
def endpoint_disable(request, pk: int):
    return _confirm_toggle(request, pk, active=False)


@require_http_methods(["GET", "POST"])
def endpoint_enable(request, pk: int):
    return _confirm_toggle(request, pk, active=True)


@require_http_methods(["GET", "POST"])
def endpoint_delete_view(request, pk: int):
    endpoint = _endpoint(request, pk)
    if request.method == "POST":
        label = endpoint.label
        endpoint_delete(endpoint=endpoint, scope=request.scope)
        messages.success(request, f"Le webhook « {label} » est supprimé.")
        return redirect("webhooks:list")
    return render(
        request,
        "webhooks/endpoint_confirm.html",
        {"page_title": "Supprimer le webhook", "endpoint": endpoint, "action": "delete"},
    )


@require_POST
def endpoint_test(request, pk: int):
    endpoint = _endpoint(request, pk)
    if not endpoint.is_active:
        messages.error(request, "Réactivez ce webhook avant de lui envoyer un événement de test.")
    else:
        record_ping(endpoint)
        messages.info(
            request, "Un événement de test est envoyé : son résultat s'affiche dans les tentatives."
        )
    return redirect("webhooks:detail", pk=endpoint.pk)
