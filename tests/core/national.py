"""A network many times larger than the personas' corner of it, written in bulk (query plan tests, timings).

The personas' Missions Locales and partner keep a small share of the rows, as at national scale: what their
pages show stays the same size while the tables around them grow.
"""

import datetime
import random

from django.db import connection
from django.utils import timezone

from relais.conventions.models import Convention, ConventionParty
from relais.opportunities.enums import OpportunityKind, OpportunityStatus
from relais.opportunities.models import Delivery, Diffusion, Opportunity, search_text_of
from relais.organizations.enums import OrganizationKind
from relais.organizations.models import Organization
from relais.positionings.enums import PositioningStatus as S
from relais.positionings.models import Positioning, PositioningTransition
from relais.territories.loading import fold
from relais.youths.enums import ConsentScope
from relais.youths.models import Youth
from tests.territories.factories import CommuneFactory, DepartmentFactory

LARGE_TABLES = (
    Youth._meta.db_table,
    Youth.sought_titles.through._meta.db_table,
    Opportunity._meta.db_table,
    Delivery._meta.db_table,
    Diffusion._meta.db_table,
    Positioning._meta.db_table,
    PositioningTransition._meta.db_table,
)
# Statuses and the steps they went through (transmitted, answered, closed).
STEPS = [
    (S.PROPOSED, 20, False, False, False),
    (S.RETURNED, 3, False, False, False),
    (S.TRANSMITTED, 15, True, False, False),
    (S.ACKNOWLEDGED, 10, True, True, False),
    (S.HIRED, 12, True, True, True),
    (S.ENTERED_TRAINING, 5, True, True, True),
    (S.NOT_RETAINED, 15, True, True, True),
    (S.CANCELLED, 10, False, False, True),
    (S.EXPIRED, 10, True, False, True),
]


def build(
    personas,
    rome,
    *,
    mission_locales=60,
    youths=24000,
    opportunities=12000,
    per_opportunity=5,
    partner_count=300,
    seed=12,
):
    """Add `mission_locales` MLs (most in another region), their young people, opportunities of many partners
    delivered to `per_opportunity` MLs each, and about one positioning per youth; returns the regional charter.

    The personas' corner keeps national proportions: ML A and ML B receive one opportunity in 200 each (the
    charter one in 500 of them), the GEIQ BTP publishes one in 300, most opportunities lie in the other region.
    """
    rng = random.Random(seed)
    n = personas.network
    now = timezone.now()
    elsewhere = CommuneFactory(
        code="67482", name="Strasbourg", department=DepartmentFactory(code="67", region=n.grand_est)
    )
    mls = Organization.objects.bulk_create(
        Organization(
            kind=OrganizationKind.MISSION_LOCALE,
            name=f"Mission Locale n°{index}",
            search_text=fold(f"Mission Locale n°{index}"),
            parent=n.arml if index % 6 == 0 else n.arml_ge,
            region=n.aura if index % 6 == 0 else n.grand_est,
            commune=n.lyon if index % 6 == 0 else elsewhere,
        )
        for index in range(mission_locales)
    )
    partners = Organization.objects.bulk_create(
        Organization(
            kind=OrganizationKind.GEIQ,
            name=f"GEIQ n°{index}",
            search_text=fold(f"GEIQ n°{index}"),
            parent=n.cr_geiq,
            region=n.grand_est,
            commune=elsewhere,
        )
        for index in range(partner_count - 1)
    )
    charter = Convention.objects.create(title="Charte régionale GEIQ", kind="regional_charter", region=n.aura)
    ConventionParty.objects.create(convention=charter, organization=n.arml)
    ConventionParty.objects.create(convention=charter, organization=n.cr_geiq)
    all_mls = [n.ml_a, n.ml_b, *mls]
    titles = [rome.mason, rome.mason_helper, rome.formworker, rome.cleaner]
    people = Youth.objects.bulk_create(
        (
            Youth(
                mission_locale=all_mls[index % len(all_mls)],
                first_name=f"Prénom{index}",
                last_name=f"Nom{index % 997}",
                search_text=fold(f"Prénom{index} Nom{index % 997}"),
                birth_date=datetime.date(2004 + index % 5, 1 + index % 12, 1 + index % 28),
                commune=n.lyon if index % 2 else n.grenoble,
                consent_given_at=datetime.date(2025, 1, 1),
                consent_scope=ConsentScope.IDENTITY_AND_CONTACT,
            )
            for index in range(youths)
        ),
        batch_size=2000,
    )
    Through = Youth.sought_titles.through
    Through.objects.bulk_create(
        (Through(youth_id=y.pk, rometitle_id=titles[i % len(titles)].pk) for i, y in enumerate(people)),
        batch_size=5000,
    )
    publishers = [n.geiq, *partners]
    offers = Opportunity.objects.bulk_create(
        (
            Opportunity(
                publisher=publishers[index % len(publishers)],
                kind=OpportunityKind.APPRENTICESHIP,
                rome_title=titles[index % len(titles)],
                commune=(n.lyon if index % 2 else n.grenoble) if index % 10 in (0, 3, 4) else elsewhere,
                status=OpportunityStatus.FILLED if index % 10 == 9 else OpportunityStatus.PUBLISHED,
                published_at=now - datetime.timedelta(hours=index),
                convention=charter if index % 1000 in (3, 4) else None,
                search_text=search_text_of(
                    title="",
                    rome_label=titles[index % len(titles)].label,
                    publisher_name=publishers[index % len(publishers)].name,
                    commune_name="Lyon",
                ),
            )
            for index in range(opportunities)
        ),
        batch_size=2000,
    )
    diffusions = Diffusion.objects.bulk_create(
        (Diffusion(opportunity=o, perimeter="list") for o in offers), batch_size=2000
    )
    deliveries, received = [], {}
    for index, diffusion in enumerate(diffusions):
        reached = rng.sample(mls, min(per_opportunity, len(mls)))
        if index % 200 in (3, 4):
            reached.append(n.ml_a if index % 200 == 3 else n.ml_b)
        for ml in reached:
            deliveries.append(
                Delivery(
                    opportunity_id=diffusion.opportunity_id,
                    mission_locale=ml,
                    diffusion=diffusion,
                    delivered_at=now - datetime.timedelta(hours=index),
                    first_read_at=now if index % 3 else None,
                )
            )
            received.setdefault(ml.pk, []).append(diffusion.opportunity_id)
    Delivery.objects.bulk_create(deliveries, batch_size=5000)
    Positioning.objects.bulk_create(_positionings(rng, people, received, now), batch_size=2000)
    analyze()
    return charter


def _positionings(rng, people, received, now):
    statuses = [row[0] for row in STEPS]
    weights = [row[1] for row in STEPS]
    steps = {row[0]: row[2:] for row in STEPS}
    for index, youth in enumerate(people):
        offers = received.get(youth.mission_locale_id)
        if not offers:
            continue
        status = rng.choices(statuses, weights)[0]
        transmitted, answered, closed = steps[status]
        proposed_at = now - datetime.timedelta(days=rng.randint(1, 300), minutes=index % 600)
        yield Positioning(
            youth=youth,
            opportunity_id=offers[index % len(offers)],
            status=status,
            proposed_at=proposed_at,
            first_proposed_at=proposed_at,
            transmitted_at=proposed_at + datetime.timedelta(days=2) if transmitted else None,
            answered_at=proposed_at + datetime.timedelta(days=6) if answered else None,
            closed_at=proposed_at + datetime.timedelta(days=20) if closed else None,
            mission_locale_id=youth.mission_locale_id,
            youth_ref=youth.pk,
            youth_birth_year=youth.birth_date.year,
        )


def analyze() -> None:
    """Fresh planner statistics, as autovacuum would have after such a load."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
