"""Call limits per token and per person (429 with Retry-After, a cache down lets calls through), the
append-only call log and its retention, the notices of tokens about to expire."""

import datetime

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone
from rest_framework.test import APIClient

from relais.api.jobs import api_calls_purge, tokens_notify_expiring
from relais.api.models import ApiCall, ApiToken
from relais.core.notifications import OutboxEmail
from tests.api.conftest import client_for, make_token

pytestmark = pytest.mark.django_db

ML_LIST = "/api/v1/directory/missions-locales/"


def test_a_token_over_its_limit_gets_429_with_retry_after(settings, managers):
    settings.RELAIS_API_TOKEN_RATE = "3/min"
    token, secret = make_token(managers.director_a, managers.network.ml_a)
    client = client_for(secret)
    assert [client.get(ML_LIST).status_code for _ in range(3)] == [200, 200, 200]
    refused = client.get(ML_LIST)
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    # Another token of the same organisation has its own count.
    _, other = make_token(managers.director_a, managers.network.ml_a)
    assert client_for(other).get(ML_LIST).status_code == 200
    assert ApiCall.objects.filter(token=token, outcome="throttled", status=429).count() == 1


def test_a_person_over_their_limit_gets_429(settings, managers):
    settings.RELAIS_API_USER_RATE = "2/min"
    client = APIClient()
    client.force_login(managers.counsellor_a)
    assert [client.get(ML_LIST).status_code for _ in range(3)] == [200, 200, 429]
    assert ApiCall.objects.filter(user=managers.counsellor_a, status=429).count() == 1


def test_the_api_keeps_answering_when_the_cache_is_down(settings, managers):
    settings.RELAIS_API_TOKEN_RATE = "1/min"
    _, secret = make_token(managers.director_a, managers.network.ml_a)
    client = client_for(secret)
    unreachable = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    with override_settings(CACHES=unreachable):
        assert [client.get(ML_LIST).status_code for _ in range(2)] == [200, 200]
    # Back on a working cache, the limit applies again.
    assert [client.get(ML_LIST).status_code for _ in range(2)] == [200, 429]


def test_every_call_is_logged_with_its_outcome(managers):
    token, secret = make_token(managers.director_a, managers.network.ml_a, scopes=["directory:read"])
    client = client_for(secret)
    client.get(ML_LIST)
    client.get(f"{ML_LIST}999999/")
    client.get("/api/v1/opportunities/")
    rows = list(
        ApiCall.objects.filter(token=token).order_by("pk").values_list("method", "path", "status", "outcome")
    )
    assert rows == [
        ("GET", ML_LIST, 200, "ok"),
        ("GET", f"{ML_LIST}999999/", 404, "not_found"),
        ("GET", "/api/v1/opportunities/", 403, "denied"),
    ]


def test_a_logged_call_is_never_rewritten(managers):
    token, secret = make_token(managers.director_a, managers.network.ml_a)
    client_for(secret).get(ML_LIST)
    call = ApiCall.objects.get(token=token)
    call.status = 500
    with pytest.raises(ValueError):
        call.save()
    assert ApiCall.objects.get(pk=call.pk).status == 200


def test_the_call_log_is_kept_twelve_months(managers):
    token, _ = make_token(managers.director_a, managers.network.ml_a)
    now = timezone.now()
    old = ApiCall.objects.create(
        token=token,
        method="GET",
        path="/",
        status=200,
        outcome="ok",
        created_at=now - datetime.timedelta(days=370),
    )
    recent = ApiCall.objects.create(
        token=token,
        method="GET",
        path="/",
        status=200,
        outcome="ok",
        created_at=now - datetime.timedelta(days=300),
    )
    assert api_calls_purge(now=now)["api_calls_purged"] == 1
    assert not ApiCall.objects.filter(pk=old.pk).exists() and ApiCall.objects.filter(pk=recent.pk).exists()


def test_managers_are_told_30_then_15_days_before_expiry_once_each(
    managers, django_capture_on_commit_callbacks
):
    token, _ = make_token(managers.director_a, managers.network.ml_a, days=200)
    expiry = token.expires_at
    with django_capture_on_commit_callbacks(execute=True):
        assert tokens_notify_expiring(now=expiry - datetime.timedelta(days=40)) == 0
        assert tokens_notify_expiring(now=expiry - datetime.timedelta(days=29)) == 1
        assert tokens_notify_expiring(now=expiry - datetime.timedelta(days=28)) == 0
        assert tokens_notify_expiring(now=expiry - datetime.timedelta(days=14)) == 1
        assert tokens_notify_expiring(now=expiry - datetime.timedelta(days=13)) == 0
    rows = OutboxEmail.objects.filter(code="api.token_expiring")
    assert set(rows.values_list("recipient__email", flat=True)) == {"direction@ml-lyon.test"}
    assert rows.count() == 2
    subjects = sorted(message.subject for message in mail.outbox)
    assert subjects == [
        "Le jeton d'API « Outil de test » expire dans 15 jours",
        "Le jeton d'API « Outil de test » expire dans 30 jours",
    ]
    assert ApiToken.objects.get(pk=token.pk).expiry_notices == [15, 30]


def test_a_short_or_revoked_token_gets_no_early_notice(managers):
    short, _ = make_token(managers.director_a, managers.network.ml_a, days=20)
    assert tokens_notify_expiring(now=short.expires_at - datetime.timedelta(days=19)) == 0
    assert tokens_notify_expiring(now=short.expires_at - datetime.timedelta(days=14)) == 1
    revoked, _ = make_token(managers.director_a, managers.network.ml_a, days=100)
    ApiToken.objects.filter(pk=revoked.pk).update(revoked_at=timezone.now())
    assert tokens_notify_expiring(now=revoked.expires_at - datetime.timedelta(days=10)) == 0
