"""What the opportunities provide to the convention figures: diffusion to the Missions Locales and its reading
(keyed by indicator code, see relais/core/providers.py)."""

from django.db.models import Count, Q

from relais.conventions.enums import IndicatorCode
from relais.conventions.figures import (
    choice_breakdown,
    department_breakdown,
    organization_breakdown,
    region_breakdown,
    regroup,
)
from relais.conventions.parents import with_declinations
from relais.core.providers import (
    BreakdownRow,
    Dimension,
    IndicatorValue,
    detailed,
    indicator,
    shared,
    wants_breakdowns,
)
from relais.opportunities.enums import OpportunityKind
from relais.opportunities.models import Delivery, Diffusion

DIFFUSION = "Diffusion des opportunités"
D = Dimension


def _deliveries(convention, period) -> dict:
    """The receptions by Missions Locales, within the period, of the opportunities under the convention: the
    totals, and the receptions and readings per (Mission Locale, publisher, kind) from one GROUP BY."""

    def compute():
        qs = Delivery.objects.filter(opportunity__convention_id__in=with_declinations(convention)).filter(
            period.q("delivered_at")
        )
        totals = qs.aggregate(
            delivered=Count("pk"),
            read=Count("pk", filter=Q(first_read_at__isnull=False)),
            mission_locales=Count("mission_locale", distinct=True),
        )
        if not wants_breakdowns():
            return {**totals, "groups": []}
        totals["groups"] = list(
            qs.values_list("mission_locale_id", "opportunity__publisher_id", "opportunity__kind")
            .annotate(delivered=Count("pk"), read=Count("pk", filter=Q(first_read_at__isnull=False)))
            .order_by()
        )
        return totals

    return shared(("opportunities.deliveries", convention.pk, period), compute)


def _sum_by(groups, position: int) -> dict:
    """{member: [delivered, read]} summed over the groups, the member at `position` of each group."""
    sums: dict = {}
    for group in groups:
        pair = sums.setdefault(group[position], [0, 0])
        pair[0] += group[3]
        pair[1] += group[4]
    return sums


def _share(delivered: int, read: int) -> int | None:
    return round(100 * read / delivered) if delivered else None


@indicator(
    IndicatorCode.OPPORTUNITIES_DIFFUSED,
    section=DIFFUSION,
    order=40,
    label="Opportunités diffusées aux Missions Locales",
    unit="opportunité",
    counts_people=False,
    dimensions=(D.PARTNER, D.OPPORTUNITY_KIND),
)
def opportunities_diffused(convention, period, scope) -> IndicatorValue:
    groups = list(
        Diffusion.objects.filter(opportunity__convention_id__in=with_declinations(convention))
        .filter(period.q("at"))
        .values_list("opportunity__publisher_id", "opportunity__kind")
        .annotate(n=Count("opportunity", distinct=True))
        .order_by()
    )
    by_partner: dict = {}
    by_kind: dict = {}
    for publisher, kind, n in groups:
        by_partner[publisher] = by_partner.get(publisher, 0) + n
        by_kind[kind] = by_kind.get(kind, 0) + n
    deliveries = _deliveries(convention, period)
    unit = "opportunité"
    return IndicatorValue(
        code=IndicatorCode.OPPORTUNITIES_DIFFUSED.value,
        label="Opportunités diffusées aux Missions Locales",
        # An opportunity has one publisher and one kind: the groups partition the distinct opportunities.
        value=sum(n for _, _, n in groups),
        unit=unit,
        counts_people=False,
        breakdown=(
            BreakdownRow("deliveries", "Réceptions par une Mission Locale", deliveries["delivered"]),
            BreakdownRow("mission_locales", "Missions Locales destinataires", deliveries["mission_locales"]),
        ),
        breakdowns=detailed(
            lambda: (
                organization_breakdown(D.PARTNER, by_partner, unit),
                choice_breakdown(D.OPPORTUNITY_KIND, by_kind, OpportunityKind.choices, unit),
            )
        ),
    )


@indicator(
    IndicatorCode.DELIVERIES_READ_SHARE,
    section=DIFFUSION,
    order=41,
    label="Part des opportunités reçues qui ont été lues",
    unit="%",
    counts_people=False,
    dimensions=(D.MISSION_LOCALE, D.DEPARTMENT, D.REGION, D.PARTNER, D.OPPORTUNITY_KIND),
)
def deliveries_read_share(convention, period, scope) -> IndicatorValue:
    deliveries = _deliveries(convention, period)
    delivered, read = deliveries["delivered"], deliveries["read"]
    groups = deliveries["groups"]
    by_ml = _sum_by(groups, 0)

    def shares(sums: dict) -> dict:
        return {member: _share(*pair) for member, pair in sums.items()}

    def pooled(level: int) -> dict:
        return {
            key: _share(sum(p[0] for p in pairs), sum(p[1] for p in pairs))
            for key, pairs in regroup(by_ml, level).items()
        }

    return IndicatorValue(
        code=IndicatorCode.DELIVERIES_READ_SHARE.value,
        label="Part des opportunités reçues qui ont été lues",
        value=_share(delivered, read),
        unit="%",
        counts_people=False,
        breakdown=(
            BreakdownRow("delivered", "Réceptions", delivered),
            BreakdownRow("read", "Lues au moins une fois", read),
        ),
        note="par les Missions Locales qui les ont reçues sur la période",
        breakdowns=detailed(
            lambda: (
                organization_breakdown(D.MISSION_LOCALE, shares(by_ml), "%"),
                department_breakdown(pooled(0), "%"),
                region_breakdown(pooled(1), "%"),
                organization_breakdown(D.PARTNER, shares(_sum_by(groups, 1)), "%"),
                choice_breakdown(
                    D.OPPORTUNITY_KIND, shares(_sum_by(groups, 2)), OpportunityKind.choices, "%"
                ),
            )
        ),
    )
