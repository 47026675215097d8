"""The network at national size: the loaded Missions Locales (every region), their staff, partner networks and
structures shaped like the demo's (a regional GEIQ network with its members, France Travail, companies, interim
agencies, training bodies), partner referents. Bulk inserts only."""

import random

from relais.accounts.models import User
from relais.bench.bulk import bulk
from relais.bench.names import FIRST_NAMES, LAST_NAMES
from relais.organizations.enums import OrganizationKind as K
from relais.organizations.models import Membership, Organization, PartnerReferent, Person, search_text_of
from relais.territories.models import Commune

UNUSABLE_PASSWORD = "!bench"  # Django reads a password starting with "!" as unusable: nobody logs in with it
GEIQ_SECTORS = ["BTP", "Industrie", "Propreté", "Logistique", "Agroalimentaire", "Santé", "Transports"]


def missions_locales_by_region() -> dict[int, list[Organization]]:
    result: dict[int, list[Organization]] = {}
    for ml in Organization.objects.filter(kind=K.MISSION_LOCALE, is_active=True).order_by("imilo_code", "pk"):
        result.setdefault(ml.region_id, []).append(ml)
    return result


def place_missions_locales(rng: random.Random, mls: list[Organization], located: list[Commune]) -> None:
    """Give each Mission Locale of the activity region a seat commune in one of its departments."""
    by_department: dict[int, list[Commune]] = {}
    for commune in located:
        by_department.setdefault(commune.department_id, []).append(commune)
    links = Organization.departments.through.objects.filter(organization__in=mls).order_by(
        "organization_id", "department_id"
    )
    departments: dict[int, list[int]] = {}
    for link in links:
        departments.setdefault(link.organization_id, []).append(link.department_id)
    fallback = sorted(by_department)
    for ml in mls:
        choices = [d for d in departments.get(ml.pk, []) if d in by_department] or fallback
        pool = by_department[choices[0]]
        ml.commune = rng.choices(pool, weights=[(c.population or 100) for c in pool])[0]
    Organization.objects.bulk_update(mls, ["commune"], batch_size=500)


def new_organizations(rows: list[dict]) -> list[Organization]:
    organizations = []
    for row in rows:
        organization = Organization(**row)
        organization.search_text = search_text_of(organization.name, organization.sector_label)
        organizations.append(organization)
    return bulk(Organization, organizations)


def partners_of_regions(rng, regions, activity_region, partner_count: int) -> dict:
    """Per region: a GEIQ network head and its members, France Travail's regional office; in the activity
    region also `partner_count` companies, interim agencies and training bodies. Returns lists by role."""
    heads = new_organizations(
        [
            {
                "slug": f"bench-cr-geiq-{r.code}",
                "kind": K.NETWORK_HEAD,
                "name": f"Comité régional des GEIQ — {r.name}",
                "short_name": f"CR GEIQ {r.name}",
                "region": r,
            }
            for r in regions
        ]
        + [
            {
                "slug": f"bench-ft-{r.code}",
                "kind": K.FRANCE_TRAVAIL,
                "name": f"France Travail {r.name}",
                "region": r,
            }
            for r in regions
        ]
    )
    geiq_heads, france_travail = heads[: len(regions)], heads[len(regions) :]
    rows = []
    for head, region in zip(geiq_heads, regions, strict=True):
        for index in range(rng.randint(4, len(GEIQ_SECTORS))):
            rows.append(
                {
                    "slug": f"bench-geiq-{region.code}-{index}",
                    "kind": K.GEIQ,
                    "name": f"GEIQ {GEIQ_SECTORS[index]} — {region.name}",
                    "sector_label": GEIQ_SECTORS[index],
                    "parent": head,
                    "region": region,
                }
            )
    geiqs = new_organizations(rows)
    kinds = [K.COMPANY, K.COMPANY, K.INTERIM_AGENCY, K.TRAINING_BODY]
    others = new_organizations(
        [
            {
                "slug": f"bench-partner-{index:05d}",
                "kind": kinds[index % len(kinds)],
                "name": f"Partenaire généré n°{index + 1:05d}",
                "region": activity_region,
            }
            for index in range(partner_count)
        ]
    )
    return {
        "geiq_heads": geiq_heads,
        "france_travail": france_travail,
        "geiqs": geiqs,
        "others": others,
    }


class Staff:
    """Users, people and memberships created in bulk; `add` queues one, `save` writes them all."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.rows: list[tuple[str, str, str, Organization, str]] = []

    def add(
        self, email: str, organization: Organization, role: str, first_name: str = "", last_name: str = ""
    ):
        self.rows.append(
            (
                email,
                first_name or self.rng.choice(FIRST_NAMES),
                last_name or self.rng.choice(LAST_NAMES),
                organization,
                role,
            )
        )
        return email

    def save(self) -> dict[str, User]:
        users = bulk(
            User,
            [
                User(email=e, first_name=f, last_name=n, password=UNUSABLE_PASSWORD)
                for e, f, n, _, _ in self.rows
            ],
        )
        people = bulk(
            Person,
            [Person(user=u, first_name=u.first_name, last_name=u.last_name, email=u.email) for u in users],
        )
        bulk(
            Membership,
            [
                Membership(person=p, organization=row[3], role=row[4])
                for p, row in zip(people, self.rows, strict=True)
            ],
        )
        return {u.email: u for u in users}


def referents(mls, partners, cre_people: dict[int, Person]) -> int:
    """Each Mission Locale's CRE is the referent of the region's GEIQ (C3)."""
    rows = [
        PartnerReferent(mission_locale=ml, partner=partner, person=cre_people[ml.pk])
        for ml in mls
        for partner in partners
    ]
    return len(bulk(PartnerReferent, rows))
