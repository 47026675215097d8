"""Read receipts of opportunities read through the API, as the opportunity's page records them for people."""

from django.db import transaction
from django.utils import timezone

from relais.api.models import ApiDeliveryReading, ApiToken
from relais.core.scope import Scope
from relais.core.services import audit
from relais.opportunities.enums import OpportunityStatus
from relais.opportunities.models import Delivery, Opportunity
from relais.opportunities.services import delivery_mark_read, relays_of


@transaction.atomic
def api_delivery_mark_read(*, opportunity: Opportunity, scope: Scope, token: ApiToken | None) -> int:
    """A person's session records their reading (the page's service); a token records one receipt per
    delivery to its Mission Locale and, when its organisation relays the offer (a CRE or the named referent
    works there), the Mission Locale's first reading. Returns the number of first readings."""
    if token is None:
        return delivery_mark_read(opportunity=opportunity, scope=scope)
    ml_ids = scope.mission_locale_ids
    if not ml_ids or opportunity.status == OpportunityStatus.DRAFT:
        return 0
    now = timezone.now()
    deliveries = list(
        Delivery.objects.filter(opportunity=opportunity, mission_locale_id__in=ml_ids).values_list(
            "pk", flat=True
        )
    )
    if not deliveries:
        return 0
    ApiDeliveryReading.objects.bulk_create(
        [ApiDeliveryReading(delivery_id=pk, token=token, read_at=now) for pk in deliveries],
        ignore_conflicts=True,
    )
    relayed = relays_of(scope, opportunity)
    if not relayed:
        return 0
    updated = Delivery.objects.filter(
        opportunity=opportunity, mission_locale_id__in=relayed, first_read_at__isnull=True
    ).update(first_read_at=now)
    if updated:
        audit(
            actor=None,
            action="opportunity.first_read",
            obj=opportunity,
            mission_locales=sorted(relayed),
            api_token=token.pk,
        )
    return updated
