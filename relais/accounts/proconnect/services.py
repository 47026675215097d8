"""Writes of ProConnect logins: which account a ProConnect identity opens, and the memberships it suggests.

The matching rules, in order:
1. the provider's subject (`sub`) already linked to an account opens that account;
2. otherwise the e-mail address: an account with no ProConnect identity is linked to this subject; an account
   linked to another subject has it replaced (the person's identity provider changed) only because the
   address matches, and never for platform staff, whose subject change an administrator makes by hand;
3. otherwise the login is refused with a message to ask one's manager for an account, unless
   RELAIS_PROCONNECT_CREATE_USERS is on: the account is then created, with no membership.
No claim ever grants a membership: a SIRET naming an organisation of the directory records a suggestion that
one of its managers confirms (with a role) or refuses.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from relais.accounts.models import (
    MembershipSuggestion,
    ProConnectIdentity,
    SuggestionStatus,
    User,
    normalise_email,
)
from relais.core.enums import AuditAction as A
from relais.core.notifications import notify
from relais.core.scope import Scope
from relais.core.services import audit

logger = logging.getLogger(__name__)

NO_ACCOUNT = (
    "Aucun compte Relais n'est ouvert à l'adresse {email}. Demandez à la personne qui gère votre organisation "
    "sur Relais de vous créer un compte à cette adresse, puis connectez-vous à nouveau avec ProConnect."
)
NO_EMAIL = "ProConnect n'a pas transmis d'adresse e-mail : la connexion est impossible."
INACTIVE = (
    "Ce compte Relais est désactivé. Adressez-vous à la personne qui gère votre organisation sur Relais."
)
STAFF_SUBJECT_CHANGE = (
    "Ce compte d'administration de Relais est lié à une autre identité ProConnect. Pour des raisons de "
    "sécurité, ce changement n'est pas fait automatiquement : contactez l'équipe de la plateforme."
)
NOT_PENDING = "Ce rattachement a déjà été traité."


class LoginRefused(Exception):
    """A ProConnect login that opens no account; `message` (French) tells the person why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@transaction.atomic
def proconnect_login(*, issuer: str, claims: dict, amr=None) -> User:
    """The account a ProConnect identity (checked userinfo claims) opens, or LoginRefused."""
    subject = str(claims.get("sub") or "")
    email = normalise_email(str(claims.get("email") or ""))
    if not subject:
        raise LoginRefused("ProConnect n'a pas transmis d'identifiant : la connexion est impossible.")
    identity = (
        ProConnectIdentity.objects.select_for_update()
        .select_related("user")
        .filter(issuer=issuer, subject=subject)
        .first()
    )
    if identity is not None:
        user = identity.user
    else:
        if not email:
            raise LoginRefused(NO_EMAIL)
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            if not settings.RELAIS_PROCONNECT_CREATE_USERS:
                raise LoginRefused(NO_ACCOUNT.format(email=email))
            user = _create_user(email=email, claims=claims)
        identity = _link(user=user, issuer=issuer, subject=subject)
    if not user.is_active:
        raise LoginRefused(INACTIVE)
    identity.last_login_at = timezone.now()
    identity.last_amr = [str(method) for method in amr] if isinstance(amr, list) else []
    identity.save(update_fields=["last_login_at", "last_amr"])
    suggest_membership(user=user, claims=claims)
    return user


def _create_user(*, email: str, claims: dict) -> User:
    user = User.objects.create_user(
        email,
        password=None,
        first_name=str(claims.get("given_name") or "")[:150],
        last_name=str(claims.get("usual_name") or "")[:150],
    )
    audit(actor=user, action=A.ACCOUNT_PROCONNECT_CREATE, obj=user)
    return user


def _link(*, user: User, issuer: str, subject: str) -> ProConnectIdentity:
    """Link the account found by its address to this subject: a first link, or a subject change."""
    current = ProConnectIdentity.objects.select_for_update().filter(user=user).first()
    if current is None:
        identity = ProConnectIdentity.objects.create(user=user, issuer=issuer, subject=subject)
        audit(actor=user, action=A.ACCOUNT_PROCONNECT_LINK, obj=user, identity=identity.pk)
        return identity
    if user.is_staff or user.is_superuser:
        logger.warning("ProConnect subject change refused for staff account %s", user.pk)
        raise LoginRefused(STAFF_SUBJECT_CHANGE)
    current.issuer, current.subject, current.linked_at = issuer, subject, timezone.now()
    current.save(update_fields=["issuer", "subject", "linked_at"])
    audit(actor=user, action=A.ACCOUNT_PROCONNECT_SUBJECT_CHANGE, obj=user, identity=current.pk)
    return current


def suggest_membership(*, user: User, claims: dict) -> MembershipSuggestion | None:
    """Record that the SIRET claim names an organisation of the directory the person is not a member of.

    Nothing is granted: its managers are told and confirm or refuse. A refused suggestion is not asked again.
    """
    from relais.organizations.models import Membership, Organization

    siret = "".join(str(claims.get("siret") or "").split())
    if len(siret) != 14 or not siret.isdigit():
        return None
    organization = Organization.objects.filter(siret=siret, is_active=True).first()
    if organization is None:
        return None
    person = getattr(user, "person", None)
    if (
        person is not None
        and Membership.objects.filter(person=person, organization=organization, is_active=True).exists()
    ):
        return None
    suggestion, created = MembershipSuggestion.objects.get_or_create(
        user=user,
        organization=organization,
        defaults={
            "siret": siret,
            "given_name": str(claims.get("given_name") or "")[:150],
            "usual_name": str(claims.get("usual_name") or "")[:150],
        },
    )
    if not created:
        return None
    audit(actor=user, action=A.MEMBERSHIP_SUGGESTION_CREATE, obj=suggestion, organization=organization.pk)
    from relais.accounts.notifications import MembershipSuggested

    notify(MembershipSuggested, obj=suggestion, scope=Scope.for_user(user))
    return suggestion


def _decide(*, suggestion: MembershipSuggestion, scope: Scope) -> MembershipSuggestion:
    from relais.organizations.selectors import can_manage

    locked = (
        MembershipSuggestion.objects.select_for_update().select_related("organization").get(pk=suggestion.pk)
    )
    if not can_manage(scope, locked.organization):
        raise PermissionDenied
    if locked.status != SuggestionStatus.PENDING:
        raise ValidationError(NOT_PENDING)
    return locked


@transaction.atomic
def membership_suggestion_confirm(*, suggestion: MembershipSuggestion, role: str, scope: Scope):
    """A manager of the organisation confirms: the person gets this role there (through membership_add)."""
    from relais.organizations.enums import Role
    from relais.organizations.services import membership_add, person_create

    suggestion = _decide(suggestion=suggestion, scope=scope)
    if role not in Role.values:
        raise ValidationError({"role": "Choisissez un rôle."})
    user = suggestion.user
    person = getattr(user, "person", None)
    if person is None:
        person = person_create(
            first_name=user.first_name or suggestion.given_name,
            last_name=user.last_name or suggestion.usual_name,
            email=user.email,
            user=user,
        )
    membership = membership_add(person=person, organization=suggestion.organization, role=role, scope=scope)
    if not membership.is_active:
        membership.is_active = True
        membership.save(update_fields=["is_active"])
    suggestion.status = SuggestionStatus.CONFIRMED
    suggestion.decided_at, suggestion.decided_by, suggestion.membership = (
        timezone.now(),
        scope.actor,
        membership,
    )
    suggestion.save(update_fields=["status", "decided_at", "decided_by", "membership"])
    audit(actor=scope.actor, action=A.MEMBERSHIP_SUGGESTION_CONFIRM, obj=suggestion, membership=membership.pk)
    from relais.accounts.notifications import MembershipSuggestionDecided

    notify(MembershipSuggestionDecided, obj=suggestion, scope=scope)
    return suggestion


@transaction.atomic
def membership_suggestion_refuse(*, suggestion: MembershipSuggestion, scope: Scope):
    suggestion = _decide(suggestion=suggestion, scope=scope)
    suggestion.status = SuggestionStatus.REFUSED
    suggestion.decided_at, suggestion.decided_by = timezone.now(), scope.actor
    suggestion.save(update_fields=["status", "decided_at", "decided_by"])
    audit(actor=scope.actor, action=A.MEMBERSHIP_SUGGESTION_REFUSE, obj=suggestion)
    from relais.accounts.notifications import MembershipSuggestionDecided

    notify(MembershipSuggestionDecided, obj=suggestion, scope=scope)
    return suggestion
