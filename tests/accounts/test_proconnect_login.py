"""ProConnect login against a stand-in provider: the request sent, the checks of what comes back, the logout."""

import json
import os
import subprocess
import sys
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.messages import get_messages

from relais.accounts.models import ProConnectIdentity
from tests.accounts.conftest import start_login
from tests.accounts.proconnect_fake import CLIENT_ID, CLIENT_SECRET
from tests.organizations.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def logged_in_id(client):
    return client.session.get("_auth_user_id")


def test_the_login_page_shows_the_proconnect_button_only_when_it_is_configured(client, settings):
    settings.RELAIS_PROCONNECT_ISSUER = ""
    body = client.get("/comptes/connexion/").content.decode()
    assert "ProConnect" not in body
    assert client.get("/comptes/proconnect/connexion/").status_code == 404
    assert client.get("/comptes/proconnect/retour/", {"code": "x", "state": "y"}).status_code == 404
    settings.RELAIS_PROCONNECT_ISSUER = "https://proconnect.example"
    settings.RELAIS_PROCONNECT_CLIENT_ID = CLIENT_ID
    settings.RELAIS_PROCONNECT_CLIENT_SECRET = CLIENT_SECRET
    body = client.get("/comptes/connexion/").content.decode()
    assert 'class="fr-connect relais-proconnect"' in body
    assert "S'identifier avec" in body and '<span class="fr-connect__brand">ProConnect</span>' in body


def test_the_authorization_request_follows_proconnect_rules(client, proconnect):
    location, params = start_login(client, next_url="/reseau/")
    assert f"{location.scheme}://{location.netloc}{location.path}" == f"{proconnect.issuer}/authorize"
    assert params["client_id"] == CLIENT_ID
    assert params["response_type"] == "code"
    assert params["redirect_uri"] == "http://testserver/comptes/proconnect/retour/"
    assert set(params["scope"].split()) >= {"openid", "email", "given_name", "usual_name", "siret"}
    assert len(params["state"]) >= 32 and len(params["nonce"]) >= 32
    assert json.loads(params["claims"]) == {"id_token": {"amr": {"essential": True}}}
    # A second login gets its own state and nonce.
    _, again = start_login(client)
    assert again["state"] != params["state"] and again["nonce"] != params["nonce"]


def test_a_known_subject_logs_in_and_lands_where_it_was_going(client, proconnect):
    user = UserFactory(email="agent@ml-lyon.test")
    ProConnectIdentity.objects.create(user=user, issuer=proconnect.issuer, subject="sub-123")
    _, params = start_login(client, next_url="/reseau/")
    code = proconnect.authorize(
        nonce=params["nonce"], sub="sub-123", amr=["pwd", "mfa"], email="x@autre.test"
    )
    response = client.get("/comptes/proconnect/retour/", {"code": code, "state": params["state"]})
    assert response.status_code == 302 and response["Location"] == "/reseau/"
    assert logged_in_id(client) == str(user.pk)
    assert client.session["oidc_id_token"]
    identity = ProConnectIdentity.objects.get(user=user)
    assert identity.last_amr == ["pwd", "mfa"] and identity.last_login_at is not None
    # The secret went to the token endpoint, with the code, for the redirect URI sent before.
    token_request = proconnect.token_requests[-1]
    assert token_request["client_secret"] == CLIENT_SECRET
    assert token_request["redirect_uri"] == "http://testserver/comptes/proconnect/retour/"


def test_an_unknown_state_is_refused_with_a_french_message(client, proconnect, proconnect_login):
    UserFactory(email="agent@ml-lyon.test")
    response = proconnect_login("sub-1", state="x" * 48, email="agent@ml-lyon.test")
    assert response.status_code == 302 and response["Location"] == "/comptes/connexion/"
    assert logged_in_id(client) is None
    assert any("La connexion avec ProConnect n'a pas abouti" in m for m in messages_of(response))
    assert proconnect.token_requests == []


def test_a_state_is_used_once(client, proconnect):
    user = UserFactory(email="agent@ml-lyon.test")
    _, params = start_login(client)
    code = proconnect.authorize(nonce=params["nonce"], sub="sub-1", email=user.email)
    client.get("/comptes/proconnect/retour/", {"code": code, "state": params["state"]})
    client.post("/comptes/deconnexion/")
    replay = proconnect.authorize(nonce=params["nonce"], sub="sub-1", email=user.email)
    response = client.get("/comptes/proconnect/retour/", {"code": replay, "state": params["state"]})
    assert response["Location"] == "/comptes/connexion/" and logged_in_id(client) is None


def test_an_id_token_with_another_nonce_is_refused(client, proconnect, proconnect_login):
    UserFactory(email="agent@ml-lyon.test")
    response = proconnect_login("sub-1", nonce="n" * 48, email="agent@ml-lyon.test")
    assert response["Location"] == "/comptes/connexion/" and logged_in_id(client) is None
    assert not ProConnectIdentity.objects.exists()


@pytest.mark.parametrize(
    "extra",
    [{"aud": "another-client"}, {"iss": "https://other-issuer.example"}, {"exp": 1_000_000_000}],
    ids=["audience", "issuer", "expired"],
)
def test_an_id_token_for_another_client_or_issuer_or_expired_is_refused(
    client, proconnect, proconnect_login, extra
):
    UserFactory(email="agent@ml-lyon.test")
    proconnect.id_token_extra = extra
    response = proconnect_login("sub-1", email="agent@ml-lyon.test")
    assert response["Location"] == "/comptes/connexion/" and logged_in_id(client) is None


@pytest.mark.parametrize("mode", ["json", "foreign_key", "other_sub"])
def test_userinfo_must_be_a_jwt_signed_by_the_provider_about_the_same_subject(
    client, proconnect, proconnect_login, mode
):
    UserFactory(email="agent@ml-lyon.test")
    proconnect.userinfo_mode = mode
    response = proconnect_login("sub-1", email="agent@ml-lyon.test")
    assert response["Location"] == "/comptes/connexion/" and logged_in_id(client) is None
    assert not ProConnectIdentity.objects.exists()


def test_the_signed_userinfo_is_accepted_and_links_the_account_found_by_email(
    client, proconnect, proconnect_login
):
    user = UserFactory(email="agent@ml-lyon.test")
    response = proconnect_login("sub-1", email="Agent@ML-Lyon.test")
    assert response["Location"] == "/"
    assert logged_in_id(client) == str(user.pk)
    assert ProConnectIdentity.objects.get(user=user).subject == "sub-1"


def test_an_unknown_person_is_told_to_ask_their_manager(client, proconnect, proconnect_login):
    response = proconnect_login("sub-9", email="inconnu@ml-lyon.test")
    assert response["Location"] == "/comptes/connexion/" and logged_in_id(client) is None
    (message,) = messages_of(response)
    assert "Aucun compte Relais n'est ouvert à l'adresse inconnu@ml-lyon.test" in message
    assert "Demandez à la personne qui gère votre organisation" in message


def test_an_unreachable_provider_gives_a_french_message_and_password_login_still_works(
    client, settings, proconnect
):
    user = UserFactory(email="agent@ml-lyon.test")
    proconnect.server.shutdown()
    proconnect.server.server_close()
    response = client.get("/comptes/proconnect/connexion/")
    assert response["Location"] == "/comptes/connexion/"
    assert any("ProConnect ne répond pas" in m for m in messages_of(response))
    # A password login never calls the provider.
    response = client.post("/comptes/connexion/", {"username": user.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302 and logged_in_id(client) == str(user.pk)


def test_explicit_endpoints_need_no_discovery(client, settings, proconnect):
    settings.RELAIS_PROCONNECT_ENDPOINTS = {
        "authorization_endpoint": "https://auth.example/authorize",
        "token_endpoint": "https://auth.example/token",
        "userinfo_endpoint": "https://auth.example/userinfo",
        "jwks_uri": "https://auth.example/jwks",
        "end_session_endpoint": "https://auth.example/logout",
    }
    location, _ = start_login(client)
    assert location.netloc == "auth.example"


def test_logout_goes_through_the_end_session_endpoint_with_a_checked_state(
    client, proconnect, proconnect_login
):
    user = UserFactory(email="agent@ml-lyon.test")
    proconnect_login("sub-1", email=user.email)
    id_token = client.session["oidc_id_token"]
    response = client.post("/comptes/deconnexion/")
    assert logged_in_id(client) is None
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == f"{proconnect.issuer}/session/end"
    params = {key: values[0] for key, values in parse_qs(location.query).items()}
    assert params["id_token_hint"] == id_token
    assert params["post_logout_redirect_uri"] == "http://testserver/comptes/proconnect/deconnecte/"
    assert len(params["state"]) >= 32
    # Back from the provider with another state: not confirmed.
    back = client.get("/comptes/proconnect/deconnecte/", {"state": "forged"})
    assert back["Location"] == "/comptes/connexion/"
    assert any("n'a pas pu être vérifiée" in m for m in messages_of(back))
    # The state is used once: even the right one is no longer accepted after a return.
    back = client.get("/comptes/proconnect/deconnecte/", {"state": params["state"]})
    assert any("n'a pas pu être vérifiée" in m for m in messages_of(back))


def test_the_right_logout_state_confirms_the_provider_logout(client, proconnect, proconnect_login):
    user = UserFactory(email="agent@ml-lyon.test")
    proconnect_login("sub-1", email=user.email)
    response = client.post("/comptes/deconnexion/")
    state = parse_qs(urlsplit(response["Location"]).query)["state"][0]
    back = client.get("/comptes/proconnect/deconnecte/", {"state": state})
    assert any("déconnecté·e de Relais et de ProConnect" in m for m in messages_of(back))


def test_a_password_session_logs_out_without_the_provider(client, proconnect):
    user = UserFactory(email="agent@ml-lyon.test")
    client.post("/comptes/connexion/", {"username": user.email, "password": DEFAULT_PASSWORD})
    response = client.post("/comptes/deconnexion/")
    assert response["Location"] == "/comptes/connexion/"


def test_a_malformed_userinfo_jwt_is_refused_without_an_error_page(client, proconnect, proconnect_login):
    UserFactory(email="agent@ml-lyon.test")
    proconnect.userinfo = lambda token: (200, "application/jwt", "not.a-jwt")
    response = proconnect_login("sub-1", email="agent@ml-lyon.test")
    assert response["Location"] == "/comptes/connexion/" and logged_in_id(client) is None


def test_the_content_security_policy_lets_forms_go_to_the_configured_provider():
    code = "from django.conf import settings; print(' '.join(settings.SECURE_CSP['form-action']))"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "relais.settings",
        "RELAIS_PROCONNECT_ISSUER": "https://auth.proconnect.example/api/v2",
        "RELAIS_PROCONNECT_END_SESSION_ENDPOINT": "https://logout.proconnect.example/session/end",
    }
    out = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        env=env,
        capture_output=True,
        text=True,
    )
    assert out.stdout.split() == [
        "'self'",
        "https://auth.proconnect.example",
        "https://logout.proconnect.example",
    ]
