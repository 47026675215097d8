"""API tokens: who creates them, what is stored, expiry, revocation, the pages."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from relais.api.models import ApiToken
from relais.api.tokens import hash_secret, scope_of_token, token_revoke
from relais.core.models import AuditEvent
from relais.core.scope import Scope
from tests.api.conftest import client_for, make_token

pytestmark = pytest.mark.django_db

ML_LIST = "/api/v1/directory/missions-locales/"


def test_a_director_creates_a_token_whose_secret_is_not_stored(managers):
    token, secret = make_token(managers.director_a, managers.network.ml_a)
    stored = ApiToken.objects.get(pk=token.pk)
    assert secret.startswith("rls_") and len(secret) > 40
    assert stored.prefix == secret[4:12] and len(stored.prefix) == 8
    assert stored.key_hash == hash_secret(secret) and secret not in stored.key_hash
    assert AuditEvent.objects.filter(action="api_token.create", object_id=str(token.pk)).exists()


def test_a_counsellor_cannot_create_a_token(managers):
    with pytest.raises(PermissionDenied):
        make_token(managers.counsellor_a, managers.network.ml_a)


def test_a_director_cannot_create_a_token_for_another_organisation(managers):
    with pytest.raises(PermissionDenied):
        make_token(managers.director_a, managers.network.ml_b)


def test_a_token_lasts_at_most_a_year(managers):
    with pytest.raises(ValidationError) as error:
        make_token(managers.director_a, managers.network.ml_a, days=367)
    assert "au plus un an" in error.value.message_dict["expires_on"][0]


def test_a_token_needs_known_scopes(managers):
    with pytest.raises(ValidationError) as error:
        make_token(managers.director_a, managers.network.ml_a, scopes=["youths:read"])
    assert "youths:read" in error.value.message_dict["scopes"][0]


def test_a_token_acts_with_the_roles_its_organisation_holds(managers):
    token, _ = make_token(managers.director_a, managers.network.ml_a)
    scope = scope_of_token(token)
    assert scope.mission_locale_ids == {managers.network.ml_a.pk}
    assert scope.cre_mission_locale_ids == {managers.network.ml_a.pk}
    assert not scope.aggregates_only


def test_an_observer_organisation_token_reaches_aggregates_only(managers):
    # Once the State service's director is an observer too, its members are observers only.
    managers.state_manager.person.memberships.update(role="observer")
    token = ApiToken.objects.create(
        organization=managers.network.state,
        label="Tableau de bord",
        scopes=["reviews:read"],
        prefix="abcdefgh",
        key_hash="0" * 64,
        expires_at=timezone.now() + datetime.timedelta(days=10),
    )
    assert scope_of_token(token).aggregates_only


def test_unknown_revoked_and_expired_tokens_are_refused(managers):
    token, secret = make_token(managers.director_a, managers.network.ml_a)
    client = client_for(secret)
    assert client.get(ML_LIST).status_code == 200
    assert client_for("rls_nothing-like-it").get(ML_LIST).status_code == 401
    token_revoke(token=token, scope=Scope.for_user(managers.director_a))
    response = client.get(ML_LIST)
    assert response.status_code == 401
    assert "révoqué" in response.json()["detail"]
    assert AuditEvent.objects.filter(action="api_token.revoke", object_id=str(token.pk)).exists()

    other, other_secret = make_token(managers.director_a, managers.network.ml_a)
    ApiToken.objects.filter(pk=other.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert client_for(other_secret).get(ML_LIST).status_code == 401


def test_last_use_is_recorded_without_a_write_per_call(managers, django_assert_max_num_queries):
    token, secret = make_token(managers.director_a, managers.network.ml_a)
    client = client_for(secret)
    client.get(ML_LIST)
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    client.get(ML_LIST)
    token.refresh_from_db()
    assert token.last_used_at == first


def test_no_token_no_session_answers_401(db):
    from rest_framework.test import APIClient

    assert APIClient().get(ML_LIST).status_code in (401, 403)


# ---- pages --------------------------------------------------------------------------------------------


def test_the_pages_create_show_once_and_revoke_a_token(client, managers):
    client.force_login(managers.director_a)
    assert client.get(reverse("api:token_list")).status_code == 200
    form = client.get(reverse("api:token_new"))
    assert "Créer le jeton" in form.content.decode()
    expires = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    response = client.post(
        reverse("api:token_new"),
        {
            "organization": managers.network.ml_a.pk,
            "label": "Synchronisation I-Milo",
            "scopes": ["directory:read", "opportunities:read"],
            "expires_on": expires,
        },
    )
    assert response.status_code == 200
    secret = response.context["secret"]
    assert secret in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    token = ApiToken.objects.get(label="Synchronisation I-Milo")
    assert token.scopes == ["directory:read", "opportunities:read"]

    # The secret works, and its page lists the call, never the secret again.
    assert client_for(secret).get(ML_LIST).status_code == 200
    detail = client.get(reverse("api:token_detail", args=[token.pk])).content.decode()
    assert secret not in detail and token.prefix in detail and ML_LIST in detail

    confirm = client.get(reverse("api:token_revoke", args=[token.pk]))
    assert "Confirmez la révocation" in confirm.content.decode()
    client.post(reverse("api:token_revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert client_for(secret).get(ML_LIST).status_code == 401


def test_the_form_refuses_a_token_of_more_than_a_year(client, managers):
    client.force_login(managers.director_a)
    response = client.post(
        reverse("api:token_new"),
        {
            "organization": managers.network.ml_a.pk,
            "label": "Trop long",
            "scopes": ["directory:read"],
            "expires_on": (timezone.localdate() + datetime.timedelta(days=400)).isoformat(),
        },
    )
    assert "au plus un an" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_counsellor_has_no_token_pages(client, managers):
    client.force_login(managers.counsellor_a)
    assert client.get(reverse("api:token_list")).status_code == 403


def test_another_organisations_token_page_answers_404(client, managers):
    token, _ = make_token(managers.director_b, managers.network.ml_b)
    client.force_login(managers.director_a)
    assert client.get(reverse("api:token_detail", args=[token.pk])).status_code == 404
    assert client.post(reverse("api:token_revoke", args=[token.pk])).status_code == 404
