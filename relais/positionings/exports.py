"""CSV and XLSX exports of the positioning lists, cell for cell what each list shows, through core's helper."""

from django.utils import timezone

from relais.core.exports import list_export
from relais.positionings.models import ANONYMISED_YOUTH

LIST_HEADER = [
    "N°",
    "Jeune",
    "Opportunité",
    "Type",
    "Lieu",
    "Structure",
    "Statut",
    "Proposé le",
    "Proposé par",
]

PARTNER_EXPORT_HEADER = [
    "N°",
    "Opportunité",
    "Lieu",
    "Statut",
    "Transmis le",
    "Prénom",
    "Nom",
    "Âge",
    "Commune",
    "Niveau de qualification",
    "Permis",
    "Véhicule",
    "Métiers recherchés",
    "E-mail",
    "Téléphone",
]


def _day(moment):
    return timezone.localdate(moment) if moment else None


def list_row(p) -> list:
    youth = f"{p.youth.last_name.upper()} {p.youth.first_name}" if p.youth else ANONYMISED_YOUTH
    return [
        p.pk,
        youth,
        p.opportunity.display_title,
        p.opportunity.get_kind_display(),
        p.opportunity.commune.name,
        str(p.opportunity.publisher),
        p.get_status_display(),
        _day(p.proposed_at),
        p.proposed_by.get_full_name() if p.proposed_by else "",
    ]


def partner_row(row) -> list:
    """A received candidate as the partner may see it: only what the young person's consent shares."""
    p, c = row.positioning, row.candidate
    base = [
        p.pk,
        p.opportunity.display_title,
        p.opportunity.commune.name,
        p.get_status_display(),
        _day(p.transmitted_at),
    ]
    if c is None:
        shown = ANONYMISED_YOUTH if p.is_anonymised else "Données non partagées"
        return [*base, shown, "", "", "", "", "", "", "", "", ""]
    return [
        *base,
        c.first_name,
        c.last_name,
        c.age,
        c.commune,
        c.qualification_level,
        "oui" if c.driving_licence else "non",
        "oui" if c.has_vehicle else "non",
        ", ".join(c.sought_titles),
        c.email,
        c.phone,
    ]


def positioning_list_export(request, *, fmt: str, filename: str, title: str, queryset):
    return list_export(
        request,
        fmt=fmt,
        filename=filename,
        title=title,
        header=LIST_HEADER,
        items=queryset,
        row=list_row,
        youth_ids=lambda p: [p.youth_id],
    )


def received_export(request, *, fmt: str, rows):
    return list_export(
        request,
        fmt=fmt,
        filename="candidatures",
        title="Candidatures reçues",
        header=PARTNER_EXPORT_HEADER,
        items=rows,
        row=partner_row,
        # Only those the file shows: a withdrawn consent leaves a "Données non partagées" row.
        youth_ids=lambda r: [r.positioning.youth_id] if r.candidate is not None else [],
    )
