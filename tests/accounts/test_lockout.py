"""Login lockout: per address and per client IP separately, the proxy setting, the duration shown."""

from datetime import timedelta

import pytest
from django.test import override_settings

from relais.core.templatetags.relais_format import duration_fr
from tests.organizations.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
LOGIN = "/comptes/connexion/"


def fail(client, username, ip, **extra):
    return client.post(LOGIN, {"username": username, "password": "mauvais"}, REMOTE_ADDR=ip, **extra)


def test_an_account_stays_locked_when_the_attacker_changes_ip_at_each_attempt(client):
    UserFactory(email="agent@example.org")
    for n in range(5):
        fail(client, "agent@example.org", f"203.0.113.{n}")
    response = client.post(
        LOGIN, {"username": "agent@example.org", "password": DEFAULT_PASSWORD}, REMOTE_ADDR="198.51.100.7"
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_changing_the_case_of_the_address_does_not_reset_the_counter(client):
    UserFactory(email="agent@example.org")
    for n, variant in enumerate(
        [
            "agent@example.org",
            "Agent@example.org",
            "AGENT@example.org",
            "agent@Example.org",
            "aGent@example.org",
        ]
    ):
        fail(client, variant, f"203.0.113.{n}")
    response = client.post(
        LOGIN, {"username": "agent@example.org", "password": DEFAULT_PASSWORD}, REMOTE_ADDR="198.51.100.7"
    )
    assert response.status_code == 429


def test_colleagues_behind_one_office_address_do_not_lock_each_other_out(client):
    UserFactory(email="collegue@example.org")
    for n in range(10):  # ten mistakes spread over the team
        fail(client, f"conseiller{n}@example.org", "203.0.113.9")
    response = client.post(
        LOGIN, {"username": "collegue@example.org", "password": DEFAULT_PASSWORD}, REMOTE_ADDR="203.0.113.9"
    )
    assert response.status_code == 302


def test_one_ip_spraying_several_accounts_is_locked_out(client):
    UserFactory(email="victime@example.org")
    for n in range(30):
        fail(client, f"essai{n}@example.org", "203.0.113.9")
    response = client.post(
        LOGIN, {"username": "victime@example.org", "password": DEFAULT_PASSWORD}, REMOTE_ADDR="203.0.113.9"
    )
    assert response.status_code == 429
    other_ip = client.post(
        LOGIN, {"username": "victime@example.org", "password": DEFAULT_PASSWORD}, REMOTE_ADDR="198.51.100.7"
    )
    assert other_ip.status_code == 302


def test_logging_into_ones_own_account_does_not_reset_the_address_counter(client):
    UserFactory(email="attaquant@example.org")
    UserFactory(email="victime@example.org")
    for n in range(25):
        fail(client, f"essai{n}@example.org", "203.0.113.9")
    own = client.post(
        LOGIN, {"username": "attaquant@example.org", "password": DEFAULT_PASSWORD}, REMOTE_ADDR="203.0.113.9"
    )
    assert own.status_code == 302
    client.logout()
    for n in range(25, 30):
        fail(client, f"essai{n}@example.org", "203.0.113.9")
    response = client.post(
        LOGIN, {"username": "victime@example.org", "password": DEFAULT_PASSWORD}, REMOTE_ADDR="203.0.113.9"
    )
    assert response.status_code == 429


def test_a_successful_login_resets_that_accounts_own_counter(client):
    UserFactory(email="agent@example.org")
    for n in range(4):
        fail(client, "agent@example.org", f"203.0.113.{n}")
    assert (
        client.post(
            LOGIN, {"username": "agent@example.org", "password": DEFAULT_PASSWORD}, REMOTE_ADDR="198.51.100.7"
        ).status_code
        == 302
    )
    client.logout()
    for n in range(4):
        fail(client, "agent@example.org", f"203.0.113.{n}")
    response = client.post(
        LOGIN, {"username": "agent@example.org", "password": DEFAULT_PASSWORD}, REMOTE_ADDR="198.51.100.7"
    )
    assert response.status_code == 302


def test_without_trusted_proxy_a_forged_forwarded_header_does_not_hide_the_client(client):
    UserFactory(email="victime@example.org")
    for n in range(30):
        fail(client, f"essai{n}@example.org", "203.0.113.9", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
    response = fail(client, "victime@example.org", "203.0.113.9", HTTP_X_FORWARDED_FOR="10.0.0.99")
    assert response.status_code == 429


@override_settings(RELAIS_TRUSTED_PROXIES=1)
def test_behind_one_trusted_proxy_the_client_address_is_the_last_forwarded_one(client):
    UserFactory(email="victime@example.org")
    proxy = "192.0.2.1"
    for n in range(30):
        # The client forges a first entry; the proxy appends the real address.
        fail(client, f"essai{n}@example.org", proxy, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}, 203.0.113.9")
    locked = fail(client, "victime@example.org", proxy, HTTP_X_FORWARDED_FOR="10.0.0.99, 203.0.113.9")
    assert locked.status_code == 429
    other_client = client.post(
        LOGIN,
        {"username": "victime@example.org", "password": DEFAULT_PASSWORD},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert other_client.status_code == 302


@override_settings(AXES_COOLOFF_TIME=2.0)
def test_lockout_page_states_the_configured_duration(client):
    UserFactory(email="agent@example.org")
    for n in range(5):
        fail(client, "agent@example.org", f"203.0.113.{n}")
    body = fail(client, "agent@example.org", "198.51.100.7").content.decode()
    assert "bloquée pendant 2 heures" in body
    assert "30 minutes" not in body


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (timedelta(minutes=30), "30 minutes"),
        (timedelta(hours=1), "1 heure"),
        (timedelta(hours=1, minutes=30), "1 heure 30 minutes"),
        (timedelta(days=2), "2 jours"),
        (timedelta(seconds=20), "1 minute"),
    ],
)
def test_durations_read_in_french(delta, text):
    assert duration_fr(delta) == text
