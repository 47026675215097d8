"""What the opportunities provide to the convention figures: diffusion to the Missions Locales and its reading
(keyed by indicator code, see relais/core/providers.py)."""

from django.db.models import Count, Q

from relais.conventions.enums import IndicatorCode
from relais.conventions.parents import with_declinations
from relais.core.providers import BreakdownRow, IndicatorValue, indicator, shared
from relais.opportunities.models import Delivery, Diffusion

DIFFUSION = "Diffusion des opportunités"


def _deliveries(convention, period) -> dict:
    """The receptions by Missions Locales, within the period, of the opportunities under the convention."""
    return shared(
        ("opportunities.deliveries", convention.pk, period),
        lambda: Delivery.objects.filter(opportunity__convention_id__in=with_declinations(convention))
        .filter(period.q("delivered_at"))
        .aggregate(
            delivered=Count("pk"),
            read=Count("pk", filter=Q(first_read_at__isnull=False)),
            mission_locales=Count("mission_locale", distinct=True),
        ),
    )


@indicator(IndicatorCode.OPPORTUNITIES_DIFFUSED, section=DIFFUSION, order=40)
def opportunities_diffused(convention, period, scope) -> IndicatorValue:
    diffused = (
        Diffusion.objects.filter(opportunity__convention_id__in=with_declinations(convention))
        .filter(period.q("at"))
        .aggregate(n=Count("opportunity", distinct=True))["n"]
    )
    deliveries = _deliveries(convention, period)
    return IndicatorValue(
        code=IndicatorCode.OPPORTUNITIES_DIFFUSED.value,
        label="Opportunités diffusées aux Missions Locales",
        value=diffused,
        unit="opportunité",
        counts_people=False,
        breakdown=(
            BreakdownRow("deliveries", "Réceptions par une Mission Locale", deliveries["delivered"]),
            BreakdownRow("mission_locales", "Missions Locales destinataires", deliveries["mission_locales"]),
        ),
    )


@indicator(IndicatorCode.DELIVERIES_READ_SHARE, section=DIFFUSION, order=41)
def deliveries_read_share(convention, period, scope) -> IndicatorValue:
    deliveries = _deliveries(convention, period)
    delivered, read = deliveries["delivered"], deliveries["read"]
    return IndicatorValue(
        code=IndicatorCode.DELIVERIES_READ_SHARE.value,
        label="Part des opportunités reçues qui ont été lues",
        value=round(100 * read / delivered) if delivered else None,
        unit="%",
        counts_people=False,
        breakdown=(
            BreakdownRow("delivered", "Réceptions", delivered),
            BreakdownRow("read", "Lues au moins une fois", read),
        ),
        note="par les Missions Locales qui les ont reçues sur la période",
    )
