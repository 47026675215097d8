"""Demo activity (all people invented): young people, GEIQ needs under the AURA charter, positionings.

Everything goes through the product's own services, so the demo carries the same logs, audit rows and
notifications as real use.
"""

import datetime
import random

from django.utils import timezone

from relais.accounts.models import User
from relais.conventions import services as conventions
from relais.conventions.enums import OccurrenceStatus
from relais.conventions.lifecycle import CONVENTION_LIFECYCLE
from relais.conventions.models import Convention
from relais.core.scope import Scope
from relais.core.workflows import apply
from relais.jobs.models import ContractType, RomeTitle
from relais.mentoring.demo import create_mentoring
from relais.mentoring.models import Mentor
from relais.opportunities import services as opportunities
from relais.opportunities.enums import OpportunityKind, PerimeterKind, PriorityPublic
from relais.opportunities.lifecycle import OPPORTUNITY_LIFECYCLE
from relais.organizations.models import Organization, PartnerReferent
from relais.positionings import services as positionings
from relais.positionings.enums import PositioningStatus
from relais.positionings.lifecycle import POSITIONING_LIFECYCLE
from relais.territories.models import Commune
from relais.youths import services as youths
from relais.youths.enums import ConsentScope, QualificationLevel
from relais.youths.models import Youth
from relais.youths.selectors import youths_visible_to

AURA_CHARTER = "seed-000-cr-geiq-aura-amilaura"
# (GEIQ slug, kind, (ROME family, exact OGR appellation of that trade), commune INSEE code, positions, weeks
# until start, months, title): the appellation is picked by its label, never as the first one of a family.
NEEDS = [
    (
        "geiq-84-btp",
        OpportunityKind.APPRENTICESHIP,
        ("F1703", "Maçon / Maçonne"),
        "69123",
        3,
        6,
        24,
        "Maçon·ne en apprentissage",
    ),
    (
        "geiq-84-btp",
        OpportunityKind.GEIQ_PATHWAY,
        ("F1701", "Coffreur bancheur / Coffreuse bancheuse"),
        "69266",
        2,
        4,
        12,
        "Coffreur·se bancheur·se",
    ),
    (
        "geiq-84-proprete",
        OpportunityKind.PROFESSIONALISATION,
        ("K2204", "Agent / Agente de propreté de locaux"),
        "38185",
        4,
        3,
        12,
        "Agent·e de propreté",
    ),
    (
        "geiq-84-logistique",
        OpportunityKind.PMSMP,
        ("N1103", "Magasinier / Magasinière"),
        "69259",
        5,
        2,
        None,
        "Immersion en entrepôt",
    ),
    (
        "geiq-84-sante",
        OpportunityKind.INFORMATION_SESSION,
        ("K1302", "Auxiliaire de vie"),
        "69123",
        12,
        3,
        None,
        "Information collective : métiers de l'aide à domicile",
    ),
]
YOUTH_NAMES = [
    ("Léa", "Moreau"),
    ("Yanis", "Bouzid"),
    ("Emma", "Petit"),
    ("Lucas", "Garcia"),
    ("Inès", "Haddad"),
    ("Noah", "Roux"),
    ("Jade", "Fernandez"),
    ("Adam", "Keita"),
    ("Chloé", "Bernard"),
    ("Rayan", "Diallo"),
    ("Lina", "Fabre"),
    ("Hugo", "Mathieu"),
    ("Sarah", "Colin"),
    ("Nolan", "Barbier"),
]
LYON_AREA = ["69123", "69266", "69259", "69029", "69290"]


# What the demo's young people seek: appellations of the trades the demo's offers are in.
SOUGHT_TITLES = [
    ("F1703", "Maçon / Maçonne"),
    ("F1703", "Maçon / Maçonne en rénovation"),
    ("F1701", "Coffreur / Coffreuse"),
    ("F1701", "Coffreur bancheur / Coffreuse bancheuse"),
    ("K2204", "Agent / Agente de propreté de locaux"),
    ("K2204", "Agent / Agente de nettoyage en collectivité"),
    ("N1103", "Magasinier / Magasinière"),
    ("N1103", "Magasinier / Magasinière cariste"),
    ("K1302", "Auxiliaire de vie"),
]


def _title(family_code: str, label: str) -> RomeTitle:
    """The OGR appellation of that exact label in that ROME family (the referential must be loaded)."""
    title = RomeTitle.objects.filter(family__code=family_code, label=label).first()
    if title is None:
        raise RomeTitle.DoesNotExist(f"Appellation « {label} » absente du code ROME {family_code}.")
    return title


def create_youths(
    *, counsellor: User, mission_locale: Organization, communes: list[str], count: int, seed: int
):
    rng = random.Random(seed)
    today = timezone.localdate()
    created = []
    titles = [_title(*rome) for rome in SOUGHT_TITLES]
    scope = Scope.for_user(counsellor)
    for index in range(count):
        first, last = YOUTH_NAMES[(index + seed) % len(YOUTH_NAMES)]
        commune = Commune.objects.filter(code=rng.choice(communes), kind=Commune.Kind.CURRENT).first()
        created.append(
            youths.youth_create(
                mission_locale=mission_locale,
                scope=scope,
                counsellor=counsellor.person,
                imilo_id=f"DEMO{seed:02d}{index:04d}",
                first_name=first,
                last_name=last,
                birth_date=today - datetime.timedelta(days=365 * rng.randint(17, 24) + rng.randint(0, 300)),
                commune=commune,
                qualification_level=rng.choice(QualificationLevel.values),
                qpv_resident=rng.random() < 0.3,
                rqth=rng.random() < 0.1,
                cej_beneficiary=rng.random() < 0.4,
                school_dropout=rng.random() < 0.2,
                no_diploma=rng.random() < 0.3,
                driving_licence=rng.random() < 0.4,
                has_vehicle=rng.random() < 0.2,
                max_distance_km=rng.choice([10, 20, 30, 50]),
                consent_given_at=today - datetime.timedelta(days=rng.randint(5, 200)) if index % 7 else None,
                consent_scope=ConsentScope.IDENTITY_AND_CONTACT if index % 7 else "",
                sought_titles=[rng.choice(titles)],
            )
        )
    return created


def renew_up_to_today(*, slug: str, coordinator: User) -> Convention:
    """The charters were signed in 2024 for one renewable year: their past periods are reviewed and renewed, as
    their COPIL decides, so that the demo shows the current period (the seed text stays the first period)."""
    convention = Convention.objects.get(slug=slug)
    today = timezone.localdate()
    while convention.end_date and convention.end_date < today:
        # The platform replays the past periods: its marks and renewals, dated at each period's end.
        period_end = timezone.make_aware(datetime.datetime.combine(convention.end_date, datetime.time(18)))
        for occurrence in convention.occurrences.exclude(status=OccurrenceStatus.DONE).order_by("due_date"):
            conventions.occurrence_mark_done(
                occurrence=occurrence,
                scope=Scope.system(),
                done_on=occurrence.due_date or convention.start_date,
                note="Réalisé (compte rendu partagé entre les parties).",
            )
        apply(CONVENTION_LIFECYCLE, convention, "mark_review_due", scope=Scope.system())
        renewed = apply(
            CONVENTION_LIFECYCLE,
            convention,
            "renew",
            scope=Scope.for_user(
                coordinator
            ),  # the rule needs a signatory's scope; the log is the platform's
            note="Renouvelée pour un an sur la base du bilan présenté au COPIL annuel.",
        )
        convention.transitions.filter(name__in=["mark_review_due", "renew"]).update(at=period_end, by=None)
        convention = renewed.next_period
        convention.transitions.update(at=period_end, by=None)
    return convention


def create_needs(*, coordinator: User, charter: Convention) -> list:
    today = timezone.localdate()
    published = []
    for slug, kind, rome, commune_code, positions, weeks, months, title in NEEDS:
        publisher = Organization.objects.get(slug=slug)
        start = today + datetime.timedelta(weeks=weeks)
        is_contract = kind not in {OpportunityKind.PMSMP, OpportunityKind.INFORMATION_SESSION}
        opportunity = opportunities.opportunity_create(
            publisher=publisher,
            scope=Scope.for_user(coordinator),
            kind=kind,
            title=title,
            rome_title=_title(*rome),
            commune=Commune.objects.get(code=commune_code, kind=Commune.Kind.CURRENT),
            positions=positions,
            start_date=start,
            closing_date=start - datetime.timedelta(days=7),
            duration_months=months,
            weekly_hours=35 if is_contract else None,
            convention=charter,
            priority_publics=[PriorityPublic.QPV_RESIDENT, PriorityPublic.RQTH]
            if kind == OpportunityKind.GEIQ_PATHWAY
            else [],
            description=f"Besoin de recrutement transmis par le {publisher.name}.",
        )
        published.append(
            apply(OPPORTUNITY_LIFECYCLE, opportunity, "publish", scope=Scope.for_user(coordinator))
        )
    return published


def diffuse(*, opportunities_list: list, arml_coordinator: User) -> None:
    region = Organization.objects.get(slug="arml-84").region
    for opportunity in opportunities_list:
        opportunities.opportunity_diffuse(
            opportunity=opportunity,
            scope=Scope.for_user(arml_coordinator),
            perimeter=PerimeterKind.REGION,
            region=region,
        )


def create_positionings(*, users: dict[str, User], young_people: list[Youth], published: list) -> int:
    """A few candidacies in every state, so each persona's page has something to show."""
    apprenticeship, site_job = published[0], published[1]
    consenting = [y for y in young_people if y.consent_given_at]
    counsellor, cre, recruiter = users["counsellor_lyon"], users["cre_lyon"], users["geiq_recruiter"]
    steps = [
        (consenting[0], apprenticeship, PositioningStatus.HIRED),
        (consenting[1], apprenticeship, PositioningStatus.TRANSMITTED),
        (consenting[2], apprenticeship, PositioningStatus.PROPOSED),
        (consenting[3], site_job, PositioningStatus.ACKNOWLEDGED),
        (consenting[4], site_job, PositioningStatus.PROPOSED),
    ]
    for youth, opportunity, target in steps:
        positioning = positionings.positioning_propose(
            youth=youth, opportunity=opportunity, scope=Scope.for_user(counsellor)
        )
        if target == PositioningStatus.PROPOSED:
            continue
        apply(POSITIONING_LIFECYCLE, positioning, "transmit", scope=Scope.for_user(cre))
        if target == PositioningStatus.ACKNOWLEDGED:
            apply(POSITIONING_LIFECYCLE, positioning, "acknowledge", scope=Scope.for_user(recruiter))
        elif target == PositioningStatus.HIRED:
            apply(
                POSITIONING_LIFECYCLE,
                positioning,
                "hire",
                scope=Scope.for_user(recruiter),
                contract_type=ContractType.objects.get(code="apprenticeship"),
                start_date=opportunity.start_date,
                weekly_hours=35,
            )
    return len(steps)


def create_activity(users: dict[str, User]) -> dict[str, int]:
    lyon = Organization.objects.get(imilo_code="69382S00")
    # The CRE persona is the Mission Locale de Lyon's referent for the GEIQ BTP (the persona's story).
    PartnerReferent.objects.update_or_create(
        mission_locale=lyon,
        partner=Organization.objects.get(slug="geiq-84-btp"),
        defaults={"person": users["cre_lyon"].person},
    )
    grenoble = Organization.objects.get(imilo_code="38185S00")
    lyon_youths = create_youths(
        counsellor=users["counsellor_lyon"], mission_locale=lyon, communes=LYON_AREA, count=14, seed=1
    )
    create_youths(
        counsellor=users["counsellor_grenoble"],
        mission_locale=grenoble,
        communes=["38185", "38421"],
        count=6,
        seed=2,
    )
    charter = renew_up_to_today(slug=AURA_CHARTER, coordinator=users["arml_coordinator"])
    renew_up_to_today(slug="seed-001-cr-geiq-grand-est-arml", coordinator=users["arml_ge_coordinator"])
    published = create_needs(coordinator=users["geiq_coordinator"], charter=charter)
    diffuse(opportunities_list=published, arml_coordinator=users["arml_coordinator"])
    return {
        "youths": 20,
        "opportunities": len(published),
        "positionings": create_positionings(users=users, young_people=lyon_youths, published=published),
    }


def create_mentorships(users: dict[str, User]) -> dict[str, int]:
    """The CR GEIQ Auvergne-Rhône-Alpes supervises the mentors (the charter promotes mentoring); the Mission
    Locale de Lyon pairs them with consenting young people not yet positioned."""
    supervisor = Organization.objects.get(slug="cr-geiq-84")
    if Mentor.objects.filter(supervisor=supervisor).exists():
        return {"mentors": 0, "mentorships": 0}
    counsellor = users["counsellor_lyon"]
    consenting = youths_visible_to(Scope.for_user(counsellor)).filter(consent_given_at__isnull=False)
    young_people = list(consenting.order_by("imilo_id")[5:7])
    # Mentorships run under the charter's running period (a renewed one takes no new mentorship).
    charter = Convention.objects.get(slug=AURA_CHARTER)
    while (following := Convention.objects.filter(previous_period=charter).first()) is not None:
        charter = following
    return create_mentoring(
        supervisor=supervisor,
        supervisor_user=users["geiq_coordinator"],
        counsellor=counsellor,
        young_people=young_people,
        convention=charter,
    )
