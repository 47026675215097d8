"""Demo partner sheets: the CR GEIQ Auvergne-Rhône-Alpes and some of its GEIQ (names from relais/demo/network.py)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from relais.core.scope import Scope
from relais.jobs.models import NafSector, RomeFamily
from relais.organizations.models import Organization
from relais.sheets import services
from relais.sheets.models import PartnerSheet
from relais.territories.models import Department

# (organisation slug, offer of service, ROME families, departments, territory note, initials of the logo)
DEMO_SHEETS = [
    (
        "cr-geiq-84",
        "Animation régionale des GEIQ : information des Missions Locales sur les métiers et les parcours en "
        "alternance, organisation de job datings et d'informations collectives, relais des besoins de "
        "recrutement des GEIQ membres.",
        ["F1703", "K2204", "N1103"],
        ["01", "03", "07", "15", "26", "38", "42", "43", "63", "69", "73", "74"],
        "Toute la région Auvergne-Rhône-Alpes",
        "CR",
    ),
    (
        "geiq-84-btp",
        "Contrats de professionnalisation et d'apprentissage dans le gros œuvre et les travaux publics, avec un "
        "accompagnement social et professionnel renforcé ; immersions (PMSMP) avant l'entrée en contrat.",
        ["F1703", "F1701", "F1702"],
        ["69"],
        "Métropole de Lyon et Rhône",
        "BTP",
    ),
    (
        "geiq-84-proprete",
        "Parcours qualifiants d'agent de propreté et d'hygiène en alternance, pré-qualification possible.",
        ["K2204"],
        ["38"],
        "Isère",
        "PR",
    ),
    (
        "geiq-84-logistique",
        "Préparateurs de commandes et caristes en contrat de professionnalisation, CACES intégrés au parcours.",
        ["N1103", "N1101"],
        ["69"],
        "Est lyonnais",
        "LOG",
    ),
]


def _logo(initials: str) -> SimpleUploadedFile:
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="240" height="120" viewBox="0 0 240 120">'
        '<rect width="240" height="120" rx="16" fill="#000091"/>'
        '<text x="120" y="78" font-family="Arial, sans-serif" font-size="52" font-weight="bold" '
        f'fill="#ffffff" text-anchor="middle">{initials}</text></svg>'
    )
    return SimpleUploadedFile("logo.svg", svg.encode("utf-8"), content_type="image/svg+xml")


def create_demo_sheets() -> int:
    """Create the demo sheets that do not exist yet (idempotent); returns how many were created."""
    scope = Scope.system()
    created = 0
    for slug, offer, families, departments, note, initials in DEMO_SHEETS:
        organization = Organization.objects.filter(slug=slug).first()
        if organization is None or PartnerSheet.objects.filter(organization=organization).exists():
            continue
        divisions = list(organization.naf_sectors.filter(level=1)) or list(
            NafSector.objects.filter(code__in=["41", "43", "81", "52"], level=1)
        )
        services.sheet_update(
            organization=organization,
            scope=scope,
            presentation=organization.description
            or f"{organization.name}, partenaire des Missions Locales dans le cadre de la charte régionale.",
            offer=offer,
            territory_note=note,
            naf_sectors=divisions,
            rome_families=RomeFamily.objects.filter(code__in=families),
            departments=Department.objects.filter(code__in=departments),
        )
        services.contact_add(
            organization=organization,
            scope=scope,
            full_name="Accueil des Missions Locales",
            title="Contact pour les prescriptions",
            email=f"contact@{slug}.demo",
        )
        services.logo_set(organization=organization, scope=scope, uploaded_file=_logo(initials))
        created += 1
    return created
