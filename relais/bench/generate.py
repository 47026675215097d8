"""A deterministic generator of realistic volumes: one Mission Locale's young people and its region's opportunities.

Everything random comes from one seeded `random.Random`, and every choice is made over rows sorted by a stable
key, so the same seed on the same referentials gives the same data. It works on a database where the real
referentials are loaded (INSEE communes, ROME) and, when they are absent, first creates a minimal set.
"""

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from relais.accounts.models import User
from relais.jobs.models import RomeFamily, RomeTitle
from relais.opportunities.enums import (
    CONTRACT_KINDS,
    DURATION_KINDS,
    OpportunityKind,
    OpportunityStatus,
    PerimeterKind,
    PriorityPublic,
)
from relais.opportunities.models import Delivery, Diffusion, Opportunity, fill_search_text
from relais.organizations.enums import OrganizationKind, Role
from relais.organizations.models import Membership, Organization, PartnerReferent, Person
from relais.territories.loading import fold
from relais.territories.models import Commune, Department, Region
from relais.youths.enums import ConsentScope, QualificationLevel
from relais.youths.models import Youth

BATCH = 500
FIRST_NAMES = [
    "Adam",
    "Aïcha",
    "Alice",
    "Amine",
    "Anaïs",
    "Arthur",
    "Bilal",
    "Camille",
    "Chloé",
    "Clément",
    "Dylan",
    "Emma",
    "Enzo",
    "Fatou",
    "Gabriel",
    "Hugo",
    "Inès",
    "Jade",
    "Jules",
    "Kenza",
    "Léa",
    "Léo",
    "Lina",
    "Louis",
    "Lucas",
    "Maël",
    "Manon",
    "Mathis",
    "Maya",
    "Mohamed",
    "Nathan",
    "Noah",
    "Océane",
    "Rayan",
    "Sacha",
    "Sarah",
    "Théo",
    "Yanis",
    "Yasmine",
    "Zoé",
]
LAST_NAMES = [
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefebvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Morel",
    "Girard",
    "André",
    "Mercier",
    "Dupont",
    "Lambert",
    "Bonnet",
    "François",
    "Martinez",
    "Benali",
    "Diallo",
    "Nguyen",
    "Haddad",
    "Traoré",
    "Rousseau",
    "Blanc",
    "Guerin",
    "Muller",
    "Henry",
    "Roussel",
]
# Used only when the ROME referential is absent: a few real ROME families, each given generated titles.
MINIMAL_FAMILIES = [
    ("F1703", "Maçonnerie"),
    ("F1702", "Construction de routes et voies"),
    ("F1603", "Installation d'équipements sanitaires et thermiques"),
    ("G1602", "Personnel de cuisine"),
    ("G1603", "Personnel polyvalent en restauration"),
    ("N1103", "Magasinage et préparation de commandes"),
    ("N4101", "Conduite de transport de marchandises sur longue distance"),
    ("K1302", "Assistance auprès d'adultes"),
    ("K2204", "Nettoyage de locaux"),
    ("D1106", "Vente en alimentation"),
    ("D1507", "Mise en rayon libre-service"),
    ("H2909", "Montage-assemblage mécanique"),
]
# Extension point: callables (data, rng) run after the base data, e.g. positionings added by their app.
GENERATION_STEPS: list[Callable] = []


@dataclass
class GeneratedData:
    seed: int
    region: Region
    mission_locale: Organization
    other_mission_locale: Organization
    arml: Organization
    network_head: Organization
    partners: list[Organization]
    cre: User
    counsellor: User
    recruiter: User
    coordinator: User
    youth_ids: list[int] = field(default_factory=list)
    opportunity_ids: list[int] = field(default_factory=list)
    referentials_created: bool = False


def _user(email: str, first_name: str, last_name: str, organization: Organization, role: str) -> User:
    user, _ = User.objects.get_or_create(
        email=email, defaults={"first_name": first_name, "last_name": last_name}
    )
    if user.has_usable_password():
        user.set_unusable_password()
        user.save(update_fields=["password"])
    person, _ = Person.objects.get_or_create(
        user=user, defaults={"first_name": first_name, "last_name": last_name, "email": email}
    )
    Membership.objects.get_or_create(person=person, organization=organization, role=role)
    return user


def ensure_minimal_referentials(rng: random.Random) -> bool:
    """Create a small region of communes with coordinates and a few ROME families when absent."""
    created = False
    if not Commune.objects.filter(latitude__isnull=False).exists():
        region, _ = Region.objects.get_or_create(code="84", defaults={"name": "Auvergne-Rhône-Alpes"})
        departments = [
            Department.objects.get_or_create(code=code, defaults={"name": name, "region": region})[0]
            for code, name in (("69", "Rhône"), ("38", "Isère"), ("42", "Loire"), ("01", "Ain"))
        ]
        communes = []
        for index in range(120):
            department = departments[index % len(departments)]
            code = f"{department.code}{900 + index // len(departments):03d}"
            name = f"Commune générée {index + 1}"
            communes.append(
                Commune(
                    code=code,
                    name=name,
                    search_name=fold(name),
                    department=department,
                    latitude=round(45.2 + rng.random() * 0.9, 4),
                    longitude=round(4.3 + rng.random() * 1.5, 4),
                    population=rng.randint(300, 60000),
                    postal_codes=[f"{department.code}{index:03d}"],
                )
            )
        Commune.objects.bulk_create(communes, batch_size=BATCH)
        created = True
    if RomeTitle.objects.count() < len(MINIMAL_FAMILIES):
        for code, label in MINIMAL_FAMILIES:
            family, _ = RomeFamily.objects.get_or_create(code=code, defaults={"label": label})
            for index in range(1, 6):
                title = f"{label} — appellation {index}"
                RomeTitle.objects.get_or_create(
                    ogr_code=f"9{code[1:]}{index}",
                    defaults={
                        "family": family,
                        "label": title,
                        "short_label": title,
                        "search_text": fold(f"{title} {code}"),
                    },
                )
        created = True
    return created


def pick_region() -> Region:
    """Auvergne-Rhône-Alpes when it has located communes, else the region with the most of them."""
    located = Commune.objects.filter(latitude__isnull=False, kind=Commune.Kind.CURRENT)
    if located.filter(department__region__code="84").exists():
        return Region.objects.get(code="84")
    region_ids = sorted(located.values_list("department__region_id", flat=True).distinct())
    return max(
        Region.objects.filter(pk__in=region_ids).order_by("code"),
        key=lambda region: located.filter(department__region=region).count(),
    )


def _organizations(region: Region, home: Commune, department: Department, partner_count: int):
    def org(slug, kind, name, parent=None, commune=None):
        organization, _ = Organization.objects.get_or_create(
            slug=slug,
            defaults={"kind": kind, "name": name, "parent": parent, "region": region, "commune": commune},
        )
        return organization

    arml = org("bench-arml", OrganizationKind.ARML, "ARML (données générées)")
    ml = org(
        "bench-ml",
        OrganizationKind.MISSION_LOCALE,
        f"Mission Locale de {home.name} (données générées)",
        arml,
        home,
    )
    ml.departments.add(department)
    other_ml = org(
        "bench-ml-2", OrganizationKind.MISSION_LOCALE, "Mission Locale voisine (données générées)", arml
    )
    head = org("bench-head", OrganizationKind.NETWORK_HEAD, "CR GEIQ (données générées)")
    kinds = [
        OrganizationKind.GEIQ,
        OrganizationKind.COMPANY,
        OrganizationKind.INTERIM_AGENCY,
        OrganizationKind.TRAINING_BODY,
    ]
    partners = [
        org(
            f"bench-partner-{index:02d}",
            kinds[index % len(kinds)],
            f"Partenaire généré n°{index + 1:02d}",
            head if kinds[index % len(kinds)] == OrganizationKind.GEIQ else None,
        )
        for index in range(partner_count)
    ]
    return arml, ml, other_ml, head, partners


def _birth_date(rng: random.Random, today: datetime.date) -> datetime.date:
    # 16 years and a day to 25 years and 11 months old.
    return today - datetime.timedelta(days=rng.randint(16 * 366, 25 * 365 + 330))


@transaction.atomic
def generate(
    *,
    youths: int,
    opportunities: int,
    seed: int = 2026,
    partners: int = 20,
    today: datetime.date | None = None,
    now: datetime.datetime | None = None,
) -> GeneratedData:
    """Create `youths` young people in one Mission Locale and `opportunities` published opportunities in its
    region, all diffused to it (half of them also to a neighbouring Mission Locale)."""
    rng = random.Random(seed)
    today = today or timezone.localdate()
    now = now or timezone.now()
    referentials_created = ensure_minimal_referentials(rng)
    region = pick_region()
    located = list(
        Commune.objects.filter(
            latitude__isnull=False,
            longitude__isnull=False,
            kind=Commune.Kind.CURRENT,
            department__region=region,
        )
        .select_related("department")
        .order_by("code")
    )
    home = max(located, key=lambda commune: (commune.population or 0, commune.code))
    home_department = [c for c in located if c.department_id == home.department_id]
    titles = list(RomeTitle.objects.order_by("ogr_code").values_list("pk", flat=True))
    # Recruitment concentrates on some trades: a few hundred titles carry most opportunities and wishes.
    popular = rng.sample(titles, min(len(titles), 300))

    arml, ml, other_ml, head, partner_orgs = _organizations(region, home, home.department, partners)
    data = GeneratedData(
        seed=seed,
        region=region,
        mission_locale=ml,
        other_mission_locale=other_ml,
        arml=arml,
        network_head=head,
        partners=partner_orgs,
        cre=_user("bench-cre@relais.test", "Chloé", "Martin", ml, Role.CRE),
        counsellor=_user("bench-conseil@relais.test", "Karim", "Benali", ml, Role.COUNSELLOR),
        recruiter=_user(
            "bench-recrutement@relais.test", "Paul", "Girard", partner_orgs[0], Role.PARTNER_RECRUITER
        ),
        coordinator=_user("bench-coordination@relais.test", "Alexia", "Violet", arml, Role.COORDINATOR),
        referentials_created=referentials_created,
    )
    _user("bench-cre-2@relais.test", "Inès", "Roux", other_ml, Role.CRE)
    PartnerReferent.objects.get_or_create(
        mission_locale=ml, partner=partner_orgs[0], defaults={"person": data.cre.person}
    )
    counsellor_ids = [data.counsellor.person.pk]
    for index in range(4):
        counsellor_ids.append(
            _user(
                f"bench-conseil-{index + 2}@relais.test",
                FIRST_NAMES[index],
                LAST_NAMES[index],
                ml,
                Role.COUNSELLOR,
            ).person.pk
        )

    data.youth_ids = _youths(rng, youths, ml, counsellor_ids, home_department, located, popular, today)
    data.opportunity_ids = _opportunities(rng, opportunities, data, located, popular, today, now)
    for step in GENERATION_STEPS:
        step(data, rng)
    return data


def _youths(rng, count, ml, counsellor_ids, home_department, located, popular, today) -> list[int]:
    levels = QualificationLevel.values
    rows = []
    for index in range(count):
        consent = rng.random() < 0.7
        first_name, last_name = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        rows.append(
            Youth(
                mission_locale=ml,
                counsellor_id=rng.choice(counsellor_ids),
                imilo_id=f"G{index + 1:07d}",
                first_name=first_name,
                last_name=last_name,
                birth_date=_birth_date(rng, today),
                commune=rng.choice(home_department if rng.random() < 0.85 else located),
                qualification_level=rng.choice(levels),
                qpv_resident=rng.random() < 0.2,
                rqth=rng.random() < 0.06,
                cej_beneficiary=rng.random() < 0.3,
                school_dropout=rng.random() < 0.15,
                no_diploma=rng.random() < 0.25,
                driving_licence=(licence := rng.random() < 0.4),
                has_vehicle=licence and rng.random() < 0.6,
                max_distance_km=rng.choice([5, 10, 15, 20, 30, 50]),
                email=f"{fold(first_name)}.{fold(last_name)}.{index}@exemple.test".replace(" ", ""),
                consent_given_at=today - datetime.timedelta(days=rng.randint(1, 400)) if consent else None,
                consent_scope=rng.choice(ConsentScope.values) if consent else "",
            )
        )
        rows[-1].refresh_search_text()
    created = Youth.objects.bulk_create(rows, batch_size=BATCH)
    through = Youth.sought_titles.through
    wishes = []
    for youth in created:
        for title_id in sorted(set(rng.choices(popular, k=rng.randint(1, 3)))):
            wishes.append(through(youth_id=youth.pk, rometitle_id=title_id))
    through.objects.bulk_create(wishes, batch_size=BATCH)
    return [youth.pk for youth in created]


def _opportunities(rng, count, data: GeneratedData, located, popular, today, now) -> list[int]:
    kinds = OpportunityKind.values
    publics = PriorityPublic.values
    rows = []
    for _ in range(count):
        kind = rng.choice(kinds)
        start = today + datetime.timedelta(days=rng.randint(7, 150))
        rows.append(
            Opportunity(
                publisher=rng.choice(data.partners),
                author=data.recruiter,
                kind=kind,
                rome_title_id=rng.choice(popular),
                commune=rng.choice(located),
                positions=rng.randint(1, 6),
                start_date=start,
                closing_date=start - datetime.timedelta(days=rng.randint(0, 6)),
                duration_months=rng.choice([6, 12, 18, 24]) if kind in DURATION_KINDS else None,
                weekly_hours=rng.choice([24, 28, 35, 35, 35, 39]) if kind in CONTRACT_KINDS else None,
                priority_publics=sorted(rng.sample(publics, rng.randint(0, 2))),
                description="Opportunité générée pour les mesures de performance.",
                status=OpportunityStatus.PUBLISHED,
                published_at=now - datetime.timedelta(days=rng.randint(0, 60), minutes=rng.randint(0, 600)),
            )
        )
    created = Opportunity.objects.bulk_create(rows, batch_size=BATCH)
    fill_search_text(Opportunity.objects.filter(search_text=""))
    diffusions = Diffusion.objects.bulk_create(
        [
            Diffusion(
                opportunity=o,
                perimeter=PerimeterKind.REGION,
                perimeter_details={"region": data.region.code},
                by=data.coordinator,
            )
            for o in created
        ],
        batch_size=BATCH,
    )
    deliveries = []
    for opportunity, diffusion in zip(created, diffusions, strict=True):
        delivered_at = opportunity.published_at + datetime.timedelta(hours=rng.randint(1, 48))
        read = rng.random() < 0.5
        deliveries.append(
            Delivery(
                opportunity=opportunity,
                mission_locale=data.mission_locale,
                diffusion=diffusion,
                delivered_at=delivered_at,
                first_read_at=delivered_at + datetime.timedelta(hours=3) if read else None,
                first_read_by=data.cre if read else None,
            )
        )
        if rng.random() < 0.5:
            deliveries.append(
                Delivery(
                    opportunity=opportunity,
                    mission_locale=data.other_mission_locale,
                    diffusion=diffusion,
                    delivered_at=delivered_at,
                )
            )
    Delivery.objects.bulk_create(deliveries, batch_size=BATCH)
    return [opportunity.pk for opportunity in created]
