"""`--reuse`: measure again on the database a previous run generated, without generating it anew.

The run that generates writes `generated-<database>.json` beside its results: every field of the
`GeneratedData`, a model instance as its label and primary key; `--reuse` reads it back, checks that it
describes the same scale, seed and database, and rebuilds the `GeneratedData` from those keys. Migrations are
applied first, so a measure of changed code runs on the schema it expects; the data themselves are those
generated.
"""

import dataclasses
import json
from pathlib import Path

from django.apps import apps
from django.db import models

from relais.bench.generate import GeneratedData


class ReuseError(Exception):
    pass


def _reference(value):
    if isinstance(value, models.Model):
        return {"model": value._meta.label, "pk": value.pk}
    if isinstance(value, list):
        return [_reference(item) for item in value]
    return value


def _instance(value, path: Path):
    if isinstance(value, list):
        return [_instance(item, path) for item in value]
    if not (isinstance(value, dict) and set(value) == {"model", "pk"}):
        return value
    found = apps.get_model(value["model"]).objects.filter(pk=value["pk"]).first()
    if found is None:
        raise ReuseError(f"{value['model']} {value['pk']} introuvable : la base ne correspond plus à {path}.")
    return found


def save(data: GeneratedData, path: Path, *, database: str) -> None:
    described = {"database": database}
    for field in dataclasses.fields(GeneratedData):
        described[field.name] = _reference(getattr(data, field.name))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(described, indent=2) + "\n")


def load(path: Path, *, database: str, scale: float, seed: int) -> GeneratedData:
    if not path.exists():
        raise ReuseError(f"{path} n'existe pas : lancez d'abord une mesure sans --reuse à cette échelle.")
    described = json.loads(path.read_text())
    wanted = {"database": database, "scale": scale, "seed": seed}
    found = {key: described.get(key) for key in wanted}
    if found != wanted:
        raise ReuseError(f"{path} décrit {found}, pas {wanted} : relancez la génération sans --reuse.")
    return GeneratedData(
        **{field.name: _instance(described[field.name], path) for field in dataclasses.fields(GeneratedData)}
    )
