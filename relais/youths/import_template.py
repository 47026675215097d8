"""The import template offered for download: the project's headings and one example row, in XLSX or CSV."""

import datetime

from django.utils import timezone

from relais.core.exports import csv_response, xlsx_response
from relais.youths.import_parsing import HEADERS

FILENAME = "modele-import-jeunes"
# One example young person: Lyon (INSEE 69123), seeking "Maçon / Maçonne" (OGR 16250, ROME F1703).
EXAMPLE_INSEE = "69123"
EXAMPLE_OGR = "16250"


def example_row(today: datetime.date) -> dict[str, str]:
    """The example row, dated from `today` (a 20-year-old young person who consented today)."""
    try:
        birth = today.replace(year=today.year - 20)
    except ValueError:  # 29 February
        birth = today.replace(year=today.year - 20, day=28)
    return {
        "imilo_id": "",
        "last_name": "Exemple",
        "first_name": "Camille",
        "birth_date": birth.strftime("%d/%m/%Y"),
        "commune": EXAMPLE_INSEE,
        "qualification_level": "niveau 3",
        "qpv_resident": "non",
        "rqth": "non",
        "cej_beneficiary": "oui",
        "school_dropout": "non",
        "no_diploma": "non",
        "driving_licence": "oui",
        "has_vehicle": "non",
        "max_distance_km": "20",
        "sought_titles": EXAMPLE_OGR,
        "consent_given_at": today.strftime("%d/%m/%Y"),
        "consent_scope": "identité seule",
        "email": "camille.exemple@example.org",
        "phone": "06 00 00 00 00",
    }


def template_response(file_format: str):
    """The template as an XLSX workbook (`xlsx`) or a semicolon CSV (anything else)."""
    example = example_row(timezone.localdate())
    header = list(HEADERS.values())
    rows = [[example[key] for key in HEADERS]]
    if file_format == "xlsx":
        return xlsx_response(FILENAME, header, rows, title="Jeunes")
    return csv_response(FILENAME, header, rows)
