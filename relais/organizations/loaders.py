"""Loaders of the Mission Locale network (UNML, ARMLs, I-Milo structures) and of the ML coverage table."""

import csv
import json
import re
from pathlib import Path

from django.db import transaction

from relais.organizations.enums import OrganizationKind
from relais.organizations.models import Organization, search_text_of
from relais.organizations.services import ensure_organization
from relais.territories.imports import ImportRejected, RowError, check_columns, read_operator_csv
from relais.territories.loading import LoadReport, Steps, fold
from relais.territories.models import Commune, Department, Region

ARMLS_FILE = "armls.csv"
IMILO_FILE = "missions_locales_imilo.json"
UNML = {"slug": "unml", "name": "Union nationale des Missions Locales", "short_name": "UNML"}
# I-Milo keeps temporary structures (mergers in progress) under codes starting with 999.
TEMPORARY_PREFIX = "999"
DEPARTMENT_PREFIX = re.compile(r"^\s*(?:\d{2,3}|2[AB])\s*-\s*")
ARML_PREFIX = re.compile(r"^(?:DES\s+)?MISSIONS\s+LOCALES\s+(?:(?:DE\s+LA|DE|DU|DES|D')\s*)?", re.IGNORECASE)
# Words of the file's upper-case names, restored with their accents for the readable names.
ACCENTED = {"ocean": "Océan", "ile": "Île", "cote": "Côte", "rhone": "Rhône", "comte": "Comté"}


@transaction.atomic
def load_network(*, data_dir: Path, steps: Steps | None = None) -> list[LoadReport]:
    steps = steps or Steps()
    unml_report = LoadReport("UNML")
    unml = _sync_organization(
        unml_report,
        slug=UNML["slug"],
        kind=OrganizationKind.UNML,
        name=UNML["name"],
        short_name=UNML["short_name"],
    )
    armls_report, arml_by_region = _load_armls(Path(data_dir) / ARMLS_FILE, unml)
    missions_report = _load_missions_locales(Path(data_dir) / IMILO_FILE, arml_by_region, steps)
    return [unml_report, armls_report, missions_report]


def _sync_organization(
    report: LoadReport, *, slug: str, kind: str, name: str, department_ids: set[int] | None = None, **fields
) -> Organization:
    """Create the well-known organisation or bring its fields (and departments) up to date, counting it."""
    existed = Organization.objects.filter(slug=slug).exists()
    organization = ensure_organization(slug=slug, kind=kind, name=name, **fields)
    wanted = {
        "kind": kind,
        "name": name,
        "is_active": True,
        "search_text": search_text_of(name, fields.get("short_name", "")),
        **fields,
    }
    changed = [f for f, value in wanted.items() if getattr(organization, _attname(f)) != _id_of(value)]
    if changed:
        for f in changed:
            setattr(organization, f, wanted[f])
        organization.save(update_fields=[*changed, "updated_at"])
    moved = (
        department_ids is not None
        and set(organization.departments.values_list("pk", flat=True)) != department_ids
    )
    if moved:
        organization.departments.set(department_ids)
    if existed and not changed and not moved:
        report.unchanged += 1
    else:
        report.loaded += 1
    return organization


def _retire(report: LoadReport, stale) -> None:
    """Deactivate the organisations that left the source file (kept for the records that point at them)."""
    report.retired = stale.filter(is_active=True).update(is_active=False)


def _attname(field_name: str) -> str:
    return f"{field_name}_id" if field_name in {"region", "parent"} else field_name


def _id_of(value):
    return value.pk if hasattr(value, "pk") else value


def arml_names(raw: str, regions: list[Region]) -> tuple[str, str]:
    """Readable French name and short name of an ARML from the file's upper-case label.

    "AMILAURA - AUVERGNE - RHONE-ALPES" → ("AMILAURA — ARML Auvergne-Rhône-Alpes", "AMILAURA");
    "GRAND-EST" → ("ARML Grand Est", ""). A single region takes its COG name (with its accents);
    an ARML of several regions keeps the territory named in the file ("ARML Antilles-Guyane").
    """
    label = raw.strip()
    acronym = ""
    head, _, rest = label.partition(" - ")
    region_words = {word for region in regions for word in fold(region.name).split()}
    if rest and " " not in head and fold(head) not in region_words and not ARML_PREFIX.match(label):
        acronym, label = head, rest
    if len(regions) == 1:
        territory = regions[0].name
    else:
        territory = _readable(ARML_PREFIX.sub("", label))
    name = f"{acronym} — ARML {territory}" if acronym else f"ARML {territory}"
    return name, acronym


def _readable(label: str) -> str:
    def word(match):
        text = match.group(0)
        return ACCENTED.get(text.lower(), text.capitalize())

    return re.sub(r"[A-Za-zÀ-ÿ]+", word, label.strip())


def _load_armls(path: Path, unml: Organization) -> tuple[LoadReport, dict[str, Organization]]:
    """One ARML per line; one covering several regions (Antilles-Guyane, Océan Indien) gets the departments
    of all of them, its `region` being the first one listed."""
    report = LoadReport("ARML")
    regions = {region.code: region for region in Region.objects.all()}
    departments_of: dict[str, set[int]] = {}
    for pk, region_code in Department.objects.values_list("pk", "region__code"):
        departments_of.setdefault(region_code, set()).add(pk)
    arml_by_region: dict[str, Organization] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(enumerate(csv.DictReader(handle, delimiter=";"), start=2))
    for number, row in lines:
        codes = [code.strip() for code in (row.get("codes_region") or "").split("|") if code.strip()]
        unknown = [code for code in codes if code not in regions]
        if not codes or unknown:
            codes_text = row.get("codes_region")
            report.reject(f"{ARMLS_FILE}, ligne {number} : région(s) inconnue(s) « {codes_text} ».")
            continue
        name, short_name = arml_names(row.get("nom") or "", [regions[code] for code in codes])
        arml = _sync_organization(
            report,
            slug=f"arml-{codes[0]}",
            kind=OrganizationKind.ARML,
            name=name,
            short_name=short_name,
            region=regions[codes[0]],
            parent=unml,
            phone=(row.get("telephone") or "").strip(),
            department_ids=set().union(*(departments_of.get(code, set()) for code in codes)),
        )
        for code in codes:
            arml_by_region[code] = arml
    loaded_slugs = {arml.slug for arml in arml_by_region.values()}
    _retire(
        report,
        Organization.objects.filter(kind=OrganizationKind.ARML, slug__startswith="arml-").exclude(
            slug__in=loaded_slugs
        ),
    )
    return report, arml_by_region


def mission_locale_name(item: dict) -> str:
    """The I-Milo name kept as written, less its department prefix ("31-ML TOULOUSE" → "ML TOULOUSE")."""
    name = (item.get("nom_usuel") or item.get("nom_officiel") or "").strip()
    return DEPARTMENT_PREFIX.sub("", name)


def _load_missions_locales(path: Path, arml_by_region: dict, steps: Steps) -> LoadReport:
    report = LoadReport("Missions Locales")
    with path.open(encoding="utf-8") as handle:
        items = json.load(handle)
    regions = {region.code: region for region in Region.objects.all()}
    departments = {d.code: d for d in Department.objects.all()}
    existing = {
        org.imilo_code: org
        for org in Organization.objects.filter(imilo_code__isnull=False).prefetch_related("departments")
    }
    kept: set[str] = set()
    for item in steps.track(items, "Missions Locales"):
        code = (item.get("id") or "").strip()
        name = mission_locale_name(item)
        if code.startswith(TEMPORARY_PREFIX):
            report.reject(f"{code} ({name}) : structure temporaire ou fusionnée d'I-Milo, non reprise.")
            continue
        department = departments.get(item.get("code_departement") or "")
        # I-Milo uses its own code for Saint-Martin ("10"): the department's COG region is then authoritative.
        region = regions.get(item.get("code_region") or "") or (department.region if department else None)
        if region is None:
            report.reject(f"{code} ({name}) : ni région ni département reconnus.")
            continue
        if not name:
            report.reject(f"{code} : nom manquant.")
            continue
        wanted = {
            "kind": OrganizationKind.MISSION_LOCALE,
            "name": name,
            "region_id": region.pk,
            "parent_id": _id_of(arml_by_region.get(region.code)),
            "is_active": True,
        }
        department_ids = {department.pk} if department else set()
        kept.add(code)
        organization = existing.get(code)
        if organization is not None:
            wanted["search_text"] = search_text_of(name, organization.short_name, organization.sector_label)
        else:
            wanted["search_text"] = search_text_of(name)
        if organization is None:
            organization = Organization.objects.create(imilo_code=code, **wanted)
            organization.departments.set(department_ids)
            report.loaded += 1
            continue
        changed = [f for f, value in wanted.items() if getattr(organization, f) != value]
        same_departments = {d.pk for d in organization.departments.all()} == department_ids
        if changed:
            for f in changed:
                setattr(organization, f, wanted[f])
            organization.save(update_fields=[*changed, "updated_at"])
        if not same_departments:
            organization.departments.set(department_ids)
        if changed or not same_departments:
            report.loaded += 1
        else:
            report.unchanged += 1
    # Gone from I-Milo, turned into a temporary 999 structure, or now rejected: no longer a Mission Locale
    # of the directory.
    _retire(
        report,
        Organization.objects.filter(kind=OrganizationKind.MISSION_LOCALE, imilo_code__isnull=False).exclude(
            imilo_code__in=kept
        ),
    )
    return report


@transaction.atomic
def import_ml_coverage(source: Path | bytes, *, mission_locale_ids=None) -> LoadReport:
    """Operator CSV code_imilo;code_insee → covered communes; all or nothing, errors reported row by row.

    The file is the whole coverage of each Mission Locale it names; the others are left as they are.
    `mission_locale_ids`: those a coordinator's page may import for (None: all, the operator's command).
    """
    report = LoadReport("Missions Locales (communes couvertes)")
    header, lines = read_operator_csv(source)
    check_columns(header, ["code_imilo", "code_insee"])
    reachable = Organization.objects.filter(
        kind=OrganizationKind.MISSION_LOCALE, imilo_code__isnull=False, is_active=True
    )
    if mission_locale_ids is not None:
        reachable = reachable.filter(pk__in=mission_locale_ids)
    missions = {org.imilo_code: org for org in reachable}
    communes = dict(
        Commune.objects.filter(kind=Commune.Kind.CURRENT, retired=False).values_list("code", "pk")
    )
    errors, wanted, seen = [], {}, set()
    for number, row in lines:
        imilo_code = (row.get("code_imilo") or "").strip().upper()
        insee_code = (row.get("code_insee") or "").strip().upper()
        if imilo_code not in missions:
            where = " ou hors de votre réseau" if mission_locale_ids is not None else ""
            errors.append(RowError(number, "code_imilo", f"Mission Locale « {imilo_code} » inconnue{where}."))
        if insee_code not in communes:
            errors.append(RowError(number, "code_insee", f"commune « {insee_code} » inconnue."))
        if (imilo_code, insee_code) in seen:
            errors.append(RowError(number, "code_insee", f"ligne en double ({imilo_code}, {insee_code})."))
        seen.add((imilo_code, insee_code))
        if imilo_code in missions and insee_code in communes:
            wanted.setdefault(imilo_code, set()).add(communes[insee_code])
    if errors:
        raise ImportRejected(errors)
    for imilo_code, commune_ids in wanted.items():
        organization = missions[imilo_code]
        current = set(organization.covered_communes.values_list("pk", flat=True))
        if current == commune_ids:
            report.unchanged += 1
        else:
            organization.covered_communes.set(commune_ids)
            report.loaded += 1
    return report
