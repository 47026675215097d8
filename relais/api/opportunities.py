"""Opportunities through the API: partners create, edit, publish and close their own (the opportunities'
services and lifecycle); Missions Locales read what was diffused to them, with read receipts."""

import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from relais.api.auth import request_token
from relais.api.base import ApiViewMixin
from relais.api.enums import TokenScope
from relais.api.filters import IdFilter, UpdatedSinceFilterSet
from relais.api.readings import api_delivery_mark_read
from relais.core.workflows import apply
from relais.jobs.models import RomeTitle
from relais.opportunities import services
from relais.opportunities.enums import OpportunityKind, OpportunityStatus, PriorityPublic
from relais.opportunities.lifecycle import OPPORTUNITY_LIFECYCLE
from relais.opportunities.models import Opportunity
from relais.opportunities.selectors import LIST_RELATED, opportunities_visible_to, opportunity_for_user
from relais.organizations.models import Organization
from relais.territories.models import Commune

MOVES = ("publish", "fill", "close", "cancel")


class OpportunitySerializer(serializers.ModelSerializer):
    publisher_id = serializers.IntegerField(read_only=True)
    convention_id = serializers.IntegerField(read_only=True, allow_null=True)
    rome_code = serializers.CharField(source="rome_title.family.code", read_only=True)
    rome_title_code = serializers.CharField(source="rome_title.ogr_code", read_only=True)
    rome_title_label = serializers.CharField(source="rome_title.label", read_only=True)
    commune_code = serializers.CharField(source="commune.code", read_only=True)
    priority_publics = serializers.ListField(child=serializers.ChoiceField(PriorityPublic.choices))

    class Meta:
        model = Opportunity
        fields = [
            "id",
            "publisher_id",
            "kind",
            "title",
            "rome_code",
            "rome_title_code",
            "rome_title_label",
            "commune_code",
            "positions",
            "start_date",
            "closing_date",
            "duration_months",
            "weekly_hours",
            "priority_publics",
            "convention_id",
            "description",
            "status",
            "published_at",
            "ended_at",
            "updated_at",
        ]
        read_only_fields = fields


class OpportunityWriteSerializer(serializers.Serializer):
    """What a partner sends; codes as they are (ROME appellation OGR code, INSEE commune code)."""

    publisher_id = serializers.IntegerField(help_text="La structure qui recrute (créée seulement).")
    kind = serializers.ChoiceField(OpportunityKind.choices)
    title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    rome_title_code = serializers.CharField(max_length=10, help_text="Code OGR de l'appellation ROME.")
    commune_code = serializers.CharField(max_length=5, help_text="Code INSEE de la commune.")
    positions = serializers.IntegerField(min_value=1, max_value=999, required=False)
    start_date = serializers.DateField(required=False, allow_null=True)
    closing_date = serializers.DateField(required=False, allow_null=True)
    duration_months = serializers.IntegerField(min_value=0, max_value=999, required=False, allow_null=True)
    weekly_hours = serializers.DecimalField(
        max_digits=4, decimal_places=1, min_value=0, required=False, allow_null=True
    )
    priority_publics = serializers.ListField(
        child=serializers.ChoiceField(PriorityPublic.choices), required=False, max_length=20
    )
    convention_id = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    description = serializers.CharField(max_length=5000, required=False, allow_blank=True)

    def validate_rome_title_code(self, value):
        title = RomeTitle.objects.filter(ogr_code=value).select_related("family").first()
        if title is None:
            raise serializers.ValidationError("Aucune appellation ROME n'a ce code OGR.")
        return title

    def validate_commune_code(self, value):
        commune = Commune.objects.filter(code=value).first()
        if commune is None:
            raise serializers.ValidationError("Aucune commune n'a ce code INSEE.")
        return commune

    def service_fields(self) -> dict:
        data = dict(self.validated_data)
        data.pop("publisher_id", None)
        if "rome_title_code" in data:
            data["rome_title"] = data.pop("rome_title_code")
        if "commune_code" in data:
            data["commune"] = data.pop("commune_code")
        if "convention_id" in data:
            convention_id = data.pop("convention_id")
            from relais.conventions.models import Convention

            data["convention"] = (
                Convention.objects.filter(pk=convention_id).first() if convention_id else None
            )
            if convention_id and data["convention"] is None:
                raise serializers.ValidationError({"convention_id": ["Cette convention n'existe pas."]})
        return data


class OpportunityFilter(UpdatedSinceFilterSet):
    status = django_filters.ChoiceFilter(choices=OpportunityStatus.choices)
    kind = django_filters.ChoiceFilter(choices=OpportunityKind.choices)
    publisher_id = IdFilter(field_name="publisher_id")
    commune_code = django_filters.CharFilter(field_name="commune__code")
    rome_code = django_filters.CharFilter(field_name="rome_title__family__code")
    start_date_from = django_filters.DateFilter(field_name="start_date", lookup_expr="gte")
    start_date_to = django_filters.DateFilter(field_name="start_date", lookup_expr="lte")

    class Meta:
        model = Opportunity
        fields = ["status", "kind", "publisher_id", "commune_code", "rome_code"]


class MoveSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True)


@extend_schema(tags=["Opportunités"])
class OpportunityViewSet(
    ApiViewMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Opportunities the organisation reaches: its own (drafts included), and those diffused to it."""

    serializer_class = OpportunitySerializer
    filterset_class = OpportunityFilter
    read_scope = TokenScope.OPPORTUNITIES_READ
    write_scope = TokenScope.OPPORTUNITIES_WRITE
    http_method_names = ["get", "post", "patch", "head", "options"]
    error_fields = {"rome_title": "rome_title_code", "commune": "commune_code", "convention": "convention_id"}
    queryset = Opportunity.objects.none()

    def get_queryset(self):
        return (
            opportunities_visible_to(self.scope)
            .select_related(*LIST_RELATED, "rome_title__family")
            .order_by("-updated_at", "-pk")
        )

    def get_serializer_class(self):
        if self.action in ("create", "partial_update"):
            return OpportunityWriteSerializer
        if self.action in MOVES:
            return MoveSerializer
        return OpportunitySerializer

    def get_object(self):
        return opportunity_for_user(self.scope, self.kwargs["pk"])

    def retrieve(self, request, *args, **kwargs):
        opportunity = self.get_object()
        api_delivery_mark_read(opportunity=opportunity, scope=self.scope, token=request_token(request))
        return Response(OpportunitySerializer(opportunity).data)

    @extend_schema(request=OpportunityWriteSerializer, responses={201: OpportunitySerializer})
    def create(self, request, *args, **kwargs):
        return self.idempotent(request, lambda: self._create(request))

    def _create(self, request):
        serializer = OpportunityWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        publisher = Organization.objects.filter(pk=serializer.validated_data["publisher_id"]).first()
        if publisher is None or publisher.pk not in self.scope.publisher_ids:
            raise serializers.ValidationError({"publisher_id": ["Vous ne publiez pas pour cette structure."]})
        opportunity = services.opportunity_create(
            publisher=publisher, scope=self.scope, **serializer.service_fields()
        )
        return Response(OpportunitySerializer(self._reload(opportunity)).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=OpportunityWriteSerializer, responses=OpportunitySerializer)
    def partial_update(self, request, *args, **kwargs):
        opportunity = self.get_object()
        serializer = OpportunityWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.opportunity_update(opportunity=opportunity, scope=self.scope, **serializer.service_fields())
        return Response(OpportunitySerializer(self._reload(opportunity)).data)

    def _reload(self, opportunity):
        return Opportunity.objects.select_related(*LIST_RELATED, "rome_title__family").get(pk=opportunity.pk)

    def _move(self, request, name):
        opportunity = self.get_object()
        serializer = MoveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        apply(
            OPPORTUNITY_LIFECYCLE,
            opportunity,
            name,
            scope=self.scope,
            note=serializer.validated_data.get("note", ""),
        )
        return Response(OpportunitySerializer(self._reload(opportunity)).data)

    @extend_schema(request=MoveSerializer, responses=OpportunitySerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """Publish a draft (its dates are checked against today)."""
        return self._move(request, "publish")

    @extend_schema(request=MoveSerializer, responses=OpportunitySerializer)
    @action(detail=True, methods=["post"])
    def fill(self, request, pk=None):
        """Mark a published opportunity as filled."""
        return self._move(request, "fill")

    @extend_schema(request=MoveSerializer, responses=OpportunitySerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """Close a published opportunity."""
        return self._move(request, "close")

    @extend_schema(request=MoveSerializer, responses=OpportunitySerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Cancel a draft or a published opportunity."""
        return self._move(request, "cancel")
