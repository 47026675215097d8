"""A Mission Locale's bulk naming of its partner referents (CSV or XLSX): analysis with a row-by-row report,
then all or nothing through the referent service.

Each row names a partner of the Mission Locale (the list its referents form offers), by SIRET or exact name, and
a person of its team by e-mail. Importing the same file again changes nothing (the rows read "Inchangé").
"""

import re
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from relais.core import pending_uploads
from relais.core.scope import Scope
from relais.core.services import audit
from relais.core.tables import ImportFileError, RowError, read_table
from relais.organizations import services
from relais.organizations.forms import ReferentForm
from relais.organizations.models import Organization, Person
from relais.organizations.selectors import can_manage_referents
from relais.territories.loading import fold

MAX_ROWS = 1000
UPLOAD_FOLDER = "referent-import"
COLUMNS = [
    ("partner", "Partenaire (SIRET ou nom exact)"),
    ("person", "Référent (e-mail)"),
]
HEADERS = dict(COLUMNS)
# The headings as written in the template, and the shorter ones people type.
HEADER_KEYS = {fold(header): key for key, header in COLUMNS} | {
    fold(alias): key
    for key, aliases in {
        "partner": ("Partenaire", "SIRET", "Structure"),
        "person": ("Référent", "Référente", "E-mail", "Email", "Courriel"),
    }.items()
    for alias in aliases
}
NEW, REPLACED, UNCHANGED = "Nouveau référent", "Remplacement", "Inchangé"


@dataclass
class RowPlan:
    row: int
    partner: Organization
    person: Person
    previous: Person | None
    action: str


@dataclass
class ReferentImportReport:
    plans: list[RowPlan] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    committed: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.plans)

    def count(self, action: str) -> int:
        return sum(1 for plan in self.plans if plan.action == action)

    @property
    def named(self) -> int:
        return self.count(NEW)

    @property
    def replaced(self) -> int:
        return self.count(REPLACED)

    @property
    def unchanged(self) -> int:
        return self.count(UNCHANGED)

    @property
    def changes(self) -> list[tuple[Organization, Person]]:
        return [(plan.partner, plan.person) for plan in self.plans if plan.action != UNCHANGED]


def check_can_import(scope: Scope, mission_locale: Organization) -> None:
    if not can_manage_referents(scope, mission_locale):
        raise PermissionDenied("Vous ne pouvez pas nommer les référents de cette Mission Locale.")


def partners_of(mission_locale: Organization):
    """The partners the Mission Locale may name a referent for: those its referents form offers."""
    return ReferentForm(mission_locale=mission_locale).fields["partner"].queryset


def team_of(mission_locale: Organization):
    return ReferentForm(mission_locale=mission_locale).fields["person"].queryset


def _digits(text: str) -> str:
    return re.sub(r"[\s.]", "", text)


def _lookups(mission_locale: Organization):
    """The partners and people the file names, looked up at once (a bounded number of queries)."""
    partners = list(partners_of(mission_locale).only("pk", "name", "siret"))
    by_siret = {p.siret: p for p in partners if p.siret}
    by_name: dict[str, list[Organization]] = {}
    for partner in partners:
        by_name.setdefault(partner.name.strip().casefold(), []).append(partner)
    # A Mission Locale's team is read whole (it is a team, not a country): an e-mail's case is not significant.
    people = {person.email.lower(): person for person in team_of(mission_locale) if person.email}
    current = {
        referent.partner_id: referent.person
        for referent in mission_locale.partner_referents.select_related("person")
    }
    return by_siret, by_name, people, current


def analyse(*, mission_locale: Organization, content: bytes, filename: str = "") -> ReferentImportReport:
    """Read the file and plan each row (nothing is saved); every problem is reported with its row."""
    report = ReferentImportReport()
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
    columns: dict[str, int] = {}
    for index, text in enumerate(table[header_at]):
        key = HEADER_KEYS.get(fold(text))
        if key is not None and key not in columns:
            columns[key] = index
    missing = [HEADERS[key] for key, _ in COLUMNS if key not in columns]
    for header in missing:
        report.errors.append(RowError(header_at + 1, header, f"Colonne manquante : « {header} »."))
    if missing:
        return report
    rows = [(n, row) for n, row in enumerate(table[header_at + 1 :], start=header_at + 2) if any(row)]
    if not rows:
        report.errors.append(RowError(0, "", "Le fichier ne contient aucun référent sous son en-tête."))
        return report
    if len(rows) > MAX_ROWS:
        report.errors.append(
            RowError(0, "", f"Le fichier compte {len(rows)} lignes : {MAX_ROWS} au plus par import.")
        )
        return report

    def cell(row, key) -> str:
        index = columns[key]
        return row[index].strip() if index < len(row) else ""

    by_siret, by_name, people, current = _lookups(mission_locale)
    seen: dict[int, int] = {}
    for number, row in rows:
        errors = []
        partner = _partner(cell(row, "partner"), by_siret, by_name, number, errors)
        email = cell(row, "person")
        person = people.get(email.lower()) if email else None
        if not email:
            errors.append(RowError(number, HEADERS["person"], "L'e-mail du référent est obligatoire."))
        elif person is None:
            errors.append(
                RowError(
                    number,
                    HEADERS["person"],
                    f"« {email} » n'est l'e-mail d'aucun membre de l'équipe de {mission_locale}.",
                )
            )
        if partner is not None and partner.pk in seen:
            errors.append(
                RowError(number, HEADERS["partner"], f"{partner} est déjà nommé ligne {seen[partner.pk]}.")
            )
        if errors:
            report.errors.extend(errors)
            continue
        seen[partner.pk] = number
        previous = current.get(partner.pk)
        action = NEW if previous is None else (UNCHANGED if previous.pk == person.pk else REPLACED)
        report.plans.append(RowPlan(number, partner, person, previous, action))
    return report


def _partner(text: str, by_siret, by_name, number: int, errors: list) -> Organization | None:
    column = HEADERS["partner"]
    if not text:
        errors.append(RowError(number, column, "Le partenaire (SIRET ou nom exact) est obligatoire."))
        return None
    siret = _digits(text)
    if siret.isdigit():
        partner = by_siret.get(siret)
        if partner is None:
            errors.append(
                RowError(number, column, f"Aucun partenaire de la Mission Locale n'a le SIRET « {text} ».")
            )
        return partner
    named = by_name.get(text.casefold(), [])
    if len(named) > 1:
        errors.append(
            RowError(number, column, f"Plusieurs partenaires s'appellent « {text} » : indiquez leur SIRET.")
        )
        return None
    if not named:
        errors.append(
            RowError(
                number,
                column,
                f"Aucun partenaire de la Mission Locale ne s'appelle « {text} » : "
                "indiquez son nom exact, tel que l'annuaire l'écrit, ou son SIRET.",
            )
        )
        return None
    return named[0]


@transaction.atomic
def referents_import(
    *, mission_locale: Organization, scope: Scope, content: bytes, filename: str = ""
) -> ReferentImportReport:
    """Analyse again and save the changed rows through the referent service, or nothing at all."""
    check_can_import(scope, mission_locale)
    report = analyse(mission_locale=mission_locale, content=content, filename=filename)
    if not report.ok:
        return report
    try:
        services.referents_assign(mission_locale=mission_locale, choices=report.changes, scope=scope)
    except ValidationError as problem:
        # The team or the partners changed since the analysis: nothing is kept.
        transaction.set_rollback(True)
        report.errors.extend(RowError(0, "", message) for message in problem.messages)
        return report
    audit(
        actor=scope.actor,
        action="referent.import",
        obj=mission_locale,
        named=report.named,
        replaced=report.replaced,
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
