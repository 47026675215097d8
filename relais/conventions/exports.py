"""CSV and XLSX exports of the conventions list, in its tree order and with its filters."""

from relais.conventions import selectors
from relais.core.exports import export_limit, list_export

HEADER = [
    "N°",
    "Convention",
    "Niveau dans l'arborescence",
    "Type",
    "Région",
    "Parties",
    "Début",
    "Fin",
    "Période",
    "Périodes précédentes",
    "Statut",
]


def _party(party) -> str:
    if party.renamed:
        return f"{party.name_in_text} (aujourd'hui : {party.organization})"
    return str(party.organization)


def convention_row(item) -> list:
    convention, depth, earlier = item
    return [
        convention.pk,
        str(convention),
        depth,
        convention.get_kind_display(),
        convention.region.name if convention.region else "Nationale",
        ", ".join(_party(party) for party in convention.parties.all()),
        convention.start_date,
        convention.end_date,
        convention.period_number,
        len(earlier),
        convention.get_status_display(),
    ]


def convention_export(request, *, fmt: str, places):
    """Conventions name organisations, not young people: nothing goes to the access log."""
    items = selectors.with_conventions(places[: export_limit() + 1])
    return list_export(
        request,
        fmt=fmt,
        filename="conventions",
        title="Conventions",
        header=HEADER,
        items=items,
        row=convention_row,
    )
