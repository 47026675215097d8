"""ProConnect turned on against the stand-in provider of proconnect_fake.py."""

from urllib.parse import parse_qs, urlsplit

import pytest

from relais.accounts.proconnect import provider
from tests.accounts.proconnect_fake import CLIENT_ID, CLIENT_SECRET, FakeProConnect


@pytest.fixture
def proconnect(settings):
    with FakeProConnect() as fake:
        settings.RELAIS_PROCONNECT_ISSUER = fake.issuer
        settings.RELAIS_PROCONNECT_CLIENT_ID = CLIENT_ID
        settings.RELAIS_PROCONNECT_CLIENT_SECRET = CLIENT_SECRET
        settings.OIDC_TIMEOUT = 5
        provider.forget_discovery()
        yield fake
        provider.forget_discovery()


def start_login(client, next_url=None):
    """Relais' redirection to the provider, and the parameters it sent."""
    response = client.get("/comptes/proconnect/connexion/", {"next": next_url} if next_url else {})
    assert response.status_code == 302, response
    location = urlsplit(response["Location"])
    return location, {key: values[0] for key, values in parse_qs(location.query).items()}


@pytest.fixture
def proconnect_login(client, proconnect):
    """Go through the whole login: Relais → provider (authorizes `sub` with `claims`) → Relais' callback."""

    def _login(sub, *, state=None, nonce=None, **claims):
        _, params = start_login(client)
        code = proconnect.authorize(nonce=nonce or params["nonce"], sub=sub, **claims)
        return client.get("/comptes/proconnect/retour/", {"code": code, "state": state or params["state"]})

    return _login
