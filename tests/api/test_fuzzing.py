"""Schemathesis against the live schema, through the WSGI application: generated requests (a few examples
per operation, with a token of every scope) never get a 500 nor an answer the schema does not describe."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.conftest import make_token

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """The WSGI application ends each request by closing old connections (`close_old_connections`), which would
    close the test's own connection inside its transaction (PostgreSQL answers "the connection is closed"):
    held off while the fuzzer calls it, as Django's test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def secret(managers, rome, settings):
    settings.RELAIS_API_TOKEN_RATE = "100000/min"  # the fuzzer is not what the limits are tested with
    from tests.positionings.factories import published_opportunity

    published_opportunity(managers.network, rome_title=rome.mason)
    return make_token(managers.geiq_manager, managers.network.geiq)[1]


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=5,
    deadline=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_the_api_answers_within_its_schema(case, secret):
    case.call_and_validate(headers={"Authorization": f"Bearer {secret}"}, checks=CHECKS)
