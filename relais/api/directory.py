"""Directory resources: Missions Locales (sites, I-Milo codes, coverage), partner structures, referents,
and the conventions the principal reads."""

import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from relais.api.base import ApiViewMixin
from relais.api.enums import TokenScope
from relais.api.filters import IdFilter, UpdatedSinceFilterSet
from relais.conventions.models import Convention
from relais.conventions.selectors import conventions_visible_to
from relais.organizations import selectors
from relais.organizations.enums import OrganizationKind
from relais.organizations.models import Organization, PartnerReferent, Site


class SiteSerializer(serializers.ModelSerializer):
    commune_code = serializers.CharField(source="commune.code", read_only=True)

    class Meta:
        model = Site
        fields = ["id", "name", "address", "postal_code", "commune_code", "phone", "is_main"]


class OrganizationSerializer(serializers.ModelSerializer):
    parent_id = serializers.IntegerField(read_only=True, allow_null=True)
    region_code = serializers.CharField(source="region.code", read_only=True, allow_null=True, default=None)
    department_codes = serializers.SerializerMethodField()
    commune_code = serializers.CharField(source="commune.code", read_only=True, allow_null=True, default=None)

    class Meta:
        model = Organization
        fields = [
            "id",
            "kind",
            "name",
            "short_name",
            "siret",
            "parent_id",
            "region_code",
            "department_codes",
            "address",
            "postal_code",
            "commune_code",
            "phone",
            "email",
            "website",
            "updated_at",
        ]

    def get_department_codes(self, organization) -> list[str]:
        return sorted(department.code for department in organization.departments.all())


class MissionLocaleSerializer(OrganizationSerializer):
    sites = SiteSerializer(many=True, read_only=True)

    class Meta(OrganizationSerializer.Meta):
        fields = [*OrganizationSerializer.Meta.fields, "imilo_code", "sites"]


class PartnerSerializer(OrganizationSerializer):
    naf_codes = serializers.SerializerMethodField()

    class Meta(OrganizationSerializer.Meta):
        fields = [*OrganizationSerializer.Meta.fields, "sector_label", "naf_codes"]

    def get_naf_codes(self, organization) -> list[str]:
        return sorted(sector.code for sector in organization.naf_sectors.all())


class CoverageSerializer(serializers.Serializer):
    mission_locale_id = serializers.IntegerField()
    commune_codes = serializers.ListField(child=serializers.CharField())


class MissionLocaleFilter(UpdatedSinceFilterSet):
    imilo_code = django_filters.CharFilter(field_name="imilo_code")
    siret = django_filters.CharFilter(field_name="siret")

    class Meta:
        model = Organization
        fields = ["imilo_code", "siret"]


class PartnerFilter(UpdatedSinceFilterSet):
    siret = django_filters.CharFilter(field_name="siret")
    parent_id = IdFilter(field_name="parent_id")

    class Meta:
        model = Organization
        fields = ["siret", "parent_id"]


def _region_and_department(request) -> dict:
    return {
        "region_code": request.query_params.get("region_code", "")[:3],
        "department_code": request.query_params.get("department_code", "")[:3],
    }


REGION_PARAMETERS = [
    {"name": "region_code", "description": "Code INSEE de la région (ex. 84)."},
    {"name": "department_code", "description": "Code INSEE du département (ex. 69, 2A)."},
]


def _place_parameters():
    from drf_spectacular.utils import OpenApiParameter

    return [OpenApiParameter(p["name"], str, description=p["description"]) for p in REGION_PARAMETERS]


@extend_schema(tags=["Annuaire"], parameters=_place_parameters())
class MissionLocaleViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Missions Locales of the directory, with their sites and I-Milo codes."""

    serializer_class = MissionLocaleSerializer
    filterset_class = MissionLocaleFilter
    read_scope = TokenScope.DIRECTORY_READ
    queryset = Organization.objects.none()  # for the schema; the selector gives the real one

    def get_queryset(self):
        return selectors.missions_locales(**_region_and_department(self.request)).prefetch_related(
            "sites__commune"
        )

    @extend_schema(responses=CoverageSerializer)
    @action(detail=True, methods=["get"])
    def coverage(self, request, pk=None):
        """Communes (codes INSEE) the Mission Locale covers."""
        mission_locale = self.get_object()
        codes = sorted(mission_locale.covered_communes.values_list("code", flat=True))
        return Response({"mission_locale_id": mission_locale.pk, "commune_codes": codes})


@extend_schema(tags=["Annuaire"], parameters=_place_parameters())
class PartnerViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Partner structures of the directory (companies, GEIQ, networks, public bodies...)."""

    serializer_class = PartnerSerializer
    filterset_class = PartnerFilter
    read_scope = TokenScope.DIRECTORY_READ
    queryset = Organization.objects.none()

    def get_queryset(self):
        kind = self.request.query_params.get("kind", "")
        kind = kind if kind in OrganizationKind.values else ""
        return selectors.partners(kind=kind, **_region_and_department(self.request)).prefetch_related(
            "departments", "naf_sectors"
        )


class ReferentSerializer(serializers.ModelSerializer):
    mission_locale_id = serializers.IntegerField(read_only=True)
    partner_id = serializers.IntegerField(read_only=True)
    first_name = serializers.CharField(source="person.first_name", read_only=True)
    last_name = serializers.CharField(source="person.last_name", read_only=True)
    email = serializers.CharField(source="person.email", read_only=True)

    class Meta:
        model = PartnerReferent
        fields = ["id", "mission_locale_id", "partner_id", "since", "first_name", "last_name", "email"]


class ReferentFilter(django_filters.FilterSet):
    mission_locale_id = IdFilter(field_name="mission_locale_id")
    partner_id = IdFilter(field_name="partner_id")

    class Meta:
        model = PartnerReferent
        fields = ["mission_locale_id", "partner_id"]


@extend_schema(tags=["Annuaire"])
class ReferentViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Referents named by Missions Locales for partner structures (filter by Mission Locale or partner)."""

    serializer_class = ReferentSerializer
    filterset_class = ReferentFilter
    read_scope = TokenScope.DIRECTORY_READ
    queryset = PartnerReferent.objects.none()

    def get_queryset(self):
        mls = selectors.missions_locales().values("pk")
        return (
            PartnerReferent.objects.filter(mission_locale__in=mls, partner__is_active=True)
            .select_related("person")
            .order_by("mission_locale_id", "partner_id", "pk")
        )


class ConventionSerializer(serializers.ModelSerializer):
    region_code = serializers.CharField(source="region.code", read_only=True, allow_null=True, default=None)
    parent_id = serializers.IntegerField(read_only=True, allow_null=True)
    party_ids = serializers.SerializerMethodField()

    class Meta:
        model = Convention
        fields = [
            "id",
            "title",
            "kind",
            "status",
            "parent_id",
            "period_number",
            "region_code",
            "signature_date",
            "start_date",
            "end_date",
            "party_ids",
            "updated_at",
        ]

    def get_party_ids(self, convention) -> list[int]:
        return sorted({party.organization_id for party in convention.parties.all()})


class ConventionFilter(UpdatedSinceFilterSet):
    status = django_filters.CharFilter(field_name="status")
    kind = django_filters.CharFilter(field_name="kind")

    class Meta:
        model = Convention
        fields = ["status", "kind"]


@extend_schema(tags=["Conventions"])
class ConventionViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Conventions the organisation reads (a party, or below one; observers as on their pages)."""

    serializer_class = ConventionSerializer
    filterset_class = ConventionFilter
    read_scope = TokenScope.DIRECTORY_READ
    queryset = Convention.objects.none()

    def get_queryset(self):
        return (
            conventions_visible_to(self.scope)
            .select_related("region")
            .prefetch_related("parties")
            .order_by("-start_date", "pk")
        )
