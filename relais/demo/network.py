"""Demo organisations: the real organisations named in the seeds, with invented member structures."""

from relais.jobs.models import NafSector
from relais.organizations.enums import OrganizationKind as K
from relais.organizations.services import ensure_organization
from relais.territories.models import Department

# The sectors listed by the AURA charter (seed 000), each with the NAF divisions it covers.
AURA_GEIQ_SECTORS = [
    ("Agroalimentaire", "agro", ["10"], "01"),
    ("Bâtiment & Travaux Publics", "btp", ["41", "42", "43"], "69"),
    ("Espaces verts & travaux paysagers", "paysage", ["81"], "38"),
    ("Industrie", "industrie", ["25", "28"], "42"),
    ("Logistique", "logistique", ["52"], "69"),
    ("Multisectoriel", "multi", ["78"], "63"),
    ("Numérique", "numerique", ["62"], "69"),
    ("Propreté", "proprete", ["81"], "38"),
    ("Santé & Services à la personne", "sante", ["86", "88"], "26"),
    ("Sports & Loisirs", "sport", ["93"], "73"),
    ("Théâtre & Arts vivants", "spectacle", ["90"], "69"),
    ("Tourisme", "tourisme", ["55", "79"], "74"),
    ("Transports", "transport", ["49"], "03"),
]
GRAND_EST_GEIQ_SECTORS = [
    ("Bâtiment & Travaux Publics", "btp", ["41", "42", "43"], "54"),
    ("Industrie", "industrie", ["25", "28"], "68"),
    ("Propreté", "proprete", ["81"], "67"),
    ("Transports & Logistique", "transport", ["49", "52"], "57"),
]
MIDI_PYRENEES_DEPARTMENTS = ["09", "12", "31", "32", "46", "65", "81", "82"]


def _with_naf(organization, divisions):
    organization.naf_sectors.set(NafSector.objects.filter(code__in=divisions))
    return organization


def _geiq_network(*, slug, name, region_code, sectors):
    head = ensure_organization(
        slug=slug,
        kind=K.NETWORK_HEAD,
        name=name,
        region_code=region_code,
        short_name=name.replace("Comité régional des GEIQ", "CR GEIQ"),
        description="Tête de réseau des groupements d'employeurs pour l'insertion et la qualification (GEIQ) "
        "de la région : il anime les GEIQ membres, les représente auprès des partenaires et relaie leurs "
        "besoins de recrutement en alternance auprès des Missions Locales.",
    )
    members = []
    for label, key, divisions, department_code in sectors:
        department = Department.objects.get(code=department_code)
        geiq = ensure_organization(
            slug=f"geiq-{region_code}-{key}",
            kind=K.GEIQ,
            name=f"GEIQ {label} — {department.name}",
            region_code=region_code,
            parent=head,
            sector_label=label,
            description=f"Groupement d'employeurs pour l'insertion et la qualification, secteur {label}.",
        )
        geiq.departments.add(department)
        members.append(_with_naf(geiq, divisions))
    return head, members


def build_network():
    """Create (or find) every partner organisation of the demo; returns the ones personas need."""
    unml = ensure_organization(
        slug="unml",
        kind=K.UNML,
        name="Union nationale des Missions Locales",
        short_name="UNML",
        address="54 rue de Paradis",
        postal_code="75010",
    )
    cr_geiq_aura, aura_geiqs = _geiq_network(
        slug="cr-geiq-84",
        name="Comité régional des GEIQ Auvergne-Rhône-Alpes",
        region_code="84",
        sectors=AURA_GEIQ_SECTORS,
    )
    cr_geiq_ge, ge_geiqs = _geiq_network(
        slug="cr-geiq-44",
        name="Comité régional des GEIQ Grand Est",
        region_code="44",
        sectors=GRAND_EST_GEIQ_SECTORS,
    )
    medef = ensure_organization(
        slug="medef-midi-pyrenees", kind=K.NETWORK_HEAD, name="MEDEF Midi-Pyrénées", region_code="76"
    )
    for code in MIDI_PYRENEES_DEPARTMENTS:
        department = Department.objects.get(code=code)
        office = ensure_organization(
            slug=f"medef-{code.lower()}",
            kind=K.EMPLOYER_OFFICE,
            name=f"MEDEF {department.name}",
            region_code="76",
            parent=medef,
        )
        office.departments.add(department)
    akto = ensure_organization(
        slug="akto",
        kind=K.OPCO,
        name="AKTO — opérateur de compétences des services à forte intensité de main-d'œuvre",
        short_name="AKTO",
    )
    branches = [
        ensure_organization(
            slug="branch-temporary-work", kind=K.BRANCH, name="Branche du travail temporaire"
        ),
        ensure_organization(slug="branch-wholesale", kind=K.BRANCH, name="Branche des commerces de gros"),
        ensure_organization(slug="branch-hcr", kind=K.BRANCH, name="Branche des hôtels, cafés, restaurants"),
        ensure_organization(
            slug="branch-wood",
            kind=K.BRANCH,
            name="Branche du travail mécanique du bois / exploitations forestières et scieries agricoles",
        ),
    ]
    regions_de_france = ensure_organization(
        slug="regions-de-france",
        kind=K.NETWORK_HEAD,
        name="Régions de France",
        address="1 quai de Grenelle",
        postal_code="75015",
    )
    dgefp = ensure_organization(
        slug="dgefp",
        kind=K.STATE,
        name="Délégation générale à l'emploi et à la formation professionnelle",
        short_name="DGEFP",
    )
    dreets = ensure_organization(
        slug="dreets-84", kind=K.STATE, name="DREETS Auvergne-Rhône-Alpes", region_code="84", parent=dgefp
    )
    france_travail = ensure_organization(slug="france-travail", kind=K.FRANCE_TRAVAIL, name="France Travail")
    ensure_organization(
        slug="france-travail-76",
        kind=K.FRANCE_TRAVAIL,
        name="France Travail Occitanie",
        region_code="76",
        parent=france_travail,
    )
    ensure_organization(
        slug="prefecture-76", kind=K.STATE, name="Préfecture de la région Occitanie", region_code="76"
    )
    ensure_organization(
        slug="region-84",
        kind=K.REGION_COUNCIL,
        name="Région Auvergne-Rhône-Alpes",
        region_code="84",
        parent=regions_de_france,
    )
    return {
        "unml": unml,
        "cr_geiq_aura": cr_geiq_aura,
        "aura_geiqs": aura_geiqs,
        "cr_geiq_ge": cr_geiq_ge,
        "ge_geiqs": ge_geiqs,
        "medef": medef,
        "akto": akto,
        "branches": branches,
        "regions_de_france": regions_de_france,
        "dgefp": dgefp,
        "dreets": dreets,
    }
