"""Tokens of the personas' organisations, and an API client that sends one."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone
from rest_framework.test import APIClient

from relais.api.enums import TokenScope
from relais.api.tokens import token_create
from relais.core.scope import Scope
from relais.organizations.enums import Role
from tests.organizations.factories import user_with_role

ALL_SCOPES = list(TokenScope.values)


@pytest.fixture(autouse=True)
def empty_cache():
    """Call limits are counted in the cache: each test starts from zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def managers(personas):
    """A director of ML A, a coordinator of the GEIQ BTP and the State service's observer-only team."""
    network = personas.network
    personas.director_a = user_with_role(network.ml_a, Role.DIRECTOR, "direction@ml-lyon.test")
    personas.director_b = user_with_role(network.ml_b, Role.DIRECTOR, "direction@ml-grenoble.test")
    personas.geiq_manager = user_with_role(network.geiq, Role.COORDINATOR, "coordination@geiq-btp.test")
    personas.state_manager = user_with_role(network.state, Role.DIRECTOR, "direction@dreets.test")
    return personas


def make_token(user, organization, scopes=None, days=90):
    token, secret = token_create(
        organization=organization,
        scope=Scope.for_user(user),
        label="Outil de test",
        scopes=ALL_SCOPES if scopes is None else scopes,
        expires_on=timezone.localdate() + datetime.timedelta(days=days),
    )
    return token, secret


def client_for(secret: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


@pytest.fixture
def ml_a_client(managers):
    _, secret = make_token(managers.director_a, managers.network.ml_a)
    return client_for(secret)


@pytest.fixture
def ml_b_client(managers):
    _, secret = make_token(managers.director_b, managers.network.ml_b)
    return client_for(secret)


@pytest.fixture
def geiq_client(managers):
    _, secret = make_token(managers.geiq_manager, managers.network.geiq)
    return client_for(secret)
