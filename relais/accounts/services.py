"""Writes on accounts: setting a new password (self-service change or reset by e-mail)."""

from axes.utils import reset as reset_lockout
from django.core.exceptions import PermissionDenied
from django.db import transaction

from relais.core.services import audit


@transaction.atomic
def password_set(*, user, password: str, acting_user, via: str) -> None:
    """Store a password already checked by the form (CNIL rules); only its owner sets it.

    `via` is "change" (logged in, old password given) or "reset" (link received by e-mail). A reset also
    clears the failed-login counter of the address, as the lockout page promises.
    """
    if acting_user is None or acting_user.pk != user.pk:
        raise PermissionDenied
    user.set_password(password)
    user.save(update_fields=["password"])
    audit(actor=acting_user, action=f"account.password_{via}", obj=user)
    if via == "reset":
        reset_lockout(username=user.email)
