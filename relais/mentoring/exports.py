"""CSV and XLSX exports of the mentorships list: who is mentored as the reader may see them, access-logged."""

from relais.core.exports import export_limit, list_export
from relais.mentoring import selectors

HEADER = [
    "N°",
    "Jeune ou groupe",
    "Parrain",
    "Structure du parrain",
    "Mission Locale",
    "Convention",
    "Axe",
    "Début",
    "Fin prévue",
    "Fin",
    "Statut",
    "Rompu avant six mois",
]


def mentorship_row(row) -> list:
    m = row.mentorship
    return [
        m.pk,
        row.mentored.label,
        str(m.mentor),
        str(m.mentor.supervisor) if m.mentor.supervisor else "",
        str(m.mission_locale),
        str(m.convention) if m.convention else "",
        str(m.axis) if m.axis else "",
        m.started_on,
        m.planned_end_on,
        m.ended_on,
        m.get_status_display(),
        "oui" if m.broken_early else "non",
    ]


def mentorship_export(request, *, fmt: str, queryset):
    rows = selectors.mentorship_rows(request.scope, queryset[: export_limit() + 1])
    return list_export(
        request,
        fmt=fmt,
        filename="parrainages",
        title="Parrainages",
        header=HEADER,
        items=rows,
        row=mentorship_row,
        # Only the young people whose name the file shows.
        youth_ids=lambda row: [row.mentored.youth_id],
    )
