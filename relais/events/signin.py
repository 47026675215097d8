"""Import of a sign-in sheet after an event: analysis with a row-by-row report, then all or nothing.

Each row names a registration of the event: a professional by e-mail (or by name when unique), a young person
of the organiser's own Mission Locale by I-Milo id. A professional of the network who came without registering
is registered on the spot when the event takes professionals. The confirmation goes through the attendance
service (attendance_record) and saves every row or none.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone

from relais.core import pending_uploads
from relais.core.scope import Scope
from relais.core.tables import ImportFileError, RowError, read_table
from relais.core.workflows import DomainError
from relais.events.attendance import ATTENDANCE_SOURCES, attendance_record
from relais.events.enums import EventStatus, ParticipantKind
from relais.events.models import Event, Registration
from relais.events.perms import can_manage
from relais.events.registrations import registration_add_attendee
from relais.organizations.models import Person
from relais.youths.import_parsing import normalise_header, parse_bool
from relais.youths.selectors import youths_visible_to

MAX_ROWS = 2000
UPLOAD_FOLDER = "event-signin"
# (field key, French header), in the order of the template file.
COLUMNS = [
    ("email", "E-mail"),
    ("last_name", "Nom"),
    ("first_name", "Prénom"),
    ("imilo_id", "Identifiant I-Milo"),
    ("present", "Présent"),
]
HEADERS = dict(COLUMNS)
HEADER_KEYS = {normalise_header(header): key for key, header in COLUMNS}
IDENTIFYING = ("email", "imilo_id", "last_name")


@dataclass
class SigninRow:
    row: int
    label: str
    present: bool
    registration: Registration | None = None
    # A professional of the network not registered yet (registered by the confirmation).
    person: Person | None = None

    @property
    def action_label(self) -> str:
        if self.registration is None:
            return "Inscription et présence" if self.present else "Ignorée (absent, non inscrit)"
        return "Présent" if self.present else "Absent"

    @property
    def current_label(self) -> str:
        return self.registration.get_status_display() if self.registration else "Non inscrit"


@dataclass
class SigninReport:
    rows: list[SigninRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    committed: bool = False
    counts: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)

    @property
    def present(self) -> int:
        return sum(1 for row in self.rows if row.present)

    @property
    def absent(self) -> int:
        return sum(1 for row in self.rows if not row.present and row.registration is not None)

    @property
    def walk_ins(self) -> int:
        return sum(1 for row in self.rows if row.registration is None and row.present)

    @property
    def shown_youth_ids(self) -> list[int]:
        return [r.registration.youth_id for r in self.rows if r.registration and r.registration.youth_id]


def check_can_import(scope: Scope, event: Event) -> None:
    if not can_manage(scope, event):
        raise PermissionDenied("Seules les structures qui organisent l'événement enregistrent les présences.")
    if event.status in {EventStatus.DRAFT, EventStatus.CANCELLED}:
        raise DomainError("Un brouillon ou un événement annulé n'a pas de présences.")
    if event.starts_at is None or event.starts_at > timezone.now():
        raise DomainError("La feuille d'émargement s'importe une fois l'événement commencé.")


def _person_key(last_name: str, first_name: str) -> tuple[str, str]:
    return normalise_header(last_name), normalise_header(first_name)


class _Directory:
    """The event's registrations the organiser may mark, looked up by e-mail, I-Milo id and name."""

    def __init__(self, event: Event, scope: Scope, emails: set[str]):
        rows = list(
            event.registrations.select_related("person", "youth").order_by("pk")
        )  # every status: a cancelled one is reported as such
        own_youth_ids = set(
            youths_visible_to(scope)
            .filter(
                mission_locale_id__in=scope.mission_locale_ids,
                pk__in=[r.youth_id for r in rows if r.youth_id],
            )
            .values_list("pk", flat=True)
        )
        self.by_email: dict[str, Registration] = {}
        self.by_imilo: dict[str, Registration] = {}
        self.by_name: dict[tuple, list[Registration]] = {}
        for registration in rows:
            if registration.kind == ParticipantKind.STAFF:
                person = registration.person
                if person.email:
                    self.by_email[person.email.lower()] = registration
                key = _person_key(person.last_name, person.first_name)
            elif registration.youth_id in own_youth_ids:
                youth = registration.youth
                if youth.imilo_id:
                    self.by_imilo[normalise_header(youth.imilo_id)] = registration
                key = _person_key(youth.last_name, youth.first_name)
            else:
                continue  # another Mission Locale's young person: not the organiser's to mark
            self.by_name.setdefault(key, []).append(registration)
        # Professionals of the network, for those who came without registering (one query).
        self.network: dict[str, list[Person]] = {}
        unknown = emails - set(self.by_email)
        if unknown:
            people = (
                Person.objects.annotate(lower_email=Lower("email"))
                .filter(
                    lower_email__in=unknown,
                    memberships__is_active=True,
                    memberships__organization__is_active=True,
                )
                .distinct()
            )
            for person in people:
                self.network.setdefault(person.lower_email, []).append(person)


def _label(registration: Registration | None, person: Person | None) -> str:
    if registration is not None and registration.kind == ParticipantKind.STAFF:
        person = registration.person
    if person is not None:
        return f"{person.first_name} {person.last_name}"
    youth = registration.youth
    return f"{youth.first_name} {youth.last_name} (jeune)"


def analyse(*, event: Event, scope: Scope, content: bytes, filename: str = "") -> SigninReport:
    """Match every row of the sheet to a registration of the event without writing anything."""
    report = SigninReport()
    try:
        table = read_table(
            content,
            filename,
            max_rows=MAX_ROWS,
            is_known_header=lambda text: normalise_header(text) in HEADER_KEYS,
        )
    except ImportFileError as error:
        report.errors.append(RowError(error.row, "Fichier", str(error)))
        return report
    numbered = [(index + 1, row) for index, row in enumerate(table) if any(cell.strip() for cell in row)]
    if not numbered:
        report.errors.append(RowError(0, "Fichier", "Le fichier ne contient aucune ligne."))
        return report
    header_number, header_row = numbered[0]
    positions: dict[str, int] = {}
    for index, header in enumerate(header_row):
        key = HEADER_KEYS.get(normalise_header(header))
        if key and key not in positions:
            positions[key] = index
    if "present" not in positions:
        report.errors.append(RowError(header_number, "Présent", "Colonne obligatoire manquante."))
    if not any(key in positions for key in IDENTIFYING):
        report.errors.append(
            RowError(
                header_number,
                "Fichier",
                "Il faut au moins une colonne « E-mail », « Identifiant I-Milo » ou « Nom » et « Prénom ».",
            )
        )
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
        report.errors.append(RowError(0, "Fichier", "Le fichier ne contient aucune personne."))
        return report
    if len(records) > MAX_ROWS:
        report.errors.append(
            RowError(0, "Fichier", f"Le fichier contient {len(records)} lignes : {MAX_ROWS} au maximum.")
        )
        return report

    def cell(row: list[str], key: str) -> str:
        index = positions.get(key)
        return row[index].strip() if index is not None and index < len(row) else ""

    max_chars = settings.RELAIS_IMPORT_MAX_CELL_CHARS
    emails = {cell(row, "email").lower() for _, row in records if 0 < len(cell(row, "email")) <= 254}
    directory = _Directory(event, scope, emails)
    seen: dict[object, int] = {}
    for number, row in records:

        def fail(key: str, message: str, number=number):
            report.errors.append(RowError(number, HEADERS.get(key, key), message))

        oversized = [key for key in positions if len(cell(row, key)) > max_chars]
        if oversized:
            for key in oversized:
                fail(key, f"Cellule trop longue : {max_chars} caractères au maximum.")
            continue
        email, imilo = cell(row, "email").lower(), cell(row, "imilo_id")
        last_name, first_name = cell(row, "last_name"), cell(row, "first_name")
        answer = cell(row, "present")
        present = None
        if not answer:
            fail("present", "Indiquez oui ou non.")
        else:
            try:
                present = parse_bool(answer)
            except ValueError as error:
                fail("present", str(error))
        registration, person = None, None
        if imilo:
            registration = directory.by_imilo.get(normalise_header(imilo))
            if registration is None:
                fail(
                    "imilo_id",
                    "Jeune inconnu, suivi par une autre Mission Locale ou non inscrit à cet événement.",
                )
                continue
            youth = registration.youth
            if last_name and _person_key(last_name, first_name or youth.first_name) != _person_key(
                youth.last_name, youth.first_name
            ):
                fail("last_name", "Le nom ne correspond pas à l'identifiant I-Milo.")
                continue
        elif email:
            registration = directory.by_email.get(email)
            if registration is None:
                people = directory.network.get(email, [])
                if not people:
                    fail("email", "Personne inconnue : aucun professionnel du réseau n'a cette adresse.")
                    continue
                if len(people) > 1:
                    fail("email", "Plusieurs personnes du réseau ont cette adresse : inscrivez-la à la main.")
                    continue
                if not event.takes_staff:
                    fail(
                        "email",
                        "Cette personne n'est pas inscrite et l'événement n'accueille pas de professionnels.",
                    )
                    continue
                person = people[0]
        elif last_name and first_name:
            found = directory.by_name.get(_person_key(last_name, first_name), [])
            if not found:
                fail(
                    "last_name",
                    "Personne inconnue parmi les inscrits : indiquez son e-mail ou son identifiant.",
                )
                continue
            if len(found) > 1:
                fail("last_name", "Plusieurs inscrits portent ce nom : indiquez l'e-mail ou l'identifiant.")
                continue
            registration = found[0]
        else:
            fail("Fichier", "Indiquez l'e-mail, l'identifiant I-Milo, ou le nom et le prénom.")
            continue
        if registration is not None and registration.status not in ATTENDANCE_SOURCES:
            fail(
                "Fichier",
                f"L'inscription de cette personne est au statut « {registration.get_status_display()} » : "
                "sa présence ne s'enregistre pas.",
            )
            continue
        key = ("registration", registration.pk) if registration else ("person", person.pk)
        if key in seen:
            fail("Fichier", f"Doublon de la ligne {seen[key]}.")
            continue
        seen[key] = number
        if present is None:
            continue
        report.rows.append(SigninRow(number, _label(registration, person), present, registration, person))
    if not report.rows and not report.errors:
        report.errors.append(RowError(0, "Fichier", "Le fichier ne contient aucune personne."))
    return report


def attendance_import(*, event: Event, scope: Scope, content: bytes, filename: str = "") -> SigninReport:
    """Analyse again (registrations may have changed since the preview), then save every row or nothing."""
    check_can_import(scope, event)
    report = analyse(event=event, scope=scope, content=content, filename=filename)
    if not report.ok:
        return report
    try:
        with transaction.atomic():
            present, absent = [], []
            for row in report.rows:
                if row.registration is None:
                    if not row.present:
                        continue
                    row.registration = registration_add_attendee(event=event, scope=scope, person=row.person)
                (present if row.present else absent).append(row.registration.pk)
            report.counts = attendance_record(
                event=event,
                scope=scope,
                present_ids=present,
                absent_ids=absent,
                action="event.attendance_import",
                filename=filename[:100],
                rows=len(report.rows),
            )
    except (ValidationError, DomainError) as error:
        # Something changed between the analysis and the save: nothing was kept.
        messages = getattr(error, "messages", None) or [str(error)]
        report.errors.append(RowError(0, "Fichier", " ".join(messages)))
        return report
    report.committed = True
    return report


def store_upload(content: bytes) -> str:
    return pending_uploads.store(content, folder=UPLOAD_FOLDER)


def load_upload(token: str) -> bytes | None:
    return pending_uploads.load(token, folder=UPLOAD_FOLDER)


def delete_upload(token: str) -> None:
    pending_uploads.delete(token, folder=UPLOAD_FOLDER)


def template_rows(scope: Scope, event: Event) -> tuple[list[list[str]], list[int]]:
    """The template prefilled with the registrations the organiser may mark (their own young people only),
    and the ids of the young people it names (for the access log)."""
    directory = _Directory(event, scope, set())
    rows, youth_ids = [], []
    for registrations in directory.by_name.values():
        for registration in registrations:
            if registration.status not in ATTENDANCE_SOURCES:
                continue
            if registration.kind == ParticipantKind.STAFF:
                person = registration.person
                rows.append([person.email, person.last_name, person.first_name, "", ""])
            else:
                youth = registration.youth
                rows.append(["", youth.last_name, youth.first_name, youth.imilo_id or "", ""])
                youth_ids.append(youth.pk)
    return sorted(rows, key=lambda row: (row[1].lower(), row[2].lower())), youth_ids
