"""Login, lockout, password rules and password reset by e-mail."""

import re

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError

from tests.organizations.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_login_with_email_and_password(client):
    user = UserFactory(email="agent@example.org")
    response = client.post(
        "/comptes/connexion/", {"username": "Agent@Example.org", "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_wrong_password_gives_a_french_message_and_keeps_the_email(client):
    UserFactory(email="agent@example.org")
    response = client.post("/comptes/connexion/", {"username": "agent@example.org", "password": "mauvais"})
    body = response.content.decode()
    assert "Adresse e-mail ou mot de passe incorrect." in body
    assert 'value="agent@example.org"' in body


def test_account_is_locked_after_five_failures(client):
    UserFactory(email="agent@example.org")
    for _ in range(5):
        client.post("/comptes/connexion/", {"username": "agent@example.org", "password": "mauvais"})
    response = client.post(
        "/comptes/connexion/", {"username": "agent@example.org", "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 429
    assert "Compte temporairement bloqué" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("password", "fragment"),
    [
        ("Court-1!", "trop court"),
        ("motdepasselong1!", "une majuscule"),
        ("MotDePasseLong!!", "un chiffre"),
        ("MotDePasseLong12", "un caractère spécial"),
    ],
)
def test_weak_passwords_are_refused(password, fragment):
    with pytest.raises(ValidationError) as error:
        validate_password(password)
    assert any(fragment in message for message in error.value.messages)


def test_strong_password_is_accepted():
    validate_password("Relais-Solide-2026!")


def test_logout_requires_post_and_ends_the_session(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post("/comptes/deconnexion/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_reset_by_email(client):
    user = UserFactory(email="agent@example.org")
    response = client.post("/comptes/mot-de-passe/oubli/", {"email": "agent@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Relais : réinitialisation de votre mot de passe"
    link = re.search(r"https?://[^/]+(/comptes/mot-de-passe/nouveau/\S+)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert "Choisir un nouveau mot de passe" in form_page.content.decode()
    weak = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": "faible", "new_password2": "faible"}
    )
    assert "trop court" in weak.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Nouveau-Secret-2026!", "new_password2": "Nouveau-Secret-2026!"},
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Nouveau-Secret-2026!")


def test_password_reset_for_unknown_address_sends_nothing_and_reveals_nothing(client):
    response = client.post("/comptes/mot-de-passe/oubli/", {"email": "inconnu@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []
