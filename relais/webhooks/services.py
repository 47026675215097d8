"""Writes and reads of webhook endpoints: register (the secret shown once), enable, disable, delete."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from relais.api.tokens import TOKEN_MANAGER_ROLES, token_organizations
from relais.core.notifications import notify
from relais.core.scope import Scope
from relais.core.services import audit
from relais.organizations.models import Organization
from relais.webhooks.enums import DeliveryStatus, EventType
from relais.webhooks.models import WebhookEndpoint
from relais.webhooks.signing import endpoint_secret, new_salt

# Who registers and manages an organisation's endpoints: those who manage its API tokens.
ENDPOINT_MANAGER_ROLES = TOKEN_MANAGER_ROLES
DISABLED_AFTER_FAILURES = "Désactivé après {count} échecs consécutifs."


def endpoint_organizations(scope: Scope) -> QuerySet[Organization]:
    return token_organizations(scope)


def endpoints_visible_to(scope: Scope) -> QuerySet[WebhookEndpoint]:
    return WebhookEndpoint.objects.filter(organization__in=endpoint_organizations(scope)).select_related(
        "organization", "created_by"
    )


def _address(host: str):
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def _is_loopback(host: str) -> bool:
    address = _address(host)
    return host == "localhost" or (address is not None and address.is_loopback)


def _is_private(host: str) -> bool:
    address = _address(host)
    return _is_loopback(host) or (address is not None and not address.is_global)


def validate_url(url: str) -> str:
    """An HTTPS address. This machine's or a private network's address only when RELAIS_WEBHOOKS_ALLOW_LOCAL
    is on (development and tests), and plain HTTP then only to this machine (127.0.0.1, localhost).

    Addresses are checked as written: a public name that resolves to a private address is not caught here."""
    url = (url or "").strip()
    try:
        URLValidator(schemes=["https", "http"])(url)
    except ValidationError:
        raise ValidationError(
            {"url": "Indiquez une adresse complète, par exemple https://exemple.fr/relais."}
        ) from None
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.username or parts.password:
        raise ValidationError({"url": "L'adresse ne doit pas contenir d'identifiant ni de mot de passe."})
    if _is_private(host) and not settings.RELAIS_WEBHOOKS_ALLOW_LOCAL:
        raise ValidationError(
            {"url": "Cette adresse est celle d'un réseau privé : indiquez une adresse publique."}
        )
    if parts.scheme != "https" and not _is_loopback(host):
        raise ValidationError({"url": "L'adresse doit commencer par https:// (connexion chiffrée)."})
    return url


def validate_events(events: list[str]) -> list[str]:
    if not events:
        raise ValidationError({"events": "Choisissez au moins un événement."})
    unknown = sorted(set(events) - set(EventType.values))
    if unknown:
        raise ValidationError({"events": "Événement inconnu : " + ", ".join(unknown) + "."})
    return sorted(set(events))


def _check_manager(scope: Scope, organization_id: int) -> None:
    if not endpoint_organizations(scope).filter(pk=organization_id).exists():
        raise PermissionDenied(
            "Seuls les coordinateurs et responsables de l'organisation gèrent ses webhooks."
        )


@transaction.atomic
def endpoint_create(
    *, organization: Organization, scope: Scope, label: str, url: str, events: list[str]
) -> tuple[WebhookEndpoint, str]:
    """Register an endpoint; returns it with its signing secret, shown once."""
    _check_manager(scope, organization.pk)
    errors = {}
    if not (label or "").strip():
        errors["label"] = "Indiquez à quoi sert ce point de réception."
    for check, value in ((validate_url, url), (validate_events, events)):
        try:
            value = check(value)
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    salt = new_salt()
    secret = endpoint_secret(salt)
    endpoint = WebhookEndpoint.objects.create(
        organization=organization,
        label=label.strip(),
        url=validate_url(url),
        events=validate_events(events),
        secret_salt=salt,
        secret_prefix=secret[:12],
        created_by=scope.actor,
    )
    audit(
        actor=scope.actor,
        action="webhook.create",
        obj=endpoint,
        organization=organization.pk,
        events=endpoint.events,
    )
    return endpoint, secret


def _skip_pending(endpoint: WebhookEndpoint) -> None:
    endpoint.deliveries.filter(status=DeliveryStatus.PENDING).update(status=DeliveryStatus.SKIPPED)


@transaction.atomic
def endpoint_set_active(*, endpoint: WebhookEndpoint, scope: Scope, active: bool) -> WebhookEndpoint:
    """Disable (its waiting deliveries are dropped) or enable again (its failure count starts from zero)."""
    _check_manager(scope, endpoint.organization_id)
    endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
    if endpoint.is_active == active:
        return endpoint
    endpoint.is_active = active
    if active:
        endpoint.disabled_at, endpoint.disabled_reason, endpoint.consecutive_failures = None, "", 0
    else:
        endpoint.disabled_at, endpoint.disabled_reason = timezone.now(), "Désactivé par un responsable."
        _skip_pending(endpoint)
    endpoint.save(update_fields=["is_active", "disabled_at", "disabled_reason", "consecutive_failures"])
    audit(actor=scope.actor, action="webhook.enable" if active else "webhook.disable", obj=endpoint)
    return endpoint


@transaction.atomic
def endpoint_delete(*, endpoint: WebhookEndpoint, scope: Scope) -> None:
    _check_manager(scope, endpoint.organization_id)
    audit(actor=scope.actor, action="webhook.delete", obj=endpoint, organization=endpoint.organization_id)
    endpoint.delete()


def endpoint_disable_after_failures(*, endpoint: WebhookEndpoint) -> None:
    """Called by the sending, on the locked row: disable it, audit, and e-mail its organisation's managers."""
    from relais.webhooks.notifications import WebhookEndpointDisabled

    endpoint.is_active = False
    endpoint.disabled_at = timezone.now()
    endpoint.disabled_reason = DISABLED_AFTER_FAILURES.format(count=endpoint.consecutive_failures)
    endpoint.save(update_fields=["is_active", "disabled_at", "disabled_reason"])
    _skip_pending(endpoint)
    audit(actor=None, action="webhook.auto_disable", obj=endpoint, failures=endpoint.consecutive_failures)
    notify(WebhookEndpointDisabled, obj=endpoint, scope=Scope.system(), key=endpoint.disabled_at.isoformat())
