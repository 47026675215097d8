"""Self-service password change, and the reset link built from the configured address."""

import re

import pytest
from django.core import mail
from django.test import override_settings

from relais.core.models import AuditEvent
from tests.organizations.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
URL = "/comptes/mot-de-passe/changer/"
NEW = "Nouveau-Secret-2026!"


def test_password_change_page_needs_a_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/comptes/connexion/")


def test_user_changes_their_password_and_other_sessions_end(client):
    user = UserFactory(email="agent@example.org")
    client.force_login(user)
    form_page = client.get(URL).content.decode()
    assert "Mot de passe actuel" in form_page and "Confirmation du nouveau mot de passe" in form_page
    other_device = type(client)()
    other_device.force_login(user)
    response = client.post(
        URL, {"old_password": DEFAULT_PASSWORD, "new_password1": NEW, "new_password2": NEW}, follow=True
    )
    assert "Votre mot de passe est modifié." in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(NEW)
    assert AuditEvent.objects.filter(action="account.password_change", object_id=str(user.pk)).exists()
    assert client.get("/").status_code == 200
    assert other_device.get("/").status_code == 302


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("mauvais", NEW, "Le mot de passe actuel est incorrect."),
        (DEFAULT_PASSWORD, "court-1A!", "trop court"),
        (DEFAULT_PASSWORD, "nouveausecret-2026!", "une majuscule"),
        (DEFAULT_PASSWORD, DEFAULT_PASSWORD, "doit être différent du mot de passe actuel"),
    ],
)
def test_refused_password_change_explains_why_in_french(client, old, new, message):
    user = UserFactory(email="agent@example.org")
    client.force_login(user)
    response = client.post(URL, {"old_password": old, "new_password1": new, "new_password2": new})
    assert response.status_code == 200
    assert message in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(DEFAULT_PASSWORD)


@override_settings(ALLOWED_HOSTS=["*"], RELAIS_BASE_URL="https://relais.example.fr")
def test_reset_link_ignores_the_host_header_of_the_request(client):
    UserFactory(email="agent@example.org")
    client.post("/comptes/mot-de-passe/oubli/", {"email": "agent@example.org"}, HTTP_HOST="attaquant.example")
    body = mail.outbox[0].body
    assert "attaquant.example" not in body
    assert re.search(r"https://relais\.example\.fr/comptes/mot-de-passe/nouveau/\S+/\S+/", body)


def test_a_password_reset_lifts_the_lockout_of_the_account(client):
    user = UserFactory(email="agent@example.org")
    for _ in range(5):
        client.post("/comptes/connexion/", {"username": "agent@example.org", "password": "mauvais"})
    client.post("/comptes/mot-de-passe/oubli/", {"email": "agent@example.org"})
    link = re.search(r"https?://[^/]+(/comptes/mot-de-passe/nouveau/\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(form_url, {"new_password1": NEW, "new_password2": NEW})
    # Another browser: per-IP counting is not at stake here, the address counter is.
    response = client.post(
        "/comptes/connexion/", {"username": "agent@example.org", "password": NEW}, REMOTE_ADDR="198.51.100.7"
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
