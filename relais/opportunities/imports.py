"""A partner's bulk import of its recruitment needs (CSV or XLSX): analysis with a row-by-row report, then all or
nothing through the same services as the form.

Each row carries the partner's own reference for the need: importing the same file again updates the needs it
created instead of creating them twice (idempotent re-import). Codes are read as they are: the ROME appellation by
its OGR code, the commune by its INSEE code.
"""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from relais.conventions.models import Convention
from relais.core import pending_uploads
from relais.core.scope import Scope
from relais.core.services import audit
from relais.core.tables import ImportFileError, RowError, read_table
from relais.core.workflows import apply
from relais.jobs.models import RomeTitle
from relais.opportunities import services
from relais.opportunities.enums import OpportunityKind, OpportunityStatus, PriorityPublic
from relais.opportunities.lifecycle import OPPORTUNITY_LIFECYCLE
from relais.opportunities.models import EDITABLE_STATUSES, Opportunity
from relais.opportunities.perms import can_publish_for
from relais.organizations.models import Organization
from relais.territories.loading import fold
from relais.territories.models import Commune

MAX_ROWS = 500
MAX_CELL = 5000
UPLOAD_FOLDER = "opportunity-import"
# (field key, French header), in the order of the template file.
COLUMNS = [
    ("reference", "Référence"),
    ("kind", "Type"),
    ("rome", "Appellation ROME (code OGR)"),
    ("title", "Intitulé"),
    ("commune", "Commune (code INSEE)"),
    ("positions", "Nombre de postes"),
    ("start_date", "Date de début"),
    ("closing_date", "Date limite de candidature"),
    ("duration_months", "Durée du contrat (mois)"),
    ("weekly_hours", "Durée hebdomadaire (heures)"),
    ("priority_publics", "Publics prioritaires"),
    ("description", "Description"),
    ("publish", "Publier"),
]
HEADERS = dict(COLUMNS)
HEADER_KEYS = {fold(header): key for key, header in COLUMNS}
REQUIRED = ("reference", "kind", "rome", "commune")
KINDS = {fold(value): value for value, _ in OpportunityKind.choices} | {
    fold(label): value for value, label in OpportunityKind.choices
}
# A priority public by its code, its label or the acronym its label gives ("QPV", "RQTH", "CEJ").
PUBLICS = {
    fold(name): value
    for value, label in PriorityPublic.choices
    for name in (value, label, *re.findall(r"\(([A-Z]+)\)", label))
}
YES, NO = {"oui", "o", "1", "x", "vrai"}, {"non", "n", "0", "", "faux"}
# What the service stores, in the order the report shows a change.
FIELDS = (
    "kind",
    "title",
    "rome_title",
    "commune",
    "positions",
    "start_date",
    "closing_date",
    "duration_months",
    "weekly_hours",
    "priority_publics",
    "description",
)


@dataclass
class RowPlan:
    row: int
    reference: str
    label: str
    fields: dict
    publish: bool
    existing: Opportunity | None = None
    changed: list[str] = field(default_factory=list)
    action: str = ""  # stated at analysis: the commit changes `existing` in place

    def decide(self) -> str:
        if self.existing is None:
            return "Création et publication" if self.publish else "Création (brouillon)"
        publishing = self.publish and self.existing.status == OpportunityStatus.DRAFT
        if self.changed:
            return "Mise à jour et publication" if publishing else "Mise à jour"
        return "Publication" if publishing else "Inchangée"


@dataclass
class ImportReport:
    plans: list[RowPlan] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    committed: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.plans)

    def count(self, *actions: str) -> int:
        return sum(1 for plan in self.plans if plan.action in actions)

    @property
    def created(self) -> int:
        return self.count("Création et publication", "Création (brouillon)")

    @property
    def updated(self) -> int:
        return self.count("Mise à jour", "Mise à jour et publication", "Publication")

    @property
    def unchanged(self) -> int:
        return self.count("Inchangée")


def check_can_import(scope: Scope, publisher: Organization) -> None:
    if not can_publish_for(scope, publisher):
        raise PermissionDenied("Vous ne pouvez pas publier pour cette structure.")


def _parse_date(text: str) -> datetime.date | None:
    if not text:
        return None
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"Date invalide « {text} » : formats acceptés jj/mm/aaaa ou aaaa-mm-jj.")


def _parse_int(text: str, label: str) -> int | None:
    if not text:
        return None
    if not re.fullmatch(r"[0-9]{1,4}", text):
        raise ValueError(f"{label} : « {text} » n'est pas un nombre entier.")
    return int(text)


def _parse_hours(text: str) -> Decimal | None:
    if not text:
        return None
    if not re.fullmatch(r"[0-9]{1,2}([.,][0-9])?", text):
        raise ValueError(
            f"Durée hebdomadaire : « {text} » n'est pas un nombre d'heures (par exemple 35 ou 17,5)."
        )
    return Decimal(text.replace(",", "."))


def _parse_publics(text: str) -> list[str]:
    values = []
    for word in filter(None, (part.strip() for part in re.split(r"[,;|]", text))):
        value = PUBLICS.get(fold(word))
        if value is None:
            raise ValueError(
                f"Public prioritaire « {word} » inconnu : "
                + ", ".join(label for _, label in PriorityPublic.choices)
                + "."
            )
        values.append(value)
    return sorted(set(values))


def _insee(text: str) -> str:
    text = text.strip().upper()
    return text.zfill(5) if text.isdigit() and len(text) == 4 else text


def analyse(
    *, publisher: Organization, convention: Convention | None, content: bytes, filename: str = ""
) -> ImportReport:
    """Read the file and plan each row (nothing is saved); every problem is reported with its row."""
    report = ImportReport()
    try:
        table = read_table(
            content, filename, max_rows=MAX_ROWS, is_known_header=lambda text: fold(text) in HEADER_KEYS
        )
    except ImportFileError as error:
        report.errors.append(RowError(error.row, "", str(error)))
        return report
    header_at = next((index for index, row in enumerate(table) if any(row)), None)
    if header_at is None:
        report.errors.append(RowError(0, "", "Le fichier ne contient aucune ligne."))
        return report
    columns = {}
    for index, text in enumerate(table[header_at]):
        key = HEADER_KEYS.get(fold(text))
        if key is not None and key not in columns:
            columns[key] = index
    missing = [HEADERS[key] for key in REQUIRED if key not in columns]
    for header in missing:
        report.errors.append(RowError(header_at + 1, header, f"Colonne manquante : « {header} »."))
    if missing:
        return report
    rows = [
        (number, row) for number, row in enumerate(table[header_at + 1 :], start=header_at + 2) if any(row)
    ]
    if not rows:
        report.errors.append(RowError(0, "", "Le fichier ne contient aucune opportunité sous son en-tête."))
        return report
    if len(rows) > MAX_ROWS:
        report.errors.append(
            RowError(0, "", f"Le fichier compte {len(rows)} lignes : {MAX_ROWS} au plus par import.")
        )
        return report

    def cell(row, key) -> str:
        index = columns.get(key)
        return row[index].strip() if index is not None and index < len(row) else ""

    # The codes of the whole file looked up at once: one query each, whatever the number of rows.
    titles = {
        t.ogr_code: t
        for t in RomeTitle.objects.select_related("family").filter(
            ogr_code__in={cell(r, "rome") for _, r in rows}
        )
    }
    communes = {
        c.code: c
        for c in Commune.objects.select_related("department").filter(
            code__in={_insee(cell(r, "commune")) for _, r in rows}, retired=False
        )
    }
    existing = {
        o.external_ref: o
        for o in Opportunity.objects.select_related("rome_title", "commune").filter(
            publisher=publisher, external_ref__in={cell(r, "reference") for _, r in rows}
        )
    }
    seen: dict[str, int] = {}
    for number, row in rows:
        plan = _plan_row(number, row, cell, publisher, convention, titles, communes, existing, seen, report)
        if plan is not None:
            report.plans.append(plan)
    return report


def _plan_row(number, row, cell, publisher, convention, titles, communes, existing, seen, report):
    errors = []

    def error(key, message):
        errors.append(RowError(number, HEADERS.get(key, ""), message))

    for key, _ in COLUMNS:
        if len(cell(row, key)) > MAX_CELL:
            error(key, f"Cellule trop longue ({MAX_CELL} caractères au plus).")
    reference = cell(row, "reference")
    for key in REQUIRED:
        if not cell(row, key):
            error(key, f"« {HEADERS[key]} » est obligatoire.")
    if len(reference) > 64:
        error("reference", "La référence compte 64 caractères au plus.")
    elif reference and reference in seen:
        error("reference", f"Référence « {reference} » déjà présente ligne {seen[reference]}.")
    seen.setdefault(reference, number)
    fields = {"title": cell(row, "title")[:200], "description": cell(row, "description")}
    kind = cell(row, "kind")
    if kind:
        fields["kind"] = KINDS.get(fold(kind))
        if fields["kind"] is None:
            error(
                "kind",
                f"Type « {kind} » inconnu : " + ", ".join(label for _, label in OpportunityKind.choices),
            )
    ogr = cell(row, "rome")
    if ogr:
        fields["rome_title"] = titles.get(ogr)
        if fields["rome_title"] is None:
            error("rome", f"Appellation ROME « {ogr} » inconnue : indiquez son code OGR (par exemple 15830).")
    code = _insee(cell(row, "commune"))
    if code:
        fields["commune"] = communes.get(code)
        if fields["commune"] is None:
            error(
                "commune",
                f"Commune « {code} » inconnue : indiquez son code INSEE actuel (par exemple 69123).",
            )
    parsers = {
        "positions": lambda text: _parse_int(text, "Nombre de postes") or 1,
        "start_date": _parse_date,
        "closing_date": _parse_date,
        "duration_months": lambda text: _parse_int(text, "Durée du contrat"),
        "weekly_hours": _parse_hours,
        "priority_publics": _parse_publics,
    }
    for key, parse in parsers.items():
        try:
            fields[key] = parse(cell(row, key))
        except (ValueError, InvalidOperation) as problem:
            error(key, str(problem))
    publish_text = fold(cell(row, "publish"))
    if publish_text not in YES | NO:
        error("publish", f"« {cell(row, 'publish')} » : indiquez oui ou non.")
    publish = publish_text in YES
    if errors:
        report.errors.extend(errors)
        return None
    plan = RowPlan(number, reference, fields["title"] or fields["rome_title"].label, fields, publish)
    plan.existing = existing.get(reference)
    candidate = Opportunity(publisher=publisher, convention=convention, **fields)
    if plan.existing is not None:
        if plan.existing.status not in EDITABLE_STATUSES:
            changed = [name for name in FIELDS if getattr(plan.existing, name) != fields[name]]
            if changed:
                report.errors.append(
                    RowError(
                        number,
                        HEADERS["reference"],
                        f"L'opportunité « {reference} » est {plan.existing.get_status_display().lower()} : "
                        "elle ne se modifie plus.",
                    )
                )
                return None
        plan.changed = [name for name in FIELDS if getattr(plan.existing, name) != fields[name]]
        candidate.status = plan.existing.status
    publishing = publish or candidate.status == OpportunityStatus.PUBLISHED
    try:
        services.validate_opportunity(candidate, publishing=publishing)
    except ValidationError as problem:
        for key, messages in problem.message_dict.items():
            column = {"rome_title": "rome"}.get(key, key)
            for message in messages:
                report.errors.append(RowError(number, HEADERS.get(column, ""), message))
        return None
    plan.action = plan.decide()
    return plan


@transaction.atomic
def opportunities_import(
    *,
    publisher: Organization,
    convention: Convention | None,
    scope: Scope,
    content: bytes,
    filename: str = "",
) -> ImportReport:
    """Analyse again and save every row through the services, or nothing: one failing row undoes the file."""
    check_can_import(scope, publisher)
    report = analyse(publisher=publisher, convention=convention, content=content, filename=filename)
    if not report.ok:
        return report
    for plan in report.plans:
        opportunity = plan.existing
        if opportunity is None:
            opportunity = services.opportunity_create(
                publisher=publisher,
                scope=scope,
                external_ref=plan.reference,
                convention=convention,
                **plan.fields,
            )
        elif plan.changed:
            opportunity = services.opportunity_update(
                opportunity=opportunity, scope=scope, **{name: plan.fields[name] for name in plan.changed}
            )
        if plan.publish and opportunity.status == OpportunityStatus.DRAFT:
            apply(OPPORTUNITY_LIFECYCLE, opportunity, "publish", scope=scope)
    audit(
        actor=scope.actor,
        action="opportunity.import",
        obj=publisher,
        created=report.created,
        updated=report.updated,
        unchanged=report.unchanged,
    )
    report.committed = True
    return report


def store_upload(content: bytes) -> str:
    return pending_uploads.store(content, folder=UPLOAD_FOLDER)


def load_upload(token: str) -> bytes | None:
    return pending_uploads.load(token, folder=UPLOAD_FOLDER)


def delete_upload(token: str) -> None:
    pending_uploads.delete(token, folder=UPLOAD_FOLDER)
