"""Loader of the INSEE COG (regions, departments, EPCI, communes) with GeoNames coordinates."""

import csv
import json
from collections import defaultdict
from pathlib import Path

from django.db import transaction

from relais.territories.loading import BATCH_SIZE, LoadReport, Steps, place_key, search_key, sync_rows
from relais.territories.models import Commune, Department, Epci, Region

COG_PACKAGE = Path("@etalab") / "decoupage-administratif" / "data"
GEONAMES_FILE = "geonames_fr_postal_codes.csv"

KINDS = {
    "commune-actuelle": Commune.Kind.CURRENT,
    "commune-deleguee": Commune.Kind.DELEGATED,
    "commune-associee": Commune.Kind.ASSOCIATED,
    "arrondissement-municipal": Commune.Kind.ARRONDISSEMENT,
}


def read_json(path: Path):
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


class Coordinates:
    """GeoNames postal-code places indexed by postal code, to place a commune by its postal codes and name."""

    def __init__(self, path: Path):
        self.places: dict[str, list[tuple[str, float, float]]] = defaultdict(list)
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter=";"):
                try:
                    latitude, longitude = float(row["latitude"]), float(row["longitude"])
                except (TypeError, ValueError):
                    continue
                place = (place_key(row["place_name"]), latitude, longitude)
                self.places[row["postal_code"].strip()].append(place)

    def by_name(self, postal_codes: list[str], name: str) -> tuple[float, float] | None:
        wanted = place_key(name)
        for postal_code in postal_codes:
            for key, latitude, longitude in self.places.get(postal_code, ()):
                if key == wanted:
                    return round(latitude, 5), round(longitude, 5)
        return None

    def average(self, postal_codes: list[str]) -> tuple[float, float] | None:
        """Centre of the places of the first postal code known to GeoNames (a town's main postal code)."""
        for postal_code in postal_codes:
            places = self.places.get(postal_code)
            if places:
                latitude = sum(place[1] for place in places) / len(places)
                longitude = sum(place[2] for place in places) / len(places)
                return round(latitude, 5), round(longitude, 5)
        return None


def load_cog(*, node_modules: Path, data_dir: Path, steps: Steps | None = None) -> list[LoadReport]:
    """Load regions, departments, EPCI and communes; idempotent, writes only what changed."""
    steps = steps or Steps()
    source = Path(node_modules) / COG_PACKAGE
    coordinates = Coordinates(Path(data_dir) / GEONAMES_FILE)
    with transaction.atomic():
        regions = _load_regions(read_json(source / "regions.json"))
        departments = _load_departments(read_json(source / "departements.json"), regions)
        epcis = _load_epcis(read_json(source / "epci.json"))
        communes = _load_communes(read_json(source / "communes.json"), departments, epcis, coordinates, steps)
    return [regions.report, departments.report, epcis.report, communes]


class _Loaded:
    def __init__(self, report: LoadReport, pks: dict, extra=None):
        self.report, self.pks, self.extra = report, pks, extra


def _load_regions(items: list[dict]) -> _Loaded:
    report = LoadReport("Régions")
    rows = {item["code"]: {"name": item["nom"]} for item in items}
    return _Loaded(report, sync_rows(Region.objects.all(), rows, key="code", report=report))


def _load_departments(items: list[dict], regions: _Loaded) -> _Loaded:
    report = LoadReport("Départements")
    rows = {}
    for item in items:
        region_id = regions.pks.get(item.get("region"))
        if region_id is None:
            report.reject(f"Département {item['code']} : région {item.get('region')} inconnue.")
            continue
        rows[item["code"]] = {"name": item["nom"], "region_id": region_id}
    return _Loaded(report, sync_rows(Department.objects.all(), rows, key="code", report=report))


def _load_epcis(items: list[dict]) -> _Loaded:
    report = LoadReport("EPCI")
    rows, commune_epci = {}, {}
    for item in items:
        rows[item["code"]] = {"name": item["nom"], "kind": item["type"]}
        for member in item.get("membres", ()):
            commune_epci[member["code"]] = item["code"]
    return _Loaded(report, sync_rows(Epci.objects.all(), rows, key="code", report=report), extra=commune_epci)


def _load_communes(items, departments: _Loaded, epcis: _Loaded, coordinates: Coordinates, steps: Steps):
    report = LoadReport("Communes")
    current, others = {}, {}
    without_coordinates = {"all": 0, "current": 0}
    by_code = {item["code"]: item for item in items if item.get("type") == "commune-actuelle"}
    for item in steps.track(items, "Communes"):
        kind = KINDS.get(item.get("type"))
        if kind is None:
            report.reject(f"Commune {item.get('code')} : type « {item.get('type')} » inconnu.")
            continue
        department_id = departments.pks.get(item.get("departement"))
        if department_id is None:
            report.reject(f"Commune {item['code']} : département {item.get('departement')} inconnu.")
            continue
        parent_code = None
        if kind != Commune.Kind.CURRENT:
            parent_code = item.get("commune") if kind == Commune.Kind.ARRONDISSEMENT else item.get("chefLieu")
            if parent_code not in by_code:
                report.reject(
                    f"Commune {item['code']} ({item['nom']}) : commune de rattachement "
                    f"{parent_code} introuvable."
                )
                continue
        postal_codes = list(item.get("codesPostaux", []))
        point = _locate(item, postal_codes, kind, by_code.get(parent_code), coordinates)
        if point is None:
            without_coordinates["all"] += 1
            without_coordinates["current"] += kind == Commune.Kind.CURRENT
        values = {
            "name": item["nom"],
            "search_name": search_key(item["nom"]),
            "department_id": department_id,
            "parent_id": None,
            "epci_id": epcis.pks.get(epcis.extra.get(item["code"])) if kind == Commune.Kind.CURRENT else None,
            "postal_codes": postal_codes,
            "population": item.get("population"),
            "latitude": point[0] if point else None,
            "longitude": point[1] if point else None,
            "retired": False,
        }
        if kind == Commune.Kind.CURRENT:
            current[(item["code"], kind)] = values
        else:
            others[(item["code"], kind)] = {**values, "parent_code": parent_code}
    # Current communes first: the delegated ones and the arrondissements point at them.
    current_pks = sync_rows(
        Commune.objects.filter(kind=Commune.Kind.CURRENT), current, key=("code", "kind"), report=report
    )
    for values in others.values():
        values["parent_id"] = current_pks[(values.pop("parent_code"), Commune.Kind.CURRENT)]
    sync_rows(Commune.objects.exclude(kind=Commune.Kind.CURRENT), others, key=("code", "kind"), report=report)
    report.retired = _retire_communes(set(current) | set(others))
    report.notes.append(
        f"{without_coordinates['all']} communes sans coordonnées "
        f"(dont {without_coordinates['current']} communes actuelles)"
    )
    return report


def _retire_communes(kept: set[tuple[str, str]]) -> int:
    """Mark as no longer current the communes the COG does not list any more (merged, renumbered)."""
    gone = [
        pk
        for pk, code, kind in Commune.objects.filter(retired=False).values_list("pk", "code", "kind")
        if (code, kind) not in kept
    ]
    for start in range(0, len(gone), BATCH_SIZE):
        Commune.objects.filter(pk__in=gone[start : start + BATCH_SIZE]).update(retired=True)
    return len(gone)


def _locate(item: dict, postal_codes: list[str], kind: str, parent: dict | None, coordinates: Coordinates):
    if kind in (Commune.Kind.DELEGATED, Commune.Kind.ASSOCIATED):
        # A former commune has no postal code of its own; GeoNames often still lists it under its parent's.
        return coordinates.by_name(parent.get("codesPostaux", []), item["nom"])
    return coordinates.by_name(postal_codes, item["nom"]) or coordinates.average(postal_codes)
