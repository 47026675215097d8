"""The plan and the row-by-row report of an import of young people, shared by the analysis and the save."""

from dataclasses import dataclass, field

from relais.core.tables import RowError
from relais.youths.models import Youth


@dataclass
class RowPlan:
    row: int
    label: str
    action: str  # "create", "update", "unchanged" or "skipped"
    fields: dict
    titles: list
    existing: Youth | None = None
    changes: list[str] = field(default_factory=list)
    # The flags left empty in the file whose stored value is kept (an update only).
    kept: list[str] = field(default_factory=list)
    # The ids of the existing record's sought titles (an update only), to tell whether they change.
    title_ids: set[int] = field(default_factory=set)
    # The folded identity the analysis compared (youths.validation.identity_of).
    identity: tuple = ()

    ACTION_LABELS = {
        "create": "Création",
        "update": "Mise à jour",
        "unchanged": "Inchangé",
        "skipped": "Ignoré (jeune archivé)",
    }

    @property
    def action_label(self) -> str:
        return self.ACTION_LABELS[self.action]


@dataclass
class ImportReport:
    rows: list[RowPlan] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    committed: bool = False
    sheet_name: str = ""  # the worksheet read from a workbook, named in the preview

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def to_create(self) -> int:
        return self.count("create")

    @property
    def to_update(self) -> int:
        return self.count("update")

    @property
    def unchanged(self) -> int:
        return self.count("unchanged") + self.count("skipped")
