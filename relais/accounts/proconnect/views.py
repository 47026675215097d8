"""ProConnect pages: the start of a login, the provider's return, and the return from its end-session endpoint."""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.crypto import constant_time_compare, get_random_string
from django.utils.decorators import method_decorator
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from relais.accounts.proconnect import provider

logger = logging.getLogger(__name__)
public = method_decorator(login_not_required, name="dispatch")

LOGIN_FAILED = (
    "La connexion avec ProConnect n'a pas abouti. Réessayez, ou connectez-vous avec votre adresse e-mail et "
    "votre mot de passe."
)
LOGOUT_STATE_KEY = "proconnect_logout_state"
ID_TOKEN_KEY = "oidc_id_token"


class _EnabledOnly:
    """404 while ProConnect is off; the provider's endpoints read from Relais' settings."""

    get_settings = staticmethod(provider.oidc_setting)

    def dispatch(self, request, *args, **kwargs):
        if not provider.enabled():
            raise Http404
        return super().dispatch(request, *args, **kwargs)


@public
class LoginStartView(_EnabledOnly, OIDCAuthenticationRequestView):
    """Sends the browser to ProConnect with a fresh state and nonce (48 characters each, kept in the session)."""

    def __init__(self, *args, **kwargs):
        # The library reads the authorization endpoint here, before dispatch could answer 404 when it is off.
        super(OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)

    def get(self, request):
        try:
            self.OIDC_OP_AUTH_ENDPOINT = provider.endpoints()["authorization_endpoint"]
        except provider.ProviderUnavailable:
            from relais.accounts.proconnect.backend import UNREACHABLE

            messages.error(request, UNREACHABLE)
            return redirect("accounts:login")
        self.OIDC_RP_CLIENT_ID = provider.oidc_setting("OIDC_RP_CLIENT_ID")
        return super().get(request)


@public
class CallbackView(_EnabledOnly, OIDCAuthenticationCallbackView):
    """The provider's return: the state is checked against the session, then the backend does the rest."""

    @property
    def failure_url(self):
        return reverse("accounts:login")

    def get(self, request):
        try:
            return super().get(request)
        except SuspiciousOperation as error:
            # An unknown state, a wrong nonce, a token not signed by the provider: refused, never a 400 page.
            logger.warning("ProConnect callback refused: %s", error)
            return self.login_failure()

    def login_failure(self):
        # The backend has said why when it could (no account, provider unreachable); otherwise a general message.
        if not getattr(self.request, "proconnect_explained", False):
            messages.error(self.request, LOGIN_FAILED)
        return super().login_failure()


def end_session_redirect(request, id_token: str) -> HttpResponseRedirect | None:
    """After Relais' own logout: the provider's end-session endpoint, with a state checked on the way back."""
    try:
        endpoint = provider.endpoints()["end_session_endpoint"]
    except provider.ProviderUnavailable:
        return None
    state = get_random_string(48)
    request.session[LOGOUT_STATE_KEY] = state
    query = urlencode(
        {
            "id_token_hint": id_token,
            "state": state,
            "post_logout_redirect_uri": request.build_absolute_uri(reverse("accounts:proconnect_logged_out")),
        }
    )
    return HttpResponseRedirect(f"{endpoint}?{query}")


@login_not_required
def logged_out(request):
    """The provider's return after its end-session endpoint: the state must be the one Relais sent."""
    expected = request.session.pop(LOGOUT_STATE_KEY, "")
    if expected and constant_time_compare(request.GET.get("state", ""), expected):
        messages.success(request, "Vous êtes déconnecté·e de Relais et de ProConnect.")
    else:
        logger.warning("ProConnect logout return with an unknown state")
        messages.warning(
            request,
            "Vous êtes déconnecté·e de Relais. La déconnexion de ProConnect n'a pas pu être vérifiée : "
            "fermez votre navigateur si vous êtes sur un poste partagé.",
        )
    return redirect("accounts:login")
