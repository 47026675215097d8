"""Operator-supplied CSV imports (QPV): read, check every row, then save everything or nothing."""

import csv
import io
import itertools
import re
from pathlib import Path

from django.db import transaction

from relais.core.tables import RowError
from relais.territories.loading import LoadReport
from relais.territories.models import Commune, Qpv

# The current referential (2024, decree n° 2023-1314; overseas from 2025) numbers its QPV « QNXXXYYZ »:
# QN, the department on three characters (069, 02A, 971, 987), a two-digit order number and a letter (N new,
# M modified, I unchanged since 2015). The 2015 codes (QP069001) are those of the former referential.
QPV_CODE = re.compile(r"^QN(?:0(?:0[1-9]|[1-9][0-9])|02[AB]|9(?:7[1-8]|8[0-9]))[0-9]{2}[A-Z]$")
FORMER_QPV_CODE = re.compile(r"^QP(?:0(?:0[1-9]|[1-9][0-9])|02[AB]|9(?:7[1-8]|8[0-9]))[0-9]{3}$")


def qpv_code_problem(code: str) -> str | None:
    """Why a code is not one of the current referential, in French, or None."""
    if QPV_CODE.match(code):
        return None
    if FORMER_QPV_CODE.match(code):
        return (
            f"code QPV « {code} » de l'ancienne géographie prioritaire (2015) : indiquez le code du "
            "référentiel en vigueur depuis 2024 (format QN06901M)."
        )
    return f"code QPV « {code} » invalide : format attendu QN, département sur 3 caractères, 2 chiffres et une lettre (QN06901M)."


class ImportRejected(Exception):
    """The file has at least one bad row: nothing was saved; `errors` says where and why."""

    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__(f"{len(errors)} erreur(s), aucune ligne enregistrée.")

    def report(self) -> str:
        return "\n".join([str(self), *map(str, self.errors)])


MAX_OPERATOR_ROWS = 100_000


def read_operator_csv(source: Path | bytes) -> tuple[list[str], list[tuple[int, dict]]]:
    """Header and numbered rows of a semicolon CSV as spreadsheets export it (UTF-8, with or without BOM), from
    a file (the commands) or an upload's bytes (the page)."""
    try:
        text = (
            source.decode("utf-8-sig") if isinstance(source, bytes) else Path(source).read_text("utf-8-sig")
        )
    except UnicodeDecodeError as error:
        raise ImportRejected([RowError(1, "-", "le fichier doit être encodé en UTF-8.")]) from error
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=";")
    try:
        lines = list(itertools.islice(enumerate(reader, start=2), MAX_OPERATOR_ROWS + 1))
    except csv.Error as error:
        raise ImportRejected(
            [RowError(reader.line_num, "-", "ligne illisible (guillemets mal fermés ?).")]
        ) from error
    if len(lines) > MAX_OPERATOR_ROWS:
        raise ImportRejected(
            [RowError(0, "-", f"plus de {MAX_OPERATOR_ROWS:,} lignes.".replace(",", "\u202f"))]
        )
    header = [name.strip() for name in reader.fieldnames or []]
    stripped = [(number, {(k or "").strip(): v for k, v in row.items()}) for number, row in lines]
    return header, stripped


def check_columns(header: list[str], required: list[str]) -> None:
    missing = [name for name in required if name not in header]
    if missing:
        raise ImportRejected([RowError(1, name, "colonne absente de l'en-tête.") for name in missing])


@transaction.atomic
def import_qpv(source: Path | bytes, *, region_ids=None) -> LoadReport:
    """Operator CSV code;nom;codes_insee (codes separated by "|" or ","); all or nothing. `region_ids`: the
    regions a coordinator's page may import for (None: the whole country, the operator's command)."""
    report = LoadReport("QPV")
    header, lines = read_operator_csv(source)
    check_columns(header, ["code", "nom", "codes_insee"])
    # A QPV of Paris, Lyon or Marseille may be given by its municipal arrondissement.
    kinds = [Commune.Kind.CURRENT, Commune.Kind.ARRONDISSEMENT]
    communes = Commune.objects.filter(kind__in=kinds, retired=False)
    if region_ids is not None:
        communes = communes.filter(department__region__in=region_ids)
    commune_pks = dict(communes.values_list("code", "pk"))
    errors, rows = [], {}
    for number, row in lines:
        code = (row.get("code") or "").strip().upper()
        name = (row.get("nom") or "").strip()
        codes = [c.strip().upper() for c in re.split(r"[|,]", row.get("codes_insee") or "") if c.strip()]
        if problem := qpv_code_problem(code):
            errors.append(RowError(number, "code", problem))
        elif code in rows:
            errors.append(RowError(number, "code", f"le QPV {code} figure déjà plus haut dans le fichier."))
        if not name:
            errors.append(RowError(number, "nom", "nom manquant."))
        elif len(name) > Qpv._meta.get_field("name").max_length:
            errors.append(RowError(number, "nom", "nom trop long (200 caractères au plus)."))
        if not codes:
            errors.append(RowError(number, "codes_insee", "aucun code INSEE."))
        unknown = [c for c in codes if c not in commune_pks]
        if unknown:
            where = " ou hors de votre région" if region_ids is not None else ""
            errors.append(
                RowError(number, "codes_insee", f"commune(s) inconnue(s){where} : {', '.join(unknown)}.")
            )
        rows.setdefault(code, (name, {commune_pks.get(c) for c in codes}))
    if errors:
        raise ImportRejected(errors)
    existing = {qpv.code: qpv for qpv in Qpv.objects.prefetch_related("communes")}
    for code, (name, commune_ids) in rows.items():
        qpv = existing.get(code)
        if qpv is None:
            qpv = Qpv.objects.create(code=code, name=name)
            qpv.communes.set(commune_ids)
            report.loaded += 1
            continue
        same_communes = {c.pk for c in qpv.communes.all()} == commune_ids
        if qpv.name == name and same_communes:
            report.unchanged += 1
            continue
        if qpv.name != name:
            qpv.name = name
            qpv.save(update_fields=["name"])
        if not same_communes:
            qpv.communes.set(commune_ids)
        report.loaded += 1
    return report
