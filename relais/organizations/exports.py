"""CSV and XLSX exports of the directory: one layout for Missions Locales, one for partners; each logged."""

from relais.core.exports import csv_response, xlsx_response
from relais.core.models import AccessLog
from relais.core.services import log_access

ML_HEADER = [
    "Code I-Milo",
    "Nom",
    "Région",
    "Départements",
    "ARML",
    "SIRET",
    "Adresse",
    "Code postal",
    "Commune",
    "Téléphone",
    "E-mail",
    "Site internet",
    "Nombre de points d'accueil",
    "Points d'accueil",
    "Contacts",
]
PARTNER_HEADER = [
    "Nom",
    "Nom court",
    "Type",
    "Structure de rattachement",
    "Région",
    "Départements",
    "SIRET",
    "Secteurs NAF",
    "Secteur d'activité",
    "Adresse",
    "Code postal",
    "Commune",
    "Téléphone",
    "E-mail",
    "Site internet",
    "Points d'accueil",
    "Contacts",
]


def _sites(org) -> str:
    """Each site as the page shows it: name, address, postal code and commune."""
    parts = []
    for site in org.sites.all():
        place = " ".join(part for part in (site.postal_code, site.commune.name) if part)
        parts.append(" — ".join(part for part in (site.name, site.address, place) if part))
    return " ; ".join(parts)


def _contacts(org) -> str:
    """The professional contacts the organisation's page shows: name, role, e-mail, phone."""
    parts = []
    for membership in getattr(org, "directory_contacts", []):
        person = membership.person
        details = ", ".join(part for part in (person.email, person.phone) if part)
        label = f"{person} ({membership.get_role_display()})"
        parts.append(f"{label} {details}".strip())
    return " ; ".join(parts)


def _departments(org) -> str:
    return ", ".join(d.code for d in org.departments.all())


def _commune(org) -> str:
    return org.commune.name if org.commune else ""


def ml_row(org) -> list:
    return [
        org.imilo_code or "",
        org.name,
        org.region.name if org.region else "",
        _departments(org),
        org.parent.name if org.parent else "",
        org.siret,
        org.address,
        org.postal_code,
        _commune(org),
        org.phone,
        org.email,
        org.website,
        org.site_count,
        _sites(org),
        _contacts(org),
    ]


def partner_row(org) -> list:
    return [
        org.name,
        org.short_name,
        org.get_kind_display(),
        org.parent.name if org.parent else "",
        org.region.name if org.region else "National",
        _departments(org),
        org.siret,
        ", ".join(f"{naf.code} {naf.label}" for naf in org.naf_sectors.all()),
        org.sector_label,
        org.address,
        org.postal_code,
        _commune(org),
        org.phone,
        org.email,
        org.website,
        _sites(org),
        _contacts(org),
    ]


LAYOUTS = {
    "missions_locales": ("annuaire-missions-locales", "Missions Locales", ML_HEADER, ml_row),
    "partners": ("annuaire-partenaires", "Partenaires", PARTNER_HEADER, partner_row),
}


def directory_export(request, *, layout: str, fmt: str, queryset):
    """The export response; the access log records who took which list of contact details."""
    filename, title, header, row = LAYOUTS[layout]
    organizations = list(queryset)
    log_access(
        user=request.user,
        kind=AccessLog.Kind.EXPORT,
        object_type="organizations.organization",
        description=f"Export {fmt.upper()} de l'annuaire « {title} » ({len(organizations)} organisations)",
        path=request.get_full_path(),
    )
    rows = [row(org) for org in organizations]
    if fmt == "csv":
        return csv_response(filename, header, rows)
    return xlsx_response(filename, header, rows, title=title)


def coverage_export(request, *, fmt: str, network, region, members, rows):
    """The coverage table as shown: one row per Mission Locale, one column per member partner."""
    header = ["Mission Locale", "Code I-Milo", *[p.short_name or p.name for p in members], "Manquants"]
    lines = [
        [
            row["mission_locale"].name,
            row["mission_locale"].imilo_code or "",
            *[str(cell.person) if cell else "Aucun référent" for cell in row["cells"]],
            row["missing"],
        ]
        for row in rows
    ]
    log_access(
        user=request.user,
        kind=AccessLog.Kind.EXPORT,
        object_type="organizations.partnerreferent",
        description=f"Export {fmt.upper()} de la couverture des référents « {network} » — {region.name}",
        path=request.get_full_path(),
    )
    filename = "couverture-referents"
    if fmt == "csv":
        return csv_response(filename, header, lines)
    return xlsx_response(filename, header, lines, title="Couverture")
