"""Reads of opportunities, always scoped to the acting Scope."""

import datetime
import math
from dataclasses import dataclass

from django.apps import apps
from django.db.models import (
    Count,
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import ASin, Coalesce, Cos, Power, Radians, Sin, Sqrt
from django.http import Http404
from django.utils import timezone

from relais.conventions.enums import ConventionStatus
from relais.conventions.models import Convention
from relais.conventions.parents import descendants_of
from relais.core.scope import Scope
from relais.core.search import search_terms
from relais.opportunities.enums import OpportunityStatus
from relais.opportunities.models import Delivery, DeliveryReading, Opportunity
from relais.organizations.enums import OrganizationKind, Role
from relais.organizations.models import Membership, Organization
from relais.organizations.selectors import ancestor_ids
from relais.territories.models import Commune
from relais.territories.selectors import EARTH_RADIUS_KM, bounding_box, distance_km

LIST_RELATED = ("rome_title", "rome_title__family", "commune", "commune__department", "publisher")


def opportunities_visible_to(scope: Scope) -> QuerySet[Opportunity]:
    """Opportunities the principal may open.

    - the staff of the publisher and of the network head above it: all of theirs, drafts included;
    - the staff of a Mission Locale (and of the ARML or UNML above it): what was diffused to it;
    - the members of an ARML: every non-draft opportunity located in its region.
    Anyone else (observers, other partners) sees none: another organisation's opportunity answers 404.
    """
    if not scope.is_authenticated:
        return Opportunity.objects.none()
    if scope.is_platform:
        return Opportunity.objects.all()
    reach = scope.reach_ids | scope.publisher_ids
    if not reach:
        return Opportunity.objects.none()
    # A correlated EXISTS (one probe of the delivery index per row), not `pk IN (every delivery of these
    # MLs)`: inside an OR that list is hashed or, on PostgreSQL past work_mem, rescanned for each row.
    received = Exists(Delivery.objects.filter(opportunity_id=OuterRef("pk"), mission_locale_id__in=reach))
    condition = Q(publisher_id__in=reach) | (received & ~Q(status=OpportunityStatus.DRAFT))
    regions = scope.network_region_ids
    if regions:
        condition |= Q(commune__department__region_id__in=regions) & ~Q(status=OpportunityStatus.DRAFT)
    return Opportunity.objects.filter(condition)


def opportunity_for_user(scope: Scope, pk) -> Opportunity:
    try:
        return (
            opportunities_visible_to(scope)
            .select_related(
                *LIST_RELATED, "convention", "author", "commune__department__region", "publisher__parent"
            )
            .get(pk=pk)
        )
    except (Opportunity.DoesNotExist, ValueError, TypeError):
        raise Http404("Cette opportunité n'existe pas ou ne vous a pas été diffusée.") from None


def available_views(scope: Scope) -> list[tuple[str, str]]:
    """The list pages this principal has, in the order they are offered: (code, French label)."""
    views = []
    if scope.mission_locale_ids:
        views.append(("recues", "Reçues par ma Mission Locale"))
    if scope.publisher_ids:
        views.append(("publiees", "Publiées par ma structure"))
    if scope.is_platform or scope.coordinated_network_ids or scope.network_region_ids:
        views.append(("reseau", "Mon réseau"))
    return views


# ---- filters shared by the list pages ---------------------------------------------------------------


@dataclass
class OpportunityFilters:
    query: str = ""
    kind: str = ""
    rome_family: str = ""
    origin: Commune | None = None
    max_km: int | None = None
    start_from: datetime.date | None = None
    start_to: datetime.date | None = None
    open_until: datetime.date | None = None
    status: str = "open"  # "open", "all" or a status code
    unread_only: bool = False


def _apply_filters(qs: QuerySet, filters: OpportunityFilters, *, today: datetime.date) -> QuerySet:
    terms = search_terms(filters.query)
    if terms:
        # One condition on the stored folded column (title, ROME title, publisher, commune), bounded words.
        qs = qs.filter(terms.condition("search_text"))
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    family = filters.rome_family.strip().upper()
    if family:
        # A full code ("F1703") selects a family; a prefix ("F17") its whole professional domain.
        qs = qs.filter(rome_title__family__code__startswith=family)
    if filters.start_from:
        qs = qs.filter(start_date__gte=filters.start_from)
    if filters.start_to:
        qs = qs.filter(start_date__lte=filters.start_to)
    if filters.open_until:
        # Candidacies still accepted on that date (no closing date: open until filled or closed).
        qs = qs.filter(Q(closing_date__isnull=True) | Q(closing_date__gte=filters.open_until))
    if filters.status == "open":
        qs = qs.filter(status=OpportunityStatus.PUBLISHED).filter(
            Q(closing_date__isnull=True) | Q(closing_date__gte=today)
        )
    elif filters.status in OpportunityStatus.values:
        qs = qs.filter(status=filters.status)
    return _apply_distance(qs, filters.origin, filters.max_km)


def _apply_distance(qs: QuerySet, origin: Commune | None, max_km: int | None) -> QuerySet:
    """Annotate the distance from the origin commune (haversine, in SQL) and keep those within max_km."""
    if origin is None or origin.latitude is None or origin.longitude is None:
        return qs.annotate(distance_km=Value(None, output_field=FloatField()))
    lat, lon = origin.latitude, origin.longitude
    if max_km:
        # A bounding box first: cheap comparisons that discard most rows before the trigonometry.
        lat_range, lon_range = bounding_box(lat, lon, max_km)
        qs = qs.filter(commune__latitude__range=lat_range, commune__longitude__range=lon_range)
    lat_r = math.radians(lat)
    half_dlat = (Radians(F("commune__latitude")) - Value(lat_r)) / Value(2.0)
    half_dlon = (Radians(F("commune__longitude")) - Value(math.radians(lon))) / Value(2.0)
    h = Power(Sin(half_dlat), 2) + Value(math.cos(lat_r)) * Cos(Radians(F("commune__latitude"))) * Power(
        Sin(half_dlon), 2
    )
    qs = qs.annotate(distance_km=Value(2 * EARTH_RADIUS_KM) * ASin(Sqrt(h)))
    if max_km:
        qs = qs.filter(distance_km__lte=max_km)
    return qs


def _count(model_qs: QuerySet, field: str = "opportunity") -> Coalesce:
    counted = (
        model_qs.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted[:1], output_field=IntegerField()), Value(0))


def _with_counts(qs: QuerySet) -> QuerySet:
    """Deliveries, reads and candidacies received by the partner (transmitted ones: the partner sees no other)."""
    return qs.annotate(
        delivery_count=_count(Delivery.objects.all()),
        read_count=_count(Delivery.objects.filter(first_read_at__isnull=False)),
        # The positionings app builds on this one: its model is looked up by name to avoid an import cycle.
        positioning_count=_count(
            apps.get_model("positionings", "Positioning").objects.filter(transmitted_at__isnull=False)
        ),
    )


def received_opportunities(
    scope: Scope, filters: OpportunityFilters | None = None, *, today=None
) -> QuerySet[Opportunity]:
    """What was diffused to the principal's Missions Locales, with when it arrived and whether it was read.

    Distances are computed in SQL only when a place is chosen (to filter or sort by them); otherwise the
    page computes them for its own rows (see with_distances).
    """
    filters = filters or OpportunityFilters()
    today = today or timezone.localdate()
    ml_ids = sorted(scope.mission_locale_ids)
    if len(ml_ids) == 1:
        # The common case, one Mission Locale: a join on its deliveries, read in (mission_locale, delivered_at)
        # index order.
        qs = Opportunity.objects.filter(deliveries__mission_locale_id=ml_ids[0]).annotate(
            delivered_at=F("deliveries__delivered_at"), first_read_at=F("deliveries__first_read_at")
        )
    else:
        mine = Delivery.objects.filter(opportunity=OuterRef("pk"), mission_locale_id__in=ml_ids).order_by(
            "delivered_at"
        )
        qs = Opportunity.objects.filter(
            pk__in=Delivery.objects.filter(mission_locale_id__in=ml_ids).values("opportunity_id")
        ).annotate(
            delivered_at=Subquery(mine.values("delivered_at")[:1]),
            first_read_at=Subquery(mine.values("first_read_at")[:1]),
        )
    # Read or not is each person's own: a counsellor's opening is not the CRE's.
    qs = qs.annotate(
        read_by_me=Exists(
            DeliveryReading.objects.filter(
                delivery__opportunity=OuterRef("pk"), delivery__mission_locale_id__in=ml_ids, user=scope.actor
            )
        )
        if scope.actor is not None
        else Value(False)
    ).exclude(status=OpportunityStatus.DRAFT)
    if filters.unread_only:
        qs = qs.filter(read_by_me=False)
    qs = _apply_filters(qs, filters, today=today).select_related(*LIST_RELATED)
    if filters.origin is not None and filters.origin.latitude is not None:
        return qs.order_by(F("distance_km").asc(nulls_last=True), "-delivered_at", "-pk")
    return qs.order_by("-delivered_at", "-pk")


def with_distances(rows, origin: Commune | None) -> None:
    """Set distance_km on already loaded rows (a page), from the origin commune, in Python."""
    for row in rows:
        row.distance_km = distance_km(origin, row.commune) if origin is not None else None


def published_opportunities(scope: Scope, filters: OpportunityFilters | None = None, *, today=None):
    """The opportunities of the partner structures the principal publishes for, with diffusion and reading counts."""
    filters = filters or OpportunityFilters(status="all")
    today = today or timezone.localdate()
    qs = Opportunity.objects.filter(publisher_id__in=scope.publisher_ids)
    qs = _apply_filters(qs, filters, today=today).select_related(*LIST_RELATED)
    return _with_counts(qs).order_by(F("published_at").desc(nulls_first=True), "-pk")


def network_opportunities(scope: Scope, filters: OpportunityFilters | None = None, *, today=None):
    """For a coordinator: the non-draft opportunities of their network or region, with counts."""
    filters = filters or OpportunityFilters()
    today = today or timezone.localdate()
    qs = opportunities_visible_to(scope).exclude(status=OpportunityStatus.DRAFT)
    qs = _apply_filters(qs, filters, today=today).select_related(*LIST_RELATED)
    return _with_counts(qs).order_by(F("published_at").desc(nulls_last=True), "-pk")


# ---- detail page -------------------------------------------------------------------------------------


def deliveries_of(opportunity: Opportunity, *, unread_first: bool = False) -> QuerySet[Delivery]:
    """The Missions Locales that received it, whether their CREs read it, and how many of their people did."""
    qs = opportunity.deliveries.select_related("mission_locale", "first_read_by", "diffusion").annotate(
        readers=Count("readings")
    )
    if unread_first:
        return qs.order_by(F("first_read_at").asc(nulls_first=True), "mission_locale__name")
    return qs.order_by("mission_locale__name")


def received_by_user_mls(scope: Scope, opportunity: Opportunity) -> list[Delivery]:
    return list(opportunity.deliveries.filter(mission_locale_id__in=scope.mission_locale_ids))


def cre_memberships(mission_locale_ids) -> QuerySet[Membership]:
    """The CREs of these Missions Locales, the people a diffusion notifies (only those with an account)."""
    return Membership.objects.filter(
        organization_id__in=mission_locale_ids,
        role=Role.CRE,
        is_active=True,
        person__user__isnull=False,
        person__user__is_active=True,
    ).select_related("person__user", "organization")


def conventions_for_publisher(publisher: Organization) -> QuerySet[Convention]:
    """Conventions the publisher falls under: those it or its network head is a party of, and those below them."""
    parties = {publisher.pk} | ancestor_ids(publisher)
    direct = set(Convention.objects.filter(parties__organization_id__in=parties).values_list("pk", flat=True))
    ids = direct | descendants_of(direct)
    return (
        Convention.objects.filter(pk__in=ids)
        .exclude(status__in=[ConventionStatus.CANCELLED, ConventionStatus.ENDED, ConventionStatus.RENEWED])
        .order_by("title", "period_number")
    )


def applicable_convention(publisher: Organization) -> Convention | None:
    """The convention a new opportunity of this publisher most likely falls under: a running one the publisher
    is itself party to (its local convention), else a running one of its network head (the charter)."""
    running = conventions_for_publisher(publisher).filter(
        status__in=[ConventionStatus.ACTIVE, ConventionStatus.REVIEW_DUE, ConventionStatus.SIGNED]
    )
    for parties in ({publisher.pk}, ancestor_ids(publisher)):
        found = running.filter(parties__organization_id__in=parties).order_by(
            F("start_date").desc(nulls_last=True), "-pk"
        )
        if parties and found.exists():
            return found.first()
    return running.order_by(F("start_date").desc(nulls_last=True), "-pk").first()


def mission_locales_in(region_ids=None, department_ids=None, ml_ids=None) -> QuerySet[Organization]:
    qs = Organization.objects.filter(kind=OrganizationKind.MISSION_LOCALE, is_active=True)
    if region_ids is not None:
        qs = qs.filter(region_id__in=region_ids)
    if department_ids is not None:
        qs = qs.filter(departments__in=department_ids)
    if ml_ids is not None:
        qs = qs.filter(pk__in=ml_ids)
    return qs.distinct()
