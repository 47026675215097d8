"""What every API view shares: authentication, scope checks, throttling, pagination, French errors,
the call log and idempotent creations."""

import hashlib
import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from relais.api.auth import BearerTokenAuthentication, HasTokenScope, SessionAuthentication, request_token
from relais.api.enums import CallOutcome
from relais.api.models import ApiCall, IdempotentResponse
from relais.api.throttling import TokenRateThrottle, UserRateThrottle
from relais.core.workflows import DomainError

IDEMPOTENCY_HEADER = "Idempotency-Key"
MAX_IDEMPOTENCY_KEY = 200


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


def exception_handler(exc, context):
    """Django's and the domain's errors as DRF answers: a field's messages under its name, in French."""
    if isinstance(exc, ValidationError):
        # A service names a model field ("commune"); the API's field may be its code ("commune_code").
        aliases = {"__all__": "non_field_errors", **getattr(context.get("view"), "error_fields", {})}
        if hasattr(exc, "error_dict"):
            exc = exceptions.ValidationError({aliases.get(k, k): v for k, v in exc.message_dict.items()})
        else:
            exc = exceptions.ValidationError({"non_field_errors": exc.messages})
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(str(exc) or "Introuvable.")
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or "Vous n'avez pas le droit de faire cela.")
    elif isinstance(exc, DomainError):
        exc = exceptions.ValidationError({"non_field_errors": [str(exc)]})
    return drf_exception_handler(exc, context)


def outcome_of(status_code: int, *, replayed: bool = False) -> str:
    if replayed:
        return CallOutcome.REPLAYED
    if status_code >= 500:
        return CallOutcome.SERVER_ERROR
    if status_code == 429:
        return CallOutcome.THROTTLED
    if status_code == 404:
        return CallOutcome.NOT_FOUND
    if status_code in (401, 403):
        return CallOutcome.DENIED
    if status_code >= 400:
        return CallOutcome.CLIENT_ERROR
    return CallOutcome.OK


class ApiViewMixin:
    """Mixed into every view of /api/v1/; ``read_scope`` and ``write_scope`` name the token scopes needed."""

    authentication_classes = (BearerTokenAuthentication, SessionAuthentication)
    permission_classes = (HasTokenScope,)
    throttle_classes = (TokenRateThrottle, UserRateThrottle)
    pagination_class = Pagination
    # Primary keys are digits: anything else is not an address of the API (JSON 404).
    lookup_value_regex = "[0-9]+"
    read_scope: str | None = None
    write_scope: str | None = None

    @property
    def scope(self):
        return self.request._request.scope

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        user = getattr(request, "_user", None)
        token = request_token(request)
        person = user if token is None and user is not None and user.is_authenticated else None
        if token is not None or person is not None:
            ApiCall.objects.create(
                token=token,
                user=person,
                method=request.method[:10],
                path=request.get_full_path()[:500],
                status=response.status_code,
                outcome=outcome_of(response.status_code, replayed=getattr(response, "replayed", False)),
            )
        return response

    # ---- idempotent creation ---------------------------------------------------------------------------

    def idempotent(self, request, create):
        """Run ``create()`` (returning a Response) once per Idempotency-Key of the principal: a retry with
        the same key and body gets the first answer back; the same key with another body is refused."""
        key = request.headers.get(IDEMPOTENCY_HEADER, "").strip()
        if not key:
            return create()
        if len(key) > MAX_IDEMPOTENCY_KEY:
            raise exceptions.ValidationError(
                {IDEMPOTENCY_HEADER: [f"La clé d'idempotence fait au plus {MAX_IDEMPOTENCY_KEY} caractères."]}
            )
        token = request_token(request)
        owner = {"token": token} if token is not None else {"user": request.user}
        fingerprint = hashlib.sha256(
            (request.path + json.dumps(request.data, sort_keys=True, default=str)).encode()
        ).hexdigest()
        previous = IdempotentResponse.objects.filter(key=key, **owner).first()
        if previous is None:
            try:
                with transaction.atomic():
                    response = create()
                    if response.status_code < 300:
                        IdempotentResponse.objects.create(
                            key=key,
                            path=request.path[:500],
                            fingerprint=fingerprint,
                            status=response.status_code,
                            body=json.loads(json.dumps(response.data, default=str)),
                            **owner,
                        )
                return response
            except IntegrityError:  # the same key sent twice at once: the other one won
                previous = IdempotentResponse.objects.filter(key=key, **owner).first()
                if previous is None:
                    raise
        if previous.fingerprint != fingerprint:
            return Response(
                {IDEMPOTENCY_HEADER: ["Cette clé d'idempotence a déjà servi pour une autre requête."]},
                status=status.HTTP_422_UNPROCESSABLE_ENTITY,
            )
        response = Response(previous.body, status=previous.status)
        response.replayed = True
        response["Idempotent-Replayed"] = "true"
        return response
