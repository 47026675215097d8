"""Writes and reads of API tokens: create (the secret shown once), revoke, resolve a secret to its Scope."""

import datetime
import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from relais.api.enums import TokenScope
from relais.api.models import PREFIX_LENGTH, ApiToken
from relais.core.scope import MANAGER_ROLES, Scope
from relais.core.services import audit
from relais.organizations.models import Membership, Organization

# Secrets read "rls_" + 40 URL-safe characters; the prefix stored is the 8 characters after "rls_".
SECRET_MARK = "rls_"
MAX_LIFETIME_DAYS = 365
# Roles that create and revoke their organisation's tokens (its coordinators and managers).
TOKEN_MANAGER_ROLES = MANAGER_ROLES


def hash_secret(secret: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), secret.encode(), hashlib.sha256).hexdigest()


def token_organizations(scope: Scope) -> QuerySet[Organization]:
    """Organisations whose tokens the principal manages: where they are coordinator or manager."""
    ids = scope.organization_ids_with(TOKEN_MANAGER_ROLES)
    return Organization.objects.filter(pk__in=ids, is_active=True).order_by("name")


def tokens_visible_to(scope: Scope) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(organization__in=token_organizations(scope)).select_related(
        "organization", "created_by", "revoked_by"
    )


def validate_token_fields(*, label: str, scopes: list[str], expires_on: datetime.date | None) -> dict:
    errors: dict[str, list[str]] = {}
    today = timezone.localdate()
    if not label.strip():
        errors["label"] = ["Indiquez à quoi sert ce jeton."]
    unknown = sorted(set(scopes) - set(TokenScope.values))
    if not scopes:
        errors["scopes"] = ["Choisissez au moins un droit."]
    elif unknown:
        errors["scopes"] = ["Droit inconnu : " + ", ".join(unknown) + "."]
    if expires_on is None:
        errors["expires_on"] = ["Indiquez la date d'expiration."]
    elif expires_on <= today:
        errors["expires_on"] = ["La date d'expiration doit être dans le futur."]
    elif expires_on > today + datetime.timedelta(days=MAX_LIFETIME_DAYS):
        errors["expires_on"] = ["Un jeton vaut au plus un an : choisissez une date plus proche."]
    if errors:
        raise ValidationError(errors)
    return {"label": label.strip(), "scopes": sorted(set(scopes))}


@transaction.atomic
def token_create(
    *, organization: Organization, scope: Scope, label: str, scopes: list[str], expires_on: datetime.date
) -> tuple[ApiToken, str]:
    """Create a token; returns it with its secret, which is never stored nor shown again."""
    if not token_organizations(scope).filter(pk=organization.pk).exists():
        raise PermissionDenied("Seuls les coordinateurs et responsables de l'organisation créent ses jetons.")
    fields = validate_token_fields(label=label, scopes=scopes, expires_on=expires_on)
    secret = SECRET_MARK + secrets.token_urlsafe(30)
    end = datetime.datetime.combine(
        expires_on, datetime.time(23, 59, 59), tzinfo=timezone.get_current_timezone()
    )
    token = ApiToken.objects.create(
        organization=organization,
        prefix=secret[len(SECRET_MARK) : len(SECRET_MARK) + PREFIX_LENGTH],
        key_hash=hash_secret(secret),
        created_by=scope.actor,
        expires_at=end,
        **fields,
    )
    audit(
        actor=scope.actor,
        action="api_token.create",
        obj=token,
        organization=organization.pk,
        scopes=token.scopes,
        expires_on=expires_on.isoformat(),
    )
    return token, secret


@transaction.atomic
def token_revoke(*, token: ApiToken, scope: Scope) -> ApiToken:
    """Revoke at once: the next call with this secret is refused."""
    if not token_organizations(scope).filter(pk=token.organization_id).exists():
        raise PermissionDenied(
            "Seuls les coordinateurs et responsables de l'organisation révoquent ses jetons."
        )
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.revoked_by = scope.actor
        token.save(update_fields=["revoked_at", "revoked_by"])
        audit(actor=scope.actor, action="api_token.revoke", obj=token, organization=token.organization_id)
    return token


def token_for_secret(secret: str) -> ApiToken | None:
    """The usable token of a secret, or None (unknown, revoked, expired, organisation closed)."""
    if not secret.startswith(SECRET_MARK) or len(secret) > 100:
        return None
    token = ApiToken.objects.select_related("organization").filter(key_hash=hash_secret(secret)).first()
    if token is None or not token.is_usable():
        return None
    return token


def token_roles(token: ApiToken) -> list[str]:
    """The roles the token's organisation holds: those of its members in function (each role once)."""
    return sorted(
        set(
            Membership.objects.filter(
                organization_id=token.organization_id, is_active=True, person__user__is_active=True
            ).values_list("role", flat=True)
        )
    )


def scope_of_token(token: ApiToken) -> Scope:
    return Scope.for_organization(token.organization, roles=token_roles(token))


def token_touch(token: ApiToken, *, now: datetime.datetime | None = None) -> None:
    """Record the last use, at most once per RELAIS_API_LAST_USED_INTERVAL seconds (no write per call)."""
    now = now or timezone.now()
    interval = datetime.timedelta(seconds=settings.RELAIS_API_LAST_USED_INTERVAL)
    if token.last_used_at is not None and now - token.last_used_at < interval:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
