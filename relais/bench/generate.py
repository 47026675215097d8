"""A deterministic generator of the national network's volumes (`make bench SCALE=…`).

One seeded `random.Random` drives every choice, made over rows sorted by a stable key, so one seed on the same
referentials gives the same data. It reads the real referentials loaded by `load_referentials` (regions,
departments, communes, ROME, contract types, the I-Milo Missions Locales and ARMLs); where they are absent (the
tests' empty database) it first creates a minimal set (relais/bench/minimal.py). The network is national (every
region's ARML and Missions Locales get staff, a GEIQ network, France Travail, a regional charter); the activity
of the scale — young people, opportunities, deliveries, positionings, events, mentorships — is placed in the
Missions Locales of one region, the way the issue measures it. Bulk inserts only; the plain indexes of the large
tables are built after the load.

Full scale (1) is 1.1 M young people, 2 M positionings, 150,000 opportunities each delivered to tens of Missions
Locales.
"""

import datetime
import random
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from relais.accounts.models import User
from relais.bench import gen_activity, gen_conventions, gen_network, gen_opportunities, gen_youths
from relais.bench.bulk import analyse_database, indexes_built_after
from relais.bench.minimal import ensure_minimal_referentials
from relais.conventions.models import Convention
from relais.events.models import Event, Registration
from relais.jobs.models import RomeTitle
from relais.opportunities.models import Delivery, Diffusion, Opportunity
from relais.organizations.enums import OrganizationKind as K
from relais.organizations.enums import Role
from relais.organizations.models import Organization
from relais.positionings.models import Positioning, PositioningTransition
from relais.territories.models import Commune, Region
from relais.youths.models import Youth

NATIONAL = {"youths": 1_100_000, "opportunities": 150_000, "positionings": 2_000_000, "events": 20_000}
LARGE_TABLES = [
    Youth,
    Opportunity,
    Diffusion,
    Delivery,
    Positioning,
    PositioningTransition,
    Registration,
    Event,
]


@dataclass
class GeneratedData:
    seed: int
    scale: float
    region: Region
    mission_locale: Organization  # the persona's: the largest of the activity region
    other_mission_locale: Organization
    arml: Organization
    network_head: Organization
    partners: list[Organization]
    cre: User
    counsellor: User
    recruiter: User
    coordinator: User
    director: User
    charter: Convention
    crowded_event: Event | None = None
    counts: dict = field(default_factory=dict)
    referentials_created: bool = False


def sizes_for(scale: float) -> dict[str, int]:
    return {key: max(4, round(value * scale)) for key, value in NATIONAL.items()}


def pick_region() -> Region:
    """Auvergne-Rhône-Alpes when its Missions Locales are loaded, else the region with the most of them."""
    counts: dict[int, int] = {}
    for region_id in Organization.objects.filter(kind=K.MISSION_LOCALE, is_active=True).values_list(
        "region_id", flat=True
    ):
        counts[region_id] = counts.get(region_id, 0) + 1
    region = Region.objects.filter(code="84", pk__in=counts).first()
    return region or Region.objects.get(pk=max(sorted(counts), key=lambda pk: counts[pk]))


@transaction.atomic
def generate(
    *, scale: float = 0.01, seed: int = 2026, today: datetime.date | None = None, now=None
) -> GeneratedData:
    rng = random.Random(seed)
    today = today or timezone.localdate()
    now = now or timezone.now()
    sizes = sizes_for(scale)
    referentials_created = ensure_minimal_referentials(rng)
    region = pick_region()
    regions = list(Region.objects.filter(organizations__kind=K.MISSION_LOCALE).distinct().order_by("code"))
    armls = {a.region_id: a for a in Organization.objects.filter(kind=K.ARML).order_by("slug")}
    by_region = gen_network.missions_locales_by_region()
    activity_mls = by_region[region.pk]
    located = list(
        Commune.objects.filter(
            latitude__isnull=False, kind=Commune.Kind.CURRENT, department__region=region
        ).order_by("code")
    )
    gen_network.place_missions_locales(rng, activity_mls, located)
    department_code = {c.pk: c.department_id for c in located}
    codes = dict(region.departments.values_list("pk", "code"))
    for ml in activity_mls:
        ml.department_code = codes[department_code[ml.commune_id]]
    youth_sizes = gen_youths.ml_sizes(rng, activity_mls, sizes["youths"])
    home = max(activity_mls, key=lambda ml: (youth_sizes[ml.pk], -ml.pk))
    other = next(ml for ml in activity_mls if ml.pk != home.pk)
    activity_mls = [home] + [ml for ml in activity_mls if ml.pk != home.pk]

    partners = gen_network.partners_of_regions(rng, regions, region, max(8, round(4000 * scale)))
    staff = gen_network.Staff(rng)
    persona = {
        "cre": staff.add("bench-cre@relais.test", home, Role.CRE, "Chloé", "Martin"),
        "counsellor": staff.add("bench-conseil@relais.test", home, Role.COUNSELLOR, "Karim", "Benali"),
        "director": staff.add("bench-direction@relais.test", home, Role.DIRECTOR, "Nadia", "Roux"),
        "coordinator": staff.add(
            "bench-coordination@relais.test", armls[region.pk], Role.COORDINATOR, "Alexia", "Violet"
        ),
    }
    region_geiqs = [g for g in partners["geiqs"] if g.region_id == region.pk]
    persona["recruiter"] = staff.add(
        "bench-recrutement@relais.test", region_geiqs[0], Role.PARTNER_RECRUITER, "Paul", "Girard"
    )
    for arml in armls.values():
        if arml.region_id != region.pk:
            staff.add(f"bench-coord-{arml.pk}@relais.test", arml, Role.COORDINATOR)
    cre_email, counsellor_emails = {home.pk: persona["cre"]}, {home.pk: [persona["counsellor"]]}
    for mls in by_region.values():
        for ml in mls:
            if ml.pk != home.pk:
                cre_email[ml.pk] = staff.add(f"bench-cre-{ml.pk}@relais.test", ml, Role.CRE)
                counsellor_emails[ml.pk] = []
            wanted = max(2, youth_sizes.get(ml.pk, 0) // 150) if ml.region_id == region.pk else 2
            while len(counsellor_emails[ml.pk]) < wanted:
                n = len(counsellor_emails[ml.pk])
                counsellor_emails[ml.pk].append(
                    staff.add(f"bench-conseil-{ml.pk}-{n}@relais.test", ml, Role.COUNSELLOR)
                )
    publishers = region_geiqs + partners["others"]
    for organization in publishers[1:]:
        staff.add(f"bench-recrutement-{organization.pk}@relais.test", organization, Role.PARTNER_RECRUITER)
    users = staff.save()
    cre_of = {pk: users[email] for pk, email in cre_email.items()}
    gen_network.referents(activity_mls, region_geiqs, {pk: u.person for pk, u in cre_of.items()})
    conventions = gen_conventions.conventions(
        today, regions=regions, armls=armls, partners=partners, activity_mls=activity_mls
    )
    charter = conventions["charters"][region.pk]
    author_of = {
        o.pk: users.get(f"bench-recrutement-{o.pk}@relais.test") or users[persona["recruiter"]]
        for o in publishers
    }
    geiq_ids = {g.pk for g in region_geiqs}
    local_by_geiq: dict[int, list] = {}
    for ml_pk, geiq in conventions["local_geiq"].items():
        local_by_geiq.setdefault(geiq.pk, []).append(conventions["locals"][ml_pk])

    def convention_of(publisher, rng):
        if publisher.pk not in geiq_ids:
            return None
        locals_ = local_by_geiq.get(publisher.pk)
        return rng.choice(locals_) if locals_ and rng.random() < 0.5 else charter

    titles = list(RomeTitle.objects.order_by("ogr_code").values_list("pk", flat=True))
    popular = rng.sample(titles, min(len(titles), 400))  # recruitment concentrates on a few hundred trades
    with indexes_built_after(LARGE_TABLES):
        created = gen_opportunities.opportunities(
            rng,
            sizes["opportunities"],
            ctx={
                "publishers": publishers,
                # GEIQs publish more than a company does.
                "publisher_weights": [20 if o.pk in geiq_ids else 1 for o in publishers],
                "author_of": author_of,
                "convention_of": convention_of,
                "titles": popular,
                "communes": located,
            },
            today=today,
            now=now,
        )
        gen_opportunities.diffusions(
            rng,
            created,
            region=region,
            mls=activity_mls,
            coordinator=users[persona["coordinator"]],
            cre_of=cre_of,
        )
        received_of: dict[int, list] = {}
        by_pk = {o.pk: o for o in created}
        for opportunity_id, ml_id, delivered_at in Delivery.objects.order_by("pk").values_list(
            "opportunity_id", "mission_locale_id", "delivered_at"
        ):
            received_of.setdefault(ml_id, []).append((by_pk[opportunity_id], delivered_at))
        near: dict[int, list] = {}
        for commune in located:
            near.setdefault(department_code[commune.pk], []).append(commune)
        communes_of = {
            ml.pk: near[department_code[ml.commune_id]] if rng.random() < 0.9 else located
            for ml in activity_mls
        }
        counsellors_of = {ml.pk: [users[e].person for e in counsellor_emails[ml.pk]] for ml in activity_mls}
        youths_of = gen_youths.youths(
            rng,
            mls=activity_mls,
            sizes=youth_sizes,
            counsellors_of=counsellors_of,
            communes_of=communes_of,
            titles=popular,
            today=today,
        )
        proposers_of = {ml.pk: [users[e] for e in counsellor_emails[ml.pk]] for ml in activity_mls}
        made, transitions = gen_youths.positionings(
            rng,
            sizes["positionings"],
            mls=activity_mls,
            youths_of=youths_of,
            received_of=received_of,
            proposers_of=proposers_of,
            now=now,
        )
        staff_of = {
            ml.pk: [u.person for e in [cre_email[ml.pk], *counsellor_emails[ml.pk]] for u in [users[e]]]
            for ml in activity_mls
        }
        crowded = gen_activity.events(
            rng,
            sizes["events"],
            organisers=[armls[region.pk], *activity_mls[:10], *region_geiqs],
            mls=activity_mls,
            youths_of=youths_of,
            staff_of=staff_of,
            now=now,
        )
        mentorships = gen_activity.mentorships(
            rng,
            max(4, round(20_000 * scale)),
            partners=partners["others"],
            mls=activity_mls,
            youths_of=youths_of,
            convention_of=conventions["locals"],
            users_of=cre_of,
            today=today,
        )
    analyse_database()
    return GeneratedData(
        seed=seed,
        scale=scale,
        region=region,
        mission_locale=home,
        other_mission_locale=other,
        arml=armls[region.pk],
        network_head=next(h for h in partners["geiq_heads"] if h.region_id == region.pk),
        partners=region_geiqs,
        cre=users[persona["cre"]],
        counsellor=users[persona["counsellor"]],
        recruiter=users[persona["recruiter"]],
        coordinator=users[persona["coordinator"]],
        director=users[persona["director"]],
        charter=charter,
        crowded_event=crowded,
        referentials_created=referentials_created,
        counts={
            "missions_locales": sum(len(v) for v in by_region.values()),
            "activity_missions_locales": len(activity_mls),
            "staff": len(users),
            "partners": len(publishers) + len(partners["geiq_heads"]),
            "conventions": conventions["count"],
            "youths": sum(len(v) for v in youths_of.values()),
            "opportunities": len(created),
            "diffusions": Diffusion.objects.count(),
            "deliveries": Delivery.objects.count(),
            "positionings": made,
            "transitions": transitions,
            "events": Event.objects.count(),
            "registrations": Registration.objects.count(),
            "mentorships": mentorships,
        },
    )
