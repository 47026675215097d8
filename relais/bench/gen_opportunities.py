"""A year of opportunities in the activity region, each diffused (to its region or to departments) and
delivered to tens of Missions Locales, with the CREs' read receipts."""

import datetime

from relais.bench.bulk import bulk
from relais.opportunities.enums import (
    CONTRACT_KINDS,
    DURATION_KINDS,
    OpportunityKind,
    OpportunityStatus,
    PriorityPublic,
)
from relais.opportunities.models import Delivery, Diffusion, Opportunity, fill_search_text
from relais.organizations.perimeters import PerimeterKind

DESCRIPTION = "Opportunité générée pour les mesures de performance."
# Share of diffusions to the whole region (the others go to one or two departments).
REGIONAL_SHARE = 0.45
READ_SHARE = 0.6


def opportunities(rng, count, *, ctx, today, now) -> list[Opportunity]:
    """`ctx`: publishers (with weights), author per publisher, conventions per publisher, communes, titles."""
    kinds = OpportunityKind.values
    publics = PriorityPublic.values
    rows = []
    publishers, weights = ctx["publishers"], ctx["publisher_weights"]
    for _ in range(count):
        kind = rng.choice(kinds)
        publisher = rng.choices(publishers, weights)[0]
        published_at = now - datetime.timedelta(days=rng.random() * 365)
        start = published_at.date() + datetime.timedelta(days=rng.randint(14, 120))
        closing = start - datetime.timedelta(days=rng.randint(0, 10))
        if closing >= today:
            status, ended_at = OpportunityStatus.PUBLISHED, None
        else:
            status = rng.choices(
                [OpportunityStatus.FILLED, OpportunityStatus.CLOSED, OpportunityStatus.CANCELLED], [6, 3, 1]
            )[0]
            ended_at = datetime.datetime.combine(closing, datetime.time(18), tzinfo=datetime.UTC)
        rows.append(
            Opportunity(
                publisher=publisher,
                author=ctx["author_of"][publisher.pk],
                kind=kind,
                rome_title_id=rng.choice(ctx["titles"]),
                commune=rng.choice(ctx["communes"]),
                positions=rng.choices([1, 2, 3, 5, 10], [50, 20, 15, 10, 5])[0],
                start_date=start,
                closing_date=closing,
                duration_months=rng.choice([6, 12, 18, 24]) if kind in DURATION_KINDS else None,
                weekly_hours=rng.choice([24, 28, 35, 35, 35, 39]) if kind in CONTRACT_KINDS else None,
                priority_publics=sorted(rng.sample(publics, rng.randint(0, 2))),
                convention=ctx["convention_of"](publisher, rng),
                description=DESCRIPTION,
                status=status,
                published_at=published_at,
                ended_at=ended_at,
            )
        )
    created = bulk(Opportunity, rows)
    fill_search_text(Opportunity.objects.filter(search_text=""))
    return created


def diffusions(rng, created, *, region, mls, coordinator, cre_of) -> int:
    """One diffusion per opportunity (a third get a second one), one delivery per Mission Locale reached."""
    by_department: dict[str, list] = {}
    for ml in mls:
        by_department.setdefault(ml.department_code, []).append(ml)
    departments = sorted(by_department)
    plans, rows = [], []
    for opportunity in created:
        reached: set[int] = set()
        for turn in range(1 if rng.random() < 0.67 else 2):
            if rng.random() < REGIONAL_SHARE and turn == 0:
                targets = [ml for ml in mls if ml.pk not in reached]
                perimeter, details = PerimeterKind.REGION, {"region": region.code}
            else:
                chosen = sorted(rng.sample(departments, min(len(departments), rng.randint(1, 2))))
                targets = [ml for code in chosen for ml in by_department[code] if ml.pk not in reached]
                perimeter, details = PerimeterKind.DEPARTMENTS, {"departments": chosen}
            if not targets:
                continue
            reached.update(ml.pk for ml in targets)
            at = opportunity.published_at + datetime.timedelta(hours=rng.randint(0, 72) + 24 * turn * 7)
            rows.append(
                Diffusion(
                    opportunity=opportunity, perimeter=perimeter, perimeter_details=details, by=coordinator
                )
            )
            plans.append((opportunity, targets, at))
    made = bulk(Diffusion, rows)  # `at` is the insertion time (auto_now_add); the deliveries carry the dates
    deliveries = []
    for diffusion, (opportunity, targets, at) in zip(made, plans, strict=True):
        for ml in targets:
            read = rng.random() < READ_SHARE
            deliveries.append(
                Delivery(
                    opportunity=opportunity,
                    mission_locale=ml,
                    diffusion=diffusion,
                    delivered_at=at,
                    first_read_at=at + datetime.timedelta(hours=rng.randint(1, 96)) if read else None,
                    first_read_by=cre_of[ml.pk] if read else None,
                )
            )
        if len(deliveries) >= 50_000:
            bulk(Delivery, deliveries)
            deliveries.clear()
    bulk(Delivery, deliveries)
    return Delivery.objects.count()
