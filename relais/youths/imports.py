"""Import of young people from an I-Milo style export: analysis, preview, all-or-nothing commit."""

import re
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from relais.core import pending_uploads
from relais.core.scope import Scope
from relais.core.tables import ImportFileError
from relais.jobs.models import RomeTitle
from relais.organizations.models import Organization
from relais.territories.models import Commune
from relais.territories.selectors import residence_communes
from relais.youths.enums import ConsentScope
from relais.youths.import_parsing import (
    BOOLEAN_FIELDS,
    HEADER_KEYS,
    HEADERS,
    REQUIRED_COLUMNS,
    normalise_header,
    normalise_insee,
    parse_bool,
    parse_consent_scope,
    parse_date,
    parse_distance,
    parse_qualification,
    read_table,
    split_codes,
)
from relais.youths.import_report import ImportReport, RowError, RowPlan
from relais.youths.import_saving import save_report
from relais.youths.models import Youth, validate_age_for_positioning
from relais.youths.selectors import counsellors_of
from relais.youths.services import check_can_write, field_differs
from relais.youths.validation import check_text_fields, consent_date_problem, identity_of

UPLOAD_DIR_NAME = "youth-imports"


# --- Analysis ---------------------------------------------------------------------------------


# The analysis reports its progress at most this many times, whatever the file's size.
PROGRESS_REPORTS = 20
# Existing records are read by primary key in slices of this size (SQLite bounds a statement's parameters).
READ_SLICE = 5000


def analyse(
    *,
    mission_locale: Organization,
    content: bytes,
    filename: str = "",
    on_date=None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Plan every row against the Mission Locale's records without writing anything.

    Every check runs in memory against maps read once (communes, titles, the Mission Locale's identifiers
    and identities): the work grows with the file, not with the file times the Mission Locale. `progress`,
    when given, is called with (rows checked, rows in all) a bounded number of times."""
    report = ImportReport()
    on_date = on_date or timezone.localdate()
    try:
        table = read_table(content, filename)
    except ImportFileError as error:
        report.errors.append(RowError(error.row, "Fichier", str(error)))
        return report
    report.sheet_name = table.sheet_name
    # Row numbers are those of the file (the header is row 1), blank lines being skipped but counted.
    numbered = [(index + 1, row) for index, row in enumerate(table) if any(cell.strip() for cell in row)]
    if not numbered:
        report.errors.append(RowError(0, "Fichier", "Le fichier ne contient aucune ligne."))
        return report
    header_number, header_row = numbered[0]
    positions: dict[str, int] = {}
    for index, header in enumerate(header_row):
        key = HEADER_KEYS.get(normalise_header(header))
        if key is None:
            continue
        if key in positions:
            first = header_row[positions[key]]
            report.errors.append(
                RowError(
                    header_number,
                    HEADERS[key],
                    f"Les colonnes « {first[:100]} » et « {header[:100]} » désignent toutes deux "
                    f"« {HEADERS[key]} » : gardez-en une seule.",
                )
            )
        else:
            positions[key] = index
    for key, header in REQUIRED_COLUMNS:
        if key not in positions:
            report.errors.append(RowError(header_number, header, "Colonne obligatoire manquante."))
    if report.errors:
        if len(header_row) == 1 and "," in header_row[0]:
            report.errors.append(
                RowError(
                    header_number, "Fichier", "Le séparateur de colonnes attendu est le point-virgule (;)."
                )
            )
        return report
    records = numbered[1:]
    if not records:
        report.errors.append(RowError(0, "Fichier", "Le fichier ne contient aucun jeune."))
        return report
    max_rows = settings.RELAIS_IMPORT_MAX_ROWS
    if len(records) > max_rows:
        report.errors.append(
            RowError(
                0,
                "Fichier",
                f"Le fichier contient {thousands(len(records))} lignes : {thousands(max_rows)} au maximum "
                "par import.",
            )
        )
        return report
    step = max(1000, -(-len(records) // PROGRESS_REPORTS))

    # Each row's cells by field key, read once: the checks below look each of them up several times.
    records = [
        (number, {key: row[index].strip() if index < len(row) else "" for key, index in positions.items()})
        for number, row in records
    ]

    def cell(row: dict[str, str], key: str) -> str:
        return row.get(key, "")

    # Referentials and existing records in a constant number of queries.
    commune_codes = {normalise_insee(cell(row, "commune")) for _, row in records}
    communes: dict[str, Commune] = {}
    for commune in residence_communes().filter(code__in=commune_codes).order_by("-kind"):
        communes[commune.code] = commune  # "current" sorts last, so it wins over an arrondissement
    ogr_codes = {
        code for _, row in records for code in split_codes(cell(row, "sought_titles")) if len(code) <= 10
    }
    # Past a thousand codes, one read of the whole referential costs less than a query with that many terms.
    known_titles = (
        RomeTitle.objects.all() if len(ogr_codes) > 1000 else RomeTitle.objects.filter(ogr_code__in=ogr_codes)
    )
    titles = {title.ogr_code: title for title in known_titles}
    existing_keys = list(
        Youth.objects.filter(mission_locale=mission_locale).values_list(
            "pk", "imilo_id", "last_name", "first_name", "birth_date"
        )
    )
    by_imilo = {imilo: pk for pk, imilo, *_ in existing_keys if imilo}
    existing_birth_dates = {pk: born for pk, _, _, _, born in existing_keys}
    identity_by_pk = {pk: identity_of(last, first, born) for pk, _, last, first, born in existing_keys}
    by_identity = {
        identity_of(last, first, born): (pk, imilo)
        for pk, imilo, last, first, born in reversed(existing_keys)
    }

    max_cell_chars = settings.RELAIS_IMPORT_MAX_CELL_CHARS
    seen_imilo: dict[str, int] = {}
    seen_identity: dict[tuple, int] = {}
    seen_existing: dict[int, int] = {}
    planned: list[tuple[RowPlan, int | None]] = []
    for index, (number, row) in enumerate(records):
        if progress is not None and index % step == 0:
            progress(index, len(records))
        errors: list[RowError] = []

        def fail(key: str, message: str, number=number, errors=errors):
            errors.append(RowError(number, HEADERS[key], message))

        oversized = [key for key in positions if len(cell(row, key)) > max_cell_chars]
        if oversized:
            for key in oversized:
                fail(key, f"Cellule trop longue : {max_cell_chars} caractères au maximum.")
            report.errors.extend(errors)
            continue

        fields: dict = {"imilo_id": cell(row, "imilo_id"), "last_name": cell(row, "last_name")}
        fields["first_name"] = cell(row, "first_name")
        for key in ("email", "phone"):
            if key in positions:
                fields[key] = cell(row, key)
        # The form's and the model's rules (characters, lengths, e-mail, phone), names NFC-normalised.
        fields, text_errors = check_text_fields(fields)
        fields["imilo_id"] = fields["imilo_id"] or None
        for key, messages in text_errors.items():
            for message in messages:
                fail(key, message)
        for key in ("last_name", "first_name"):
            if not fields[key]:
                fail(key, "Valeur obligatoire.")
        birth_text = cell(row, "birth_date")
        fields["birth_date"] = None
        if not birth_text:
            fail("birth_date", "Valeur obligatoire.")
        else:
            try:
                fields["birth_date"] = parse_date(birth_text)
            except ValueError as error:
                fail("birth_date", str(error))
        code = normalise_insee(cell(row, "commune"))
        fields["commune"] = communes.get(code)
        if not code:
            fail("commune", "Valeur obligatoire.")
        elif fields["commune"] is None:
            fail("commune", f"Code commune INSEE inconnu : « {code} ».")
        try:
            fields["qualification_level"] = parse_qualification(cell(row, "qualification_level"))
        except ValueError as error:
            fail("qualification_level", str(error))
        for key in BOOLEAN_FIELDS:
            # An empty cell is "not said": None here, kept on an update, "non" on a creation (below).
            try:
                fields[key] = parse_bool(cell(row, key)) if cell(row, key) else None
            except ValueError as error:
                fail(key, str(error))
        fields["max_distance_km"] = None
        try:
            fields["max_distance_km"] = parse_distance(cell(row, "max_distance_km"))
        except ValueError as error:
            fail("max_distance_km", str(error))
        row_titles = []
        for ogr in split_codes(cell(row, "sought_titles")):
            if ogr in titles:
                row_titles.append(titles[ogr])
            elif re.fullmatch(r"[A-Za-z]\d{4}", ogr):
                fail(
                    "sought_titles",
                    f"« {ogr} » est une fiche ROME : indiquez les codes OGR des appellations.",
                )
            else:
                fail("sought_titles", f"Code ROME/OGR inconnu : « {ogr} ».")
        consent_text = cell(row, "consent_given_at")
        fields["consent_given_at"] = None
        if consent_text:
            try:
                fields["consent_given_at"] = parse_date(consent_text)
            except ValueError as error:
                fail("consent_given_at", str(error))
            problem = consent_date_problem(fields["consent_given_at"], fields["birth_date"], on_date)
            if problem:
                fail("consent_given_at", problem)
        try:
            scope = parse_consent_scope(cell(row, "consent_scope"))
        except ValueError as error:
            fail("consent_scope", str(error))
            scope = ""
        fields["consent_scope"] = (scope or ConsentScope.IDENTITY_ONLY) if fields["consent_given_at"] else ""

        # Duplicates inside the file, then matching with the Mission Locale's records.
        identity = identity_of(fields["last_name"], fields["first_name"], fields["birth_date"])
        if fields["imilo_id"]:
            if fields["imilo_id"] in seen_imilo:
                fail(
                    "imilo_id",
                    f"Ligne en double : même identifiant I-Milo qu'à la ligne "
                    f"{seen_imilo[fields['imilo_id']]}.",
                )
            seen_imilo.setdefault(fields["imilo_id"], number)
        if fields["birth_date"] and identity in seen_identity:
            fail(
                "last_name",
                f"Ligne en double : même nom, prénom et date de naissance qu'à la ligne "
                f"{seen_identity[identity]}.",
            )
        seen_identity.setdefault(identity, number)
        existing_pk = by_imilo.get(fields["imilo_id"]) if fields["imilo_id"] else None
        if (
            existing_pk is not None
            and identity != identity_by_pk[existing_pk]
            and by_identity.get(identity, (existing_pk,))[0] != existing_pk
        ):
            # Renaming the record found by its I-Milo id would make it a second record of another person.
            fail(
                "last_name",
                "Un autre jeune de la Mission Locale a déjà ces nom, prénom et date de naissance.",
            )
        if existing_pk is None and identity in by_identity:
            existing_pk, existing_imilo = by_identity[identity]
            if fields["imilo_id"] and existing_imilo and existing_imilo != fields["imilo_id"]:
                fail(
                    "imilo_id",
                    f"Un jeune de même nom et date de naissance a déjà l'identifiant I-Milo "
                    f"« {existing_imilo} ».",
                )
        if fields["birth_date"] and (
            existing_pk is None or existing_birth_dates[existing_pk] != fields["birth_date"]
        ):
            # New records (or a corrected birth date) must be 16–25; a young person already followed who
            # has turned 26 since does not make the re-import of the same export fail.
            try:
                validate_age_for_positioning(fields["birth_date"], on_date)
            except ValidationError as error:
                fail("birth_date", error.messages[0])
        if existing_pk is not None:
            if existing_pk in seen_existing:
                fail(
                    "last_name",
                    f"Ligne en double : désigne le même jeune que la ligne {seen_existing[existing_pk]}.",
                )
            seen_existing.setdefault(existing_pk, number)
        if errors:
            report.errors.extend(errors)
            continue
        label = f"{fields['first_name']} {fields['last_name']}"
        planned.append((RowPlan(number, label, "create", fields, row_titles, identity=identity), existing_pk))

    if report.errors:
        return report
    existing, existing_titles = _load_existing([pk for _, pk in planned if pk])
    for plan, existing_pk in planned:
        if existing_pk is not None:
            youth = existing[existing_pk]
            plan.existing = youth
            if youth.is_archived:
                plan.action = "skipped"
            else:
                plan.kept = keep_what_the_file_does_not_say(
                    plan.fields, youth, consent_scope_given="consent_scope" in positions
                )
                plan.changes = [
                    str(Youth._meta.get_field(key).verbose_name)
                    for key, value in plan.fields.items()
                    if field_differs(youth, key, value)
                ]
                plan.title_ids = existing_titles.get(youth.pk, set())
                if {t.pk for t in plan.titles} != plan.title_ids:
                    plan.changes.append("métiers recherchés")
                plan.action = "update" if plan.changes else "unchanged"
        else:
            for key in BOOLEAN_FIELDS:
                if plan.fields[key] is None:
                    plan.fields[key] = False
        report.rows.append(plan)
    return report


def thousands(number: int) -> str:
    return f"{number:,}".replace(",", "\u202f")


def _load_existing(pks: list[int]) -> tuple[dict[int, Youth], dict[int, set[int]]]:
    """The records the file matches and the ids of their sought titles, in a few slices of primary keys."""
    youths: dict[int, Youth] = {}
    titles: dict[int, set[int]] = {}
    through = Youth.sought_titles.through
    for start in range(0, len(pks), READ_SLICE):
        chunk = pks[start : start + READ_SLICE]
        youths.update((youth.pk, youth) for youth in Youth.objects.filter(pk__in=chunk))
        for youth_id, title_id in through.objects.filter(youth_id__in=chunk).values_list(
            "youth_id", "rometitle_id"
        ):
            titles.setdefault(youth_id, set()).add(title_id)
    return youths, titles


def keep_what_the_file_does_not_say(fields: dict, youth: Youth, *, consent_scope_given: bool) -> list[str]:
    """An empty cell or a missing optional column leaves the stored value as it is, on an existing record.

    An I-Milo export does not know what the Mission Locale recorded in the platform (an identifier typed by
    hand, a consent collected here, its scope, a flag such as RQTH or QPV): re-importing it must not erase
    them. Returns the French names of the flags kept, for the preview.
    """
    kept = []
    for key in BOOLEAN_FIELDS:
        if fields[key] is None:
            fields[key] = getattr(youth, key)
            kept.append(HEADERS[key])
    if not fields["imilo_id"]:
        fields["imilo_id"] = youth.imilo_id
    if fields["consent_given_at"] is None and youth.consent_given_at is not None:
        fields["consent_given_at"] = youth.consent_given_at
        fields["consent_scope"] = youth.consent_scope
    elif not consent_scope_given and youth.consent_scope:
        fields["consent_scope"] = youth.consent_scope
    return kept


# --- Commit -----------------------------------------------------------------------------------


def youths_import(
    *,
    mission_locale: Organization,
    scope: Scope,
    content: bytes,
    filename: str = "",
    progress: Callable[[int, int], None] | None = None,
    on_saving: Callable[[], None] | None = None,
) -> ImportReport:
    """Analyse again (the records may have changed since the preview) and save every row, or nothing.

    Run by the job queue (relais.youths.import_jobs) with `progress` and `on_saving` reporting its state."""
    check_can_write(scope, mission_locale)
    report = analyse(mission_locale=mission_locale, content=content, filename=filename, progress=progress)
    if not report.ok:
        return report
    if on_saving is not None:
        on_saving()
    default_counsellor = None
    if scope.person_id is not None:
        default_counsellor = counsellors_of([mission_locale.pk]).filter(pk=scope.person_id).first()
    try:
        save_report(
            report=report,
            mission_locale=mission_locale,
            scope=scope,
            filename=filename,
            counsellor=default_counsellor,
        )
    except ValidationError as error:
        # A record changed between the analysis and the save: nothing was kept.
        report.errors.append(RowError(0, "Fichier", " ".join(error.messages)))
        return report
    report.committed = True
    return report


# --- Keeping the uploaded file between preview and commit --------------------------------------


def store_upload(content: bytes) -> str:
    return pending_uploads.store(content, folder=UPLOAD_DIR_NAME)


def load_upload(token: str) -> bytes | None:
    return pending_uploads.load(token, folder=UPLOAD_DIR_NAME)


def delete_upload(token: str) -> None:
    pending_uploads.delete(token, folder=UPLOAD_DIR_NAME)
