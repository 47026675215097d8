"""What django-axes counts failures against: the normalised address tried, and the client's address."""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum

from relais.accounts.models import normalise_email


def attempted_username(request, credentials=None) -> str:
    """The address as stored, so that "Agent@x.fr" and "agent@x.fr" share one failure counter."""
    source = credentials if credentials else getattr(request, "POST", {})
    return normalise_email(source.get("username") or "")


def client_ip(request) -> str:
    """The client address: REMOTE_ADDR, or the entry a trusted reverse proxy appended to X-Forwarded-For.

    With RELAIS_TRUSTED_PROXIES = N, the N-th address from the right of X-Forwarded-For is the one the
    outermost trusted proxy saw; anything to its left was written by the client and is ignored.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.RELAIS_TRUSTED_PROXIES
    if count <= 0:
        return remote
    forwarded = [
        part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
    ]
    if len(forwarded) < count:
        return remote
    return forwarded[-count]


class SharedIpAwareHandler(AxesDatabaseHandler):
    """django-axes' database handler with a higher limit for a client address than for an account.

    A Mission Locale's staff often reach the platform from one office address: five mistakes spread over
    several colleagues must not lock the whole team out. An account is locked after AXES_FAILURE_LIMIT
    failures from anywhere; an address after RELAIS_AXES_IP_FAILURE_LIMIT failures, whatever the accounts.
    Axes compares one count to one limit, so the address's count is scaled onto the account's limit.
    """

    def get_failures(self, request, credentials=None) -> int:
        per_account, per_address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        account_limit = settings.AXES_FAILURE_LIMIT
        address_limit = max(settings.RELAIS_AXES_IP_FAILURE_LIMIT, account_limit)
        return max(per_account, per_address * account_limit // address_limit)

    def reset_user_attempts(self, request, credentials=None) -> int:
        """A successful login clears the failures against that account only, never the address's count.

        Axes' own reset deletes every row matching any lockout parameter, the client address included:
        an attacker spraying accounts could then log into their own account every few tries and never
        reach the address's limit.
        """
        username = get_client_username(request, credentials)
        if not username:
            return 0
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count
