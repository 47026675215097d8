"""Loaders of the job referentials: ROME families and titles, NAF sectors, contract types."""

import csv
import json
import re
from pathlib import Path

from django.db import transaction

from relais.jobs.models import ContractType, NafSector, RomeFamily, RomeTitle
from relais.territories.loading import LoadReport, Steps, fold, sync_rows

ROME_FAMILIES_FILE = "rome_codes.csv"
ROME_TITLES_FILE = "rome_appellations.csv"
NAF_FILE = Path("@socialgouv") / "codes-naf" / "index.json"

ROME_CODE = re.compile(r"^[A-N]\d{4}$")
OGR_CODE = re.compile(r"^\d{1,10}$")
# NAF rev. 2 as published by INSEE: division "01", group "01.1", class "01.11", sub-class "01.11Z".
NAF_LEVELS = [
    (re.compile(r"^\d{2}$"), 1),
    (re.compile(r"^\d{2}\.\d$"), 2),
    (re.compile(r"^\d{2}\.\d{2}$"), 3),
    (re.compile(r"^\d{2}\.\d{2}[A-Z]$"), 4),
]
CONTRACT_TYPES = [
    ("cdi", "CDI"),
    ("cdd", "CDD"),
    ("apprenticeship", "Contrat d'apprentissage"),
    ("professionalisation", "Contrat de professionnalisation"),
    ("interim", "Mission d'intérim"),
    ("cddi", "CDDI (insertion)"),
    ("other", "Autre contrat"),
]


def read_csv(path: Path) -> list[tuple[int, dict]]:
    """Rows of a semicolon CSV with their line number in the file (the header is line 1)."""
    with Path(path).open(encoding="utf-8-sig", newline="") as handle:
        return [(number, row) for number, row in enumerate(csv.DictReader(handle, delimiter=";"), start=2)]


def clean(value) -> str:
    return (value or "").strip()


@transaction.atomic
def load_rome(*, data_dir: Path, steps: Steps | None = None) -> list[LoadReport]:
    steps = steps or Steps()
    families, family_pks = _load_rome_families(read_csv(Path(data_dir) / ROME_FAMILIES_FILE))
    titles = _load_rome_titles(read_csv(Path(data_dir) / ROME_TITLES_FILE), family_pks, steps)
    return [families, titles]


def _load_rome_families(lines) -> tuple[LoadReport, dict]:
    report, rows = LoadReport("Fiches ROME"), {}
    for number, row in lines:
        code, label = clean(row.get("code_rome")).upper(), clean(row.get("libelle_rome"))
        if not ROME_CODE.match(code):
            report.reject(f"{ROME_FAMILIES_FILE}, ligne {number} : code ROME « {code} » invalide.")
        elif not label:
            report.reject(f"{ROME_FAMILIES_FILE}, ligne {number} : libellé manquant.")
        elif code in rows:
            report.reject(f"{ROME_FAMILIES_FILE}, ligne {number} : code ROME {code} en double.")
        else:
            rows[code] = {"label": label}
    return report, sync_rows(RomeFamily.objects.all(), rows, key="code", report=report)


def _load_rome_titles(lines, family_pks: dict, steps: Steps) -> LoadReport:
    report, rows = LoadReport("Appellations ROME"), {}
    for number, row in steps.track(lines, "Appellations ROME"):
        ogr = clean(row.get("ogr_appellation"))
        code = clean(row.get("rome_code")).upper()
        label = clean(row.get("libelle_appellation_long"))
        short_label = clean(row.get("libelle_appellation_court")) or label
        where = f"{ROME_TITLES_FILE}, ligne {number}"
        if not OGR_CODE.match(ogr):
            report.reject(f"{where} : code OGR « {ogr} » invalide.")
        elif code not in family_pks:
            report.reject(f"{where} : fiche ROME « {code} » inconnue.")
        elif not label:
            report.reject(f"{where} : appellation manquante.")
        elif ogr in rows:
            report.reject(f"{where} : code OGR {ogr} en double.")
        else:
            rows[ogr] = {
                "family_id": family_pks[code],
                "label": label,
                "short_label": short_label,
                "search_text": " ".join(dict.fromkeys([fold(label), fold(short_label), code.lower()])),
            }
    sync_rows(RomeTitle.objects.all(), rows, key="ogr_code", report=report)
    return report


def naf_level(code: str) -> int | None:
    for pattern, level in NAF_LEVELS:
        if pattern.match(code):
            return level
    return None


@transaction.atomic
def load_naf(*, node_modules: Path) -> list[LoadReport]:
    report, rows = LoadReport("Secteurs NAF"), {}
    with (Path(node_modules) / NAF_FILE).open(encoding="utf-8") as handle:
        items = json.load(handle)
    for position, item in enumerate(items, start=1):
        code, label = clean(item.get("id")), clean(item.get("label"))
        level = naf_level(code)
        if level is None:
            report.reject(f"Entrée {position} : code NAF « {code} » invalide.")
        elif not label:
            report.reject(f"Entrée {position} : libellé manquant pour le code {code}.")
        elif code in rows:
            report.reject(f"Entrée {position} : code NAF {code} en double.")
        else:
            rows[code] = {"label": label, "level": level}
    sync_rows(NafSector.objects.all(), rows, key="code", report=report)
    return [report]


@transaction.atomic
def load_contract_types() -> list[LoadReport]:
    report = LoadReport("Types de contrat")
    rows = {code: {"label": label, "order": order} for order, (code, label) in enumerate(CONTRACT_TYPES, 1)}
    sync_rows(ContractType.objects.all(), rows, key="code", report=report)
    return [report]
