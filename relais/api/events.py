"""Events and their registrations through the API (read): what the organisation's members see on the
event's page, young people by name only as far as the page shows them."""

import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from relais.api.auth import request_token
from relais.api.base import ApiViewMixin
from relais.api.enums import TokenScope
from relais.api.filters import UpdatedSinceFilterSet, UtcIsoDateTimeFilter
from relais.events.enums import EventKind, EventStatus
from relais.events.models import Event
from relais.events.perms import can_manage
from relais.events.selectors import event_for, events_visible_to, registrations_seen_by
from relais.youths.services import log_youth_list


class EventSerializer(serializers.ModelSerializer):
    convention_id = serializers.IntegerField(read_only=True, allow_null=True)
    commune_code = serializers.CharField(source="commune.code", read_only=True, allow_null=True, default=None)
    organizer_ids = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "id",
            "kind",
            "title",
            "description",
            "status",
            "mode",
            "audience",
            "convention_id",
            "commune_code",
            "address",
            "capacity",
            "registration_deadline",
            "starts_at",
            "ends_at",
            "published_at",
            "cancelled_at",
            "held_at",
            "organizer_ids",
            "updated_at",
        ]
        read_only_fields = fields

    def get_organizer_ids(self, event) -> list[int]:
        return sorted({organizer.organization_id for organizer in event.organizers.all()})


class RegistrationLineSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    status = serializers.CharField()
    organization_id = serializers.IntegerField(allow_null=True)
    name = serializers.CharField()


class RegistrationsSerializer(serializers.Serializer):
    event_id = serializers.IntegerField()
    seated = serializers.IntegerField()
    waiting = serializers.IntegerField()
    staff = RegistrationLineSerializer(many=True)
    youths = RegistrationLineSerializer(many=True)
    hidden_youths = serializers.DictField(child=serializers.IntegerField(), help_text="Par statut.")


class EventFilter(UpdatedSinceFilterSet):
    status = django_filters.ChoiceFilter(choices=EventStatus.choices)
    kind = django_filters.ChoiceFilter(choices=EventKind.choices)
    starts_from = UtcIsoDateTimeFilter(field_name="starts_at", lookup_expr="gte")
    starts_to = UtcIsoDateTimeFilter(field_name="starts_at", lookup_expr="lte")
    commune_code = django_filters.CharFilter(field_name="commune__code")

    class Meta:
        model = Event
        fields = ["status", "kind", "commune_code"]


def _line(registration, name: str) -> dict:
    return {
        "id": registration.pk,
        "kind": registration.kind,
        "status": registration.status,
        "organization_id": registration.organization_id,
        "name": name,
    }


@extend_schema(tags=["Événements"])
class EventViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Events the organisation organises, is invited to or follows through its conventions."""

    serializer_class = EventSerializer
    filterset_class = EventFilter
    read_scope = TokenScope.EVENTS_READ
    queryset = Event.objects.none()

    def get_queryset(self):
        return (
            events_visible_to(self.scope)
            .select_related("commune")
            .prefetch_related("organizers")
            .order_by("-starts_at", "-pk")
        )

    def get_object(self):
        return event_for(self.scope, self.kwargs["pk"])

    @extend_schema(responses=RegistrationsSerializer)
    @action(detail=True, methods=["get"])
    def registrations(self, request, pk=None):
        """Registrations as the event's page shows them to the organisation."""
        event = self.get_object()
        seen = registrations_seen_by(self.scope, event, organiser=can_manage(self.scope, event))
        token = request_token(request)
        log_youth_list(
            scope=self.scope,
            youth_ids=seen.shown_youth_ids,
            what=f"Inscrits à l'événement n°{event.pk} (API{f', jeton n°{token.pk}' if token else ''})",
            path=request.get_full_path(),
        )
        return Response(
            {
                "event_id": event.pk,
                "seated": seen.seated,
                "waiting": seen.waiting,
                "staff": [_line(row, str(row.person) if row.person_id else "") for row in seen.staff],
                "youths": [_line(line.registration, line.name) for line in seen.youths],
                "hidden_youths": seen.hidden_youths,
            }
        )
