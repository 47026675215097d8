"""Positionings through the API: a Mission Locale proposes and follows its own; a partner reads the
candidates transmitted to it, within the young person's consent, and answers (acknowledgement, interview,
outcome) — the positioning services and lifecycle, as on the pages."""

import dataclasses

import django_filters
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from relais.api.auth import request_token
from relais.api.base import ApiViewMixin
from relais.api.enums import TokenScope
from relais.api.filters import IdFilter, UpdatedSinceFilterSet
from relais.core.workflows import apply
from relais.jobs.models import ContractType
from relais.opportunities.selectors import opportunity_for_user
from relais.positionings.enums import NotRetainedReason, PositioningStatus
from relais.positionings.facts import FLAG_FIELDS
from relais.positionings.lifecycle import POSITIONING_LIFECYCLE
from relais.positionings.models import Positioning
from relais.positionings.selectors import LIST_RELATED, positioning_for_user, positionings_visible_to
from relais.positionings.services import positioning_propose
from relais.youths.selectors import partner_view, youth_for_user
from relais.youths.services import log_youth_list

MOVES = tuple(
    transition.name for transition in POSITIONING_LIFECYCLE.transitions if transition.name != "expire"
)


class YouthSerializer(serializers.Serializer):
    """The young person as their Mission Locale sees them (never sent to a partner)."""

    id = serializers.IntegerField()
    imilo_id = serializers.CharField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    priority_flags = serializers.DictField(child=serializers.BooleanField())


class CandidateSerializer(serializers.Serializer):
    """What a partner may see of the candidate: what consent covers, never a priority-public flag."""

    first_name = serializers.CharField()
    last_name = serializers.CharField()
    age = serializers.IntegerField()
    commune = serializers.CharField()
    qualification_level = serializers.CharField()
    driving_licence = serializers.BooleanField()
    has_vehicle = serializers.BooleanField()
    max_distance_km = serializers.IntegerField(allow_null=True)
    sought_titles = serializers.ListField(child=serializers.CharField())
    email = serializers.CharField()
    phone = serializers.CharField()
    contact_shared = serializers.BooleanField()


class PositioningSerializer(serializers.ModelSerializer):
    opportunity_id = serializers.IntegerField(read_only=True)
    mission_locale_id = serializers.IntegerField(read_only=True)
    contract_type_code = serializers.CharField(
        source="contract_type.code", read_only=True, allow_null=True, default=None
    )
    youth = serializers.SerializerMethodField()
    candidate = serializers.SerializerMethodField()

    class Meta:
        model = Positioning
        fields = [
            "id",
            "opportunity_id",
            "mission_locale_id",
            "status",
            "proposed_at",
            "transmitted_at",
            "answered_at",
            "interview_at",
            "closed_at",
            "contract_type_code",
            "start_date",
            "weekly_hours",
            "training_entry_date",
            "not_retained_reason",
            "updated_at",
            "youth",
            "candidate",
        ]
        read_only_fields = fields

    def _is_staff_view(self, positioning) -> bool:
        return positioning.mission_locale_id in self.context["scope"].mission_locale_ids

    @extend_schema_field(YouthSerializer(allow_null=True))
    def get_youth(self, positioning):
        if not self._is_staff_view(positioning) or positioning.youth is None:
            return None
        youth = positioning.youth
        return {
            "id": youth.pk,
            "imilo_id": youth.imilo_id or "",
            "first_name": youth.first_name,
            "last_name": youth.last_name,
            "priority_flags": {flag: bool(getattr(positioning, name)) for flag, name in FLAG_FIELDS.items()},
        }

    @extend_schema_field(CandidateSerializer(allow_null=True))
    def get_candidate(self, positioning):
        if self._is_staff_view(positioning) or positioning.youth is None:
            return None
        view = partner_view(positioning.youth)
        if view is None:
            return None
        data = dataclasses.asdict(view)
        data.pop("pk")
        return data


class ProposeSerializer(serializers.Serializer):
    youth_id = serializers.IntegerField(min_value=1)
    opportunity_id = serializers.IntegerField(min_value=1)
    motivation = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    availability = serializers.CharField(max_length=200, required=False, allow_blank=True)
    despite_current_outcome = serializers.BooleanField(required=False, default=False)


class TransitionSerializer(serializers.Serializer):
    """One move of the positioning; only the values that move takes are read."""

    name = serializers.ChoiceField(MOVES)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    interview_at = serializers.DateTimeField(required=False)
    contract_type_code = serializers.CharField(max_length=30, required=False)
    start_date = serializers.DateField(required=False)
    weekly_hours = serializers.DecimalField(max_digits=4, decimal_places=1, required=False)
    training_entry_date = serializers.DateField(required=False)
    not_retained_reason = serializers.ChoiceField(NotRetainedReason.choices, required=False)
    motivation = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    availability = serializers.CharField(max_length=200, required=False, allow_blank=True)

    def validate_contract_type_code(self, value):
        contract_type = ContractType.objects.filter(code=value).first()
        if contract_type is None:
            raise serializers.ValidationError("Type de contrat inconnu.")
        return contract_type

    def move_values(self) -> tuple[str, str, dict]:
        data = dict(self.validated_data)
        name, note = data.pop("name"), data.pop("note", "")
        if "contract_type_code" in data:
            data["contract_type"] = data.pop("contract_type_code")
        taken = {field.name for field in POSITIONING_LIFECYCLE.transition(name).fields}
        return name, note, {key: value for key, value in data.items() if key in taken}


class PositioningFilter(UpdatedSinceFilterSet):
    status = django_filters.ChoiceFilter(choices=PositioningStatus.choices)
    opportunity_id = IdFilter(field_name="opportunity_id")
    mission_locale_id = IdFilter(field_name="mission_locale_id")

    class Meta:
        model = Positioning
        fields = ["status", "opportunity_id", "mission_locale_id"]


@extend_schema(tags=["Positionnements"])
class PositioningViewSet(
    ApiViewMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Positionings of the organisation's Mission Locales, or transmitted to its partner structures."""

    serializer_class = PositioningSerializer
    filterset_class = PositioningFilter
    read_scope = TokenScope.POSITIONINGS_READ
    write_scope = TokenScope.POSITIONINGS_WRITE
    queryset = Positioning.objects.none()
    error_fields = {"contract_type": "contract_type_code"}

    def get_queryset(self):
        return (
            positionings_visible_to(self.scope)
            .select_related(*LIST_RELATED)
            .prefetch_related("youth__sought_titles")
            .order_by("-updated_at", "-pk")
        )

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "scope": self.scope}

    def _log(self, positionings) -> None:
        token = request_token(self.request)
        who = f"API, jeton n°{token.pk}" if token is not None else "API"
        log_youth_list(
            scope=self.scope,
            youth_ids=[p.youth_id for p in positionings],
            what=f"Positionnements ({who})",
            path=self.request.get_full_path(),
        )

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        self._log(page)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def get_object(self):
        return positioning_for_user(self.scope, self.kwargs["pk"])

    def retrieve(self, request, *args, **kwargs):
        positioning = self.get_object()
        self._log([positioning])
        return Response(self.get_serializer(positioning).data)

    def _answer(self, positioning, code=status.HTTP_200_OK):
        positioning = Positioning.objects.select_related(*LIST_RELATED).get(pk=positioning.pk)
        self._log([positioning])
        return Response(self.get_serializer(positioning).data, status=code)

    @extend_schema(request=ProposeSerializer, responses={201: PositioningSerializer})
    def create(self, request, *args, **kwargs):
        """A counsellor's proposal of one of the Mission Locale's young people on a diffused opportunity."""
        return self.idempotent(request, lambda: self._create(request))

    def _create(self, request):
        serializer = ProposeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        positioning = positioning_propose(
            youth=youth_for_user(self.scope, data["youth_id"]),
            opportunity=opportunity_for_user(self.scope, data["opportunity_id"]),
            scope=self.scope,
            motivation=data.get("motivation", ""),
            availability=data.get("availability", ""),
            despite_current_outcome=data["despite_current_outcome"],
        )
        return self._answer(positioning, status.HTTP_201_CREATED)

    @extend_schema(request=TransitionSerializer, responses=PositioningSerializer)
    @action(detail=True, methods=["post"])
    def transitions(self, request, pk=None):
        """Move the positioning on: transmit, send back, acknowledge, plan an interview, record an outcome..."""
        positioning = self.get_object()
        serializer = TransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        name, note, values = serializer.move_values()
        apply(POSITIONING_LIFECYCLE, positioning, name, scope=self.scope, note=note, **values)
        return self._answer(positioning)
