"""The frozen review as tables: XLSX (one sheet of headline figures, one per breakdown dimension) and CSV.

Only the snapshot is exported (the callers check the review is frozen): the figures the COPIL examined, never
the live ones, read through `snapshot.values_of` like the page. They are aggregates (no
young person's record), so no access-log row is written.
"""

from django.utils import timezone

from relais.core.providers import Dimension
from relais.reviews.figures import Split, splits_of
from relais.reviews.snapshot import section_of, values_of

HEADLINE_HEADER = ["Rubrique", "Code", "Indicateur", "Valeur", "Unité", "Personnes", "Précision", "Arrêté le"]
SPLIT_HEADER = ["Code", "Indicateur", "Code de la ligne", "Ligne", "Valeur", "Unité"]
CSV_HEADER = ["Code", "Indicateur", "Découpage", "Code de la ligne", "Ligne", "Valeur", "Unité", "Arrêté le"]


def _number(value):
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def export_filename(review) -> str:
    return f"bilan-{review.convention.slug or review.convention.pk}-periode-{review.convention.period_number}"


def xlsx_sheets(review, scope) -> list[tuple[str, list[str], list[list]]]:
    values = values_of(review, scope)
    computed = timezone.localtime(review.computed_at) if review.computed_at else None
    headline = [
        [
            section_of(v.code),
            v.code,
            v.label,
            _number(v.value),
            v.unit,
            "oui" if v.counts_people else "non",
            v.note,
            computed,
        ]
        for v in values
    ]
    sheets = [("Indicateurs", HEADLINE_HEADER, headline)]
    by_split: dict[str, tuple[str, list[list]]] = {}
    for value in values:
        for split in splits_of(value):
            label = split.label
            rows = by_split.setdefault(split.key, (label, []))[1]
            rows.extend(
                [value.code, value.label, row.code, row.label, _number(row.value), split.unit_of(row)]
                for row in split.rows
            )
    order = {d.value: i for i, d in enumerate(Dimension)}
    for key in sorted(by_split, key=lambda k: order.get(k, -1)):
        label, rows = by_split[key]
        heading = Split(key, label, ()).heading
        sheets.append((heading[:1].upper() + heading[1:], SPLIT_HEADER, rows))
    return sheets


def csv_rows(review, scope) -> list[list]:
    computed = timezone.localtime(review.computed_at) if review.computed_at else None
    stamp = f"{computed:%d/%m/%Y %H:%M}" if computed else ""
    rows = []
    for value in values_of(review, scope):
        rows.append([value.code, value.label, "Total", "", "", _number(value.value), value.unit, stamp])
        for split in splits_of(value):
            rows.extend(
                [
                    value.code,
                    value.label,
                    split.label,
                    row.code,
                    row.label,
                    _number(row.value),
                    split.unit_of(row),
                    stamp,
                ]
                for row in split.rows
            )
    return rows
