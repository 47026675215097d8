"""Shared machinery of the referential loaders: counts, progress, text keys and in-memory synchronisation."""

import re
import unicodedata
from collections.abc import Hashable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.db import models
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

# SQLite allows 32,766 bound variables per statement (999 before 3.32); 500 rows keep every batch under both.
BATCH_SIZE = 500


@dataclass
class LoadReport:
    """What one loader did to one table: loaded (created or updated), unchanged, rejected with reasons."""

    label: str
    loaded: int = 0
    unchanged: int = 0
    rejections: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    # Rows that left the source, deactivated or marked as no longer current (never deleted); None for the
    # loaders whose rows never leave (ROME, NAF, operator imports).
    retired: int | None = None

    @property
    def rejected(self) -> int:
        return len(self.rejections)

    def reject(self, reason: str) -> None:
        self.rejections.append(reason)

    def summary(self) -> str:
        text = f"{self.label} : {self.loaded} chargés / {self.unchanged} inchangés / {self.rejected} rejetés"
        return text if self.retired is None else f"{text} / {self.retired} retirés"


class Steps:
    """A thin wrapper over a rich progress bar, silent when no bar is given (tests, library calls)."""

    def __init__(self, progress: Progress | None = None):
        self.progress = progress

    def track(self, items: Iterable, description: str, total: int | None = None) -> Iterator:
        if self.progress is None:
            yield from items
            return
        if total is None and hasattr(items, "__len__"):
            total = len(items)
        task = self.progress.add_task(description, total=total)
        for item in items:
            yield item
            self.progress.advance(task)
        self.progress.update(task, completed=total or 0)


@contextmanager
def progress_bar():
    """A rich progress bar on stderr, so that the counts written on stdout stay clean for scripts."""
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    with progress:
        yield Steps(progress)


def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces: the accent-, case- and punctuation-blind form."""
    text = (text or "").replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return " ".join(re.findall(r"[a-z0-9]+", text))


_SAINT = {"saint": "st", "sainte": "ste", "saints": "sts", "saintes": "stes"}
_ST = {short: long for long, short in _SAINT.items()}


def place_key(name: str) -> str:
    """Key for matching place names across sources that write "Saint-" or "St " interchangeably."""
    return " ".join(_SAINT.get(word, word) for word in fold(name).split())


def search_key(text: str) -> str:
    """The form stored for text search and applied to what is typed: folded, "St"/"Ste" written out.

    "Saint-Étienne", "saint etienne" and "St Etienne" all give "saint etienne"; the long form is kept so
    that a search typed halfway ("sain") still matches.
    """
    return " ".join(_ST.get(word, word) for word in fold(text).split())


def sync_rows(
    queryset: models.QuerySet,
    rows: dict[Hashable, dict],
    *,
    key: str | tuple[str, ...],
    report: LoadReport,
) -> dict[Hashable, int]:
    """Create or update `rows` (key → field values) against the queryset, comparing in memory.

    Only differing rows are written, in batches, so that a run that changes nothing issues one SELECT.
    Returns key → primary key for every row given.
    """
    model = queryset.model
    key_fields = (key,) if isinstance(key, str) else key
    fields = sorted({name for values in rows.values() for name in values})

    single = isinstance(key, str)

    def key_of(obj):
        return getattr(obj, key) if single else tuple(getattr(obj, f) for f in key_fields)

    existing = {key_of(obj): obj for obj in queryset.only("pk", *key_fields, *fields)}
    to_create, to_update = [], []
    for row_key, values in rows.items():
        obj = existing.get(row_key)
        if obj is None:
            keys = {key: row_key} if single else dict(zip(key_fields, row_key, strict=True))
            to_create.append(model(**keys, **values))
            continue
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            to_update.append(obj)
        else:
            report.unchanged += 1
    if to_create:
        model.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    if to_update:
        model.objects.bulk_update(to_update, fields, batch_size=BATCH_SIZE)
    report.loaded += len(to_create) + len(to_update)
    pks = {key_of(obj): obj.pk for obj in existing.values()}
    if to_create and any(obj.pk is None for obj in to_create):
        # Backends that cannot return ids from a bulk insert: read them back once.
        pks = {key_of(obj): obj.pk for obj in queryset.only("pk", *key_fields)}
    else:
        pks.update({key_of(obj): obj.pk for obj in to_create})
    return {row_key: pks[row_key] for row_key in rows}


def write_reports(stdout, reports: list[LoadReport]) -> None:
    """Print one line of counts per table, then the rejections and notes (for the operator's review)."""
    for report in reports:
        stdout.write(report.summary())
        for note in report.notes:
            stdout.write(f"  · {note}")
        for reason in report.rejections:
            stdout.write(f"  ✗ {reason}")


def add_source_arguments(parser, *, data_dir: bool = False, node_modules: bool = False) -> None:
    """The options pointing a loader at other source folders (small fixtures in tests, a newer release)."""
    if data_dir:
        parser.add_argument(
            "--data-dir", type=Path, help="Dossier des fichiers de référence (défaut : RELAIS_DATA_DIR)."
        )
    if node_modules:
        parser.add_argument(
            "--node-modules", type=Path, help="Dossier node_modules (défaut : RELAIS_NODE_MODULES)."
        )


def source_dirs(options: dict) -> dict[str, Path]:
    from django.conf import settings

    return {
        "data_dir": options.get("data_dir") or settings.RELAIS_DATA_DIR,
        "node_modules": options.get("node_modules") or settings.RELAIS_NODE_MODULES,
    }
