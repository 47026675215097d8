"""What each webhook event carries: the object as the endpoint's organisation reads it through the API.

An event names an object; for each subscribed organisation the object is read again with the API's selector
under ``Scope.for_organization`` (what one of the organisation's tokens reaches) and rendered with the API's
serializer, so a body never holds what the organisation could not read through the API — an object it
cannot read is not delivered at all. ``from_notification`` maps the product's own notified events (the one
mechanism every service and workflow already goes through) to webhook events.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from relais.api.events import EventSerializer
from relais.api.opportunities import OpportunitySerializer
from relais.api.positionings import PositioningSerializer
from relais.api.tokens import token_roles
from relais.core.scope import Scope
from relais.events.selectors import events_visible_to
from relais.opportunities.selectors import LIST_RELATED as OPPORTUNITY_RELATED
from relais.opportunities.selectors import opportunities_visible_to
from relais.positionings.selectors import LIST_RELATED as POSITIONING_RELATED
from relais.positionings.selectors import positionings_visible_to
from relais.webhooks.enums import EventType


@dataclass(frozen=True)
class Resource:
    object_type: str
    read: Callable[[Scope, int], object | None]
    serialize: Callable[[object, Scope], dict]
    # The young people a body shows (their reading is access-logged).
    youth_ids: Callable[[object], list[int]] = field(default=lambda obj: [])


def _opportunity(scope: Scope, pk: int):
    queryset = opportunities_visible_to(scope).select_related(*OPPORTUNITY_RELATED, "rome_title__family")
    return queryset.filter(pk=pk).first()


def _positioning(scope: Scope, pk: int):
    queryset = positionings_visible_to(scope).select_related(*POSITIONING_RELATED)
    return queryset.prefetch_related("youth__sought_titles").filter(pk=pk).first()


def _event(scope: Scope, pk: int):
    queryset = events_visible_to(scope).select_related("commune").prefetch_related("organizers")
    return queryset.filter(pk=pk).first()


OPPORTUNITY = Resource(
    "opportunities.opportunity", _opportunity, lambda obj, scope: OpportunitySerializer(obj).data
)
POSITIONING = Resource(
    "positionings.positioning",
    _positioning,
    lambda obj, scope: PositioningSerializer(obj, context={"scope": scope}).data,
    youth_ids=lambda obj: [obj.youth_id],
)
EVENT = Resource("events.event", _event, lambda obj, scope: EventSerializer(obj).data)

RESOURCES: dict[str, Resource] = {
    EventType.OPPORTUNITY_DIFFUSED: OPPORTUNITY,
    EventType.POSITIONING_TRANSMITTED: POSITIONING,
    EventType.POSITIONING_OUTCOME_RECORDED: POSITIONING,
    EventType.EVENT_PUBLISHED: EVENT,
}


@dataclass(frozen=True)
class Happening:
    """A webhook event found in a notified event: its type, its object and, when the event concerns only
    some organisations (a diffusion reaches some Missions Locales), a function naming them."""

    event_type: str
    object_id: int
    organizations: Callable[[], set[int]] | None = None


def _diffusion_organizations(diffusion) -> Callable[[], set[int]]:
    def organizations() -> set[int]:
        reached = set(diffusion.deliveries.values_list("mission_locale_id", flat=True))
        return reached | {diffusion.opportunity.publisher_id}

    return organizations


def from_notification(code: str, obj, data: dict) -> Happening | None:
    if code == "opportunities.diffused":
        return Happening(EventType.OPPORTUNITY_DIFFUSED, obj.opportunity_id, _diffusion_organizations(obj))
    if code == "positionings.transmitted":
        return Happening(EventType.POSITIONING_TRANSMITTED, obj.pk)
    if code == "positionings.outcome":
        return Happening(EventType.POSITIONING_OUTCOME_RECORDED, obj.pk)
    if code == "events.announced" and data.get("move") == "publish":
        return Happening(EventType.EVENT_PUBLISHED, obj.pk)
    return None


def endpoint_scope(endpoint) -> Scope:
    """What the endpoint's organisation reaches: the Scope one of its API tokens resolves to (its members'
    roles), from the same function the API's authentication uses."""
    return Scope.for_organization(endpoint.organization, roles=token_roles(endpoint))
