"""`--reuse`: measure again on the database a previous run generated, without generating it anew.

The run that generates writes `generated.json` beside its results (the scale, the seed, the database and the
primary keys of the generated data's personas and objects); `--reuse` reads it back, checks that it describes
the same scale, seed and database, and rebuilds the `GeneratedData` from those keys. Migrations are applied
first, so a measure of changed code runs on the schema it expects; the data themselves are those generated.
"""

import dataclasses
import json
from pathlib import Path

from relais.bench.generate import GeneratedData

OBJECT_FIELDS = {
    "region": ("territories", "Region"),
    "mission_locale": ("organizations", "Organization"),
    "other_mission_locale": ("organizations", "Organization"),
    "arml": ("organizations", "Organization"),
    "network_head": ("organizations", "Organization"),
    "cre": ("accounts", "User"),
    "counsellor": ("accounts", "User"),
    "recruiter": ("accounts", "User"),
    "coordinator": ("accounts", "User"),
    "director": ("accounts", "User"),
    "charter": ("conventions", "Convention"),
    "crowded_event": ("events", "Event"),
}


class ReuseError(Exception):
    pass


def save(data: GeneratedData, path: Path, *, database: str) -> None:
    described = {"database": database, "seed": data.seed, "scale": data.scale, "counts": data.counts}
    for name in OBJECT_FIELDS:
        value = getattr(data, name)
        described[name] = value.pk if value is not None else None
    described["partners"] = [partner.pk for partner in data.partners]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(described, indent=2) + "\n")


def load(path: Path, *, database: str, scale: float, seed: int) -> GeneratedData:
    from django.apps import apps

    if not path.exists():
        raise ReuseError(f"{path} n'existe pas : lancez d'abord une mesure sans --reuse à cette échelle.")
    described = json.loads(path.read_text())
    wanted = {"database": database, "scale": scale, "seed": seed}
    found = {key: described.get(key) for key in wanted}
    if found != wanted:
        raise ReuseError(f"{path} décrit {found}, pas {wanted} : relancez la génération sans --reuse.")
    values = {}
    for name, (app_label, model_name) in OBJECT_FIELDS.items():
        pk = described.get(name)
        model = apps.get_model(app_label, model_name)
        values[name] = model.objects.filter(pk=pk).first() if pk is not None else None
        if pk is not None and values[name] is None:
            raise ReuseError(f"{model_name} {pk} introuvable : la base ne correspond plus à {path}.")
    organization = apps.get_model("organizations", "Organization")
    by_pk = organization.objects.in_bulk(described["partners"])
    values["partners"] = [by_pk[pk] for pk in described["partners"]]
    known = {f.name for f in dataclasses.fields(GeneratedData)}
    return GeneratedData(
        seed=seed,
        scale=scale,
        counts=described.get("counts", {}),
        **{k: v for k, v in values.items() if k in known},
    )
