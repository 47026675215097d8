"""The save of an analysed import of young people: a constant number of statements, whatever the file's size.

The analysis (relais.youths.imports.analyse) has already checked every row against maps of the Mission
Locale's records read once; this writes its plan with one statement per table (relais.core.bulk), one audit
row for the import and one access-log row per kind of write, whose subjects name every record created or
changed, so that each stays traceable. A record changed since the analysis (its `updated_at` moved) or a
record created meanwhile with the same identifier or identity makes the whole import fail: nothing is kept.
"""

from collections import Counter

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from relais.core.bulk import delete_rows, insert_rows, update_rows
from relais.core.scope import Scope
from relais.core.services import audit
from relais.organizations.models import Organization, Person
from relais.territories.loading import fold
from relais.youths.import_report import ImportReport, RowPlan
from relais.youths.models import Youth
from relais.youths.services import EDITABLE_FIELDS, field_differs, identity_key_after, log_youth_import
from relais.youths.validation import key_of_identity

CHANGED_MEANWHILE = (
    "Des fiches de la Mission Locale ont été créées, modifiées ou archivées pendant l'import : rien n'a été "
    "enregistré. Déposez le fichier à nouveau pour revoir l'aperçu."
)
INSERTED = [field.attname for field in Youth._meta.concrete_fields if not field.primary_key]
# An update writes what the file may set (never the counsellor, the Mission Locale or the archive state).
UPDATED = [Youth._meta.get_field(name).attname for name in EDITABLE_FIELDS if name != "counsellor"] + [
    "search_text",
    "identity_key",
    "updated_at",
    "last_imported_at",
]
THROUGH = Youth.sought_titles.through
# The model's defaults, the values a new record starts from (the file then sets what it holds).
DEFAULTS = {
    field.attname: field.get_default() for field in Youth._meta.concrete_fields if not field.primary_key
}
KEY_INDEX = INSERTED.index("identity_key")


def save_report(
    *,
    report: ImportReport,
    mission_locale: Organization,
    scope: Scope,
    filename: str,
    counsellor: Person | None,
) -> dict:
    """Write every planned row, or nothing (ValidationError, in French); returns the audit row's details."""
    try:
        with transaction.atomic():
            return _write(report, mission_locale, scope, filename, counsellor)
    except IntegrityError:
        # A unique constraint (I-Milo identifier, identity) met a record written after the analysis.
        raise ValidationError(CHANGED_MEANWHILE) from None


def _write(report, mission_locale, scope, filename, counsellor) -> dict:
    now = timezone.now()
    creates = [plan for plan in report.rows if plan.action == "create"]
    updates = [plan for plan in report.rows if plan.action == "update"]
    unchanged = [plan for plan in report.rows if plan.action == "unchanged"]

    rows = [_new_row(plan, mission_locale, counsellor, now) for plan in creates]
    insert_rows(Youth, INSERTED, rows)
    # executemany returns no keys: the new records are read back by their identity, unique in the ML.
    keys = (
        dict(
            Youth.objects.filter(mission_locale=mission_locale, created_at=now).values_list(
                "identity_key", "pk"
            )
        )
        if rows
        else {}
    )
    created_ids = [keys.get(row[KEY_INDEX]) for row in rows]
    if None in created_ids:
        raise ValidationError(CHANGED_MEANWHILE)

    changed_fields: Counter = Counter()
    versions, retitled = [], []
    for plan in updates:
        youth = plan.existing
        versions.append(youth.updated_at)
        changed_fields.update(
            name for name, value in plan.fields.items() if field_differs(youth, name, value)
        )
        key = identity_key_after(plan.fields, youth)
        for name, value in plan.fields.items():
            setattr(youth, name, value)
        youth.refresh_search_text()
        youth.identity_key = key
        youth.updated_at = youth.last_imported_at = now
        if {title.pk for title in plan.titles} != plan.title_ids:
            retitled.append(plan)
    changed_fields.update({"sought_titles": len(retitled)} if retitled else {})
    # Each update matches the version the analysis read: a record edited or archived since matches nothing.
    written = update_rows(
        Youth,
        UPDATED,
        (
            [getattr(plan.existing, name) for name in UPDATED] + [plan.existing.pk, version]
            for plan, version in zip(updates, versions, strict=True)
        ),
        match=["id", "updated_at"],
    )
    if written != len(updates):
        raise ValidationError(CHANGED_MEANWHILE)
    delete_rows(THROUGH, "youth_id", [plan.existing.pk for plan in retitled])
    insert_rows(
        THROUGH,
        ["youth_id", "rometitle_id"],
        [
            (pk, title_id)
            for pk, plan in zip(created_ids, creates, strict=True)
            for title_id in _title_ids(plan)
        ]
        + [(plan.existing.pk, title_id) for plan in retitled for title_id in _title_ids(plan)],
    )
    # Every record the file names, changed or not, was active (retention): not an edit of the record.
    update_rows(Youth, ["last_imported_at"], [(now, plan.existing.pk) for plan in unchanged])

    details = {
        "filename": filename[:100],
        "created": len(creates),
        "updated": len(updates),
        "unchanged": report.unchanged,
        "fields": dict(sorted(changed_fields.items())),
    }
    event = audit(actor=scope.actor, action="youth.import", obj=mission_locale, **details)
    log_youth_import(
        scope=scope,
        youth_ids=created_ids,
        description=f"Import de jeunes (audit n°{event.pk}) : {len(creates)} fiche(s) créée(s)",
    )
    log_youth_import(
        scope=scope,
        youth_ids=[plan.existing.pk for plan in updates],
        description=f"Import de jeunes (audit n°{event.pk}) : {len(updates)} fiche(s) mise(s) à jour",
    )
    return details


def _new_row(plan: RowPlan, mission_locale: Organization, counsellor: Person | None, now) -> list:
    """The INSERTED values of a new record, built without a model instance (the import's hot path)."""
    values = {**DEFAULTS, "mission_locale_id": mission_locale.pk}
    values["counsellor_id"] = counsellor.pk if counsellor is not None else None
    for name, value in plan.fields.items():
        if name == "commune":
            values["commune_id"] = value.pk
        else:
            values[name] = value
    values["search_text"] = fold(f"{values['first_name']} {values['last_name']}")
    values["identity_key"] = key_of_identity(plan.identity)
    values["created_at"] = values["updated_at"] = values["last_imported_at"] = now
    return [values[name] for name in INSERTED]


def _title_ids(plan: RowPlan) -> list[int]:
    return sorted({title.pk for title in plan.titles})  # a code written twice in the cell is one title
