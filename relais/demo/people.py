"""Demo people (all invented): persona accounts, Mission Locale teams, referents and sites."""

import random

from django.conf import settings
from django.db.models import Q

from relais.accounts.models import User
from relais.organizations.enums import OrganizationKind, Role
from relais.organizations.models import Membership, Organization, PartnerReferent, Person, Site
from relais.territories.models import Commune

FIRST_NAMES = [
    "Camille",
    "Nadia",
    "Thomas",
    "Inès",
    "Louis",
    "Sarah",
    "Hugo",
    "Léa",
    "Yanis",
    "Emma",
    "Mehdi",
    "Chloé",
    "Antoine",
    "Fatou",
    "Julien",
    "Manon",
    "Rachid",
    "Pauline",
    "Bastien",
    "Aïcha",
]
LAST_NAMES = [
    "Garnier",
    "Moreau",
    "Lefèvre",
    "Chevalier",
    "Benoit",
    "Faure",
    "Rolland",
    "Perrin",
    "Guérin",
    "Mercier",
    "Blanc",
    "Boyer",
    "Lambert",
    "Fontaine",
    "Rousseau",
    "Vincent",
    "Muller",
    "Lemoine",
]

# One account per persona: (key, e-mail, first name, last name, organisation lookup, role, title)
PERSONAS = [
    (
        "arml_coordinator",
        "coordination@amilaura.demo",
        "Camille",
        "Garnier",
        {"slug": "arml-84"},
        Role.COORDINATOR,
        "Coordinatrice régionale — interlocutrice unique",
    ),
    (
        "arml_ge_coordinator",
        "coordination@arml-grandest.demo",
        "Nicolas",
        "Muller",
        {"slug": "arml-44"},
        Role.COORDINATOR,
        "Chargé de mission régional",
    ),
    (
        "geiq_coordinator",
        "animation@crgeiq-aura.demo",
        "Julien",
        "Faure",
        {"slug": "cr-geiq-84"},
        Role.COORDINATOR,
        "Animateur régional — interlocuteur unique",
    ),
    (
        "cre_lyon",
        "cre@ml-lyon.demo",
        "Inès",
        "Rolland",
        {"imilo_code": "69382S00"},
        Role.CRE,
        "Chargée de relations entreprises et alternance",
    ),
    (
        "counsellor_lyon",
        "conseil@ml-lyon.demo",
        "Hugo",
        "Perrin",
        {"imilo_code": "69382S00"},
        Role.COUNSELLOR,
        "Conseiller en insertion professionnelle",
    ),
    (
        "counsellor_grenoble",
        "conseil@ml-grenoble.demo",
        "Léa",
        "Mercier",
        {"imilo_code": "38185S00"},
        Role.COUNSELLOR,
        "Conseillère en insertion professionnelle",
    ),
    (
        "disability_referent_lyon",
        "handicap@ml-lyon.demo",
        "Sarah",
        "Chevalier",
        {"imilo_code": "69382S00"},
        Role.DISABILITY_REFERENT,
        "Référente handicap",
    ),
    (
        "geiq_recruiter",
        "recrutement@geiq-btp.demo",
        "Mehdi",
        "Boyer",
        {"slug": "geiq-84-btp"},
        Role.PARTNER_RECRUITER,
        "Chargé de recrutement",
    ),
    (
        "medef_coordinator",
        "emploi@medef31.demo",
        "Antoine",
        "Vincent",
        {"slug": "medef-31"},
        Role.COORDINATOR,
        "Chargé de mission emploi-formation",
    ),
    (
        "state_observer",
        "observation@dreets-aura.demo",
        "Pauline",
        "Lambert",
        {"slug": "dreets-84"},
        Role.OBSERVER,
        "Chargée de mission insertion des jeunes",
    ),
    (
        "admin",
        "admin@relais.demo",
        "Alex",
        "Fontaine",
        {"slug": "unml"},
        Role.ADMINISTRATOR,
        "Administrateur de la plateforme",
    ),
]
PERSONA_LABELS = {
    "arml_coordinator": "Coordinatrice de l'ARML Auvergne-Rhône-Alpes (AMILAURA)",
    "arml_ge_coordinator": "Coordinateur de l'ARML Grand Est",
    "geiq_coordinator": "Coordinateur du CR GEIQ Auvergne-Rhône-Alpes",
    "cre_lyon": "CRE référente de la Mission Locale de Lyon",
    "counsellor_lyon": "Conseiller de la Mission Locale de Lyon",
    "counsellor_grenoble": "Conseillère de la Mission Locale de Grenoble",
    "disability_referent_lyon": "Référente handicap de la Mission Locale de Lyon",
    "geiq_recruiter": "Recruteur du GEIQ BTP",
    "medef_coordinator": "Coordinateur du MEDEF Haute-Garonne",
    "state_observer": "Observatrice de l'État (DREETS)",
    "admin": "Administrateur de la plateforme",
}


def demo_password() -> str:
    return settings.RELAIS_DEMO_PASSWORD


def create_personas() -> dict[str, User]:
    users = {}
    for key, email, first, last, lookup, role, title in PERSONAS:
        organization = Organization.objects.get(**lookup)
        user, created = User.objects.get_or_create(
            email=email, defaults={"first_name": first, "last_name": last}
        )
        if created:
            user.set_password(demo_password())
            if key == "admin":
                user.is_staff = user.is_superuser = True
            user.save()
        person, _ = Person.objects.get_or_create(
            user=user, defaults={"first_name": first, "last_name": last, "email": email}
        )
        Membership.objects.get_or_create(
            person=person, organization=organization, role=role, defaults={"title": title}
        )
        users[key] = user
    return users


def _main_commune(ml: Organization) -> Commune | None:
    """The commune a Mission Locale is named after when it can be found, else its department's largest."""
    departments = list(ml.departments.all())
    communes = Commune.objects.filter(department__in=departments, kind=Commune.Kind.CURRENT)
    for word in sorted(ml.name.replace("-", " ").split(), key=len, reverse=True):
        if len(word) > 4:
            match = (
                communes.filter(name__iexact=word).first() or communes.filter(name__icontains=word).first()
            )
            if match:
                return match
    return communes.order_by("-population").first()


def create_teams_and_referents(
    *, region_codes: list[str], networks: dict[str, list[Organization]], imilo_codes: list[str] | None = None
) -> int:
    """Each ML gets sites, a director and a CRE; the CRE is referent for a realistic share of the GEIQ.

    `imilo_codes` limits the teams to these Missions Locales of the regions (the MEDEF convention's Toulouse).
    """
    rng = random.Random(2026)
    created = 0
    mls = Organization.objects.filter(kind=OrganizationKind.MISSION_LOCALE, region__code__in=region_codes)
    if imilo_codes is not None:
        mls = mls.filter(imilo_code__in=imilo_codes)
    for ml in mls.prefetch_related("departments").order_by("imilo_code"):
        main = _main_commune(ml)
        if main and not ml.sites.exists():
            ml.commune = main
            ml.postal_code = (main.postal_codes or [""])[0]
            ml.save(update_fields=["commune", "postal_code"])
            Site.objects.create(
                organization=ml,
                name=f"{ml.name} — siège",
                commune=main,
                is_main=True,
                postal_code=ml.postal_code,
                address=f"{rng.randint(1, 90)} rue de la République",
            )
            others = (
                Commune.objects.filter(department__in=ml.departments.all(), kind=Commune.Kind.CURRENT)
                .exclude(pk=main.pk)
                .order_by("-population")[: rng.randint(2, 5)]
            )
            for commune in others:
                Site.objects.create(
                    organization=ml,
                    name=f"Antenne de {commune.name}",
                    commune=commune,
                    postal_code=(commune.postal_codes or [""])[0],
                )
        existing_cre = Membership.objects.filter(organization=ml, role=Role.CRE).first()
        if existing_cre:  # a persona's Mission Locale: its CRE names referents for most partners
            cre, share = existing_cre.person, 0.8
        else:
            cre = _invented_person(rng, ml, "cre")
            Membership.objects.create(
                person=cre,
                organization=ml,
                role=Role.CRE,
                title="Chargé·e de relations entreprises et alternance",
            )
            # Missions Locales differ: some named a referent for every partner, most for part of them, a few none.
            share = rng.choice([1.0, 1.0, 0.8, 0.6, 0.4, 0.0])
        if not Membership.objects.filter(organization=ml, role=Role.DIRECTOR).exists():
            director = _invented_person(rng, ml, "direction")
            Membership.objects.create(person=director, organization=ml, role=Role.DIRECTOR, title="Direction")
        for partner in networks.get(ml.region.code, []):
            if (
                rng.random() < share
                and not PartnerReferent.objects.filter(mission_locale=ml, partner=partner).exists()
            ):
                PartnerReferent.objects.create(mission_locale=ml, partner=partner, person=cre)
                created += 1
    return created


def _invented_person(rng: random.Random, ml: Organization, mailbox: str) -> Person:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    return Person.objects.create(
        first_name=first, last_name=last, email=f"{mailbox}.{ml.imilo_code.lower()}@ml.demo"
    )


def create_partner_contacts(organizations: list[Organization]) -> None:
    rng = random.Random(84)
    for organization in organizations:
        if organization.memberships.filter(role=Role.COORDINATOR).exists():
            continue
        person = Person.objects.create(
            first_name=rng.choice(FIRST_NAMES),
            last_name=rng.choice(LAST_NAMES),
            email=f"contact.{organization.slug}@partenaire.demo",
        )
        Membership.objects.create(
            person=person, organization=organization, role=Role.COORDINATOR, title="Interlocuteur unique"
        )


def demo_is_loaded() -> bool:
    return User.objects.filter(Q(email="admin@relais.demo")).exists() and PartnerReferent.objects.exists()
