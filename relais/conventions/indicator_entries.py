"""Writes and reads of what people type about the review's indicators: the value of an indicator the registry
cannot compute ("à renseigner", with its author) and the targets of a convention period, set by its coordinators;
`targets_for` and `target_lines` give the review its target-versus-actual lines."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from relais.conventions.enums import IndicatorCode
from relais.conventions.indicator_models import IndicatorEntry, IndicatorTarget
from relais.conventions.models import Convention, Indicator
from relais.conventions.perms import can_edit
from relais.core.providers import INDICATORS, Dimension, IndicatorValue
from relais.core.scope import Scope
from relais.core.services import audit
from relais.organizations.enums import OrganizationKind


def _check(scope: Scope, convention: Convention) -> None:
    """The coordinators (and directors) of a party organisation, never an observer."""
    if scope.aggregates_only or not can_edit(scope, convention):
        raise PermissionDenied


def is_computed(code: str) -> bool:
    """An indicator of this code is computed from the recorded activity (so never typed)."""
    return str(code) in INDICATORS


def author_name_of(user) -> str:
    person = getattr(user, "person", None)
    if person is not None:
        return str(person)
    return (user.get_full_name() or user.email or user.get_username()) if user is not None else ""


def _positive(value) -> Decimal:
    if value is None:
        raise ValidationError({"value": "Indiquez la valeur."})
    value = Decimal(value)
    if value < 0:
        raise ValidationError({"value": "La valeur est un nombre positif ou nul."})
    return value


# ---- "à renseigner" -----------------------------------------------------------------------------------------


@transaction.atomic
def indicator_entry_save(*, indicator: Indicator, scope: Scope, value, unit: str = "", note: str = ""):
    """Type (or correct) the value of an indicator no provider computes; the author and the time are recorded."""
    _check(scope, indicator.convention)
    if is_computed(indicator.code):
        raise ValidationError(
            "Cet indicateur est calculé à partir de l'activité enregistrée : sa valeur ne se saisit pas."
        )
    values = {
        "value": _positive(value),
        "unit": (unit or "").strip()[:40],
        "note": (note or "").strip()[:500],
        "author": scope.actor,
        "author_name": author_name_of(scope.actor)[:200],
        "recorded_at": timezone.now(),
    }
    entry, created = IndicatorEntry.objects.update_or_create(indicator=indicator, defaults=values)
    audit(
        actor=scope.actor,
        action="convention.indicator_entry",
        obj=indicator.convention,
        indicator=indicator.pk,
        created=created,
    )
    return entry


@transaction.atomic
def indicator_link_code(*, indicator: Indicator, scope: Scope, code: str) -> Indicator:
    """Say that an indicator of the text is one the registry computes (its figure is then never typed: a value
    typed before is removed), or unlink it (code OTHER: "à renseigner" again)."""
    _check(scope, indicator.convention)
    if str(code) != IndicatorCode.OTHER and not is_computed(code):
        raise ValidationError({"code": "Choisissez un indicateur calculé à partir de l'activité."})
    previous = indicator.code
    indicator.code = str(code)
    indicator.save(update_fields=["code"])
    removed = IndicatorEntry.objects.filter(indicator=indicator).delete()[0] if is_computed(code) else 0
    audit(
        actor=scope.actor,
        action="convention.indicator_code",
        obj=indicator.convention,
        indicator=indicator.pk,
        previous=previous,
        code=indicator.code,
        entry_removed=bool(removed),
    )
    return indicator


@transaction.atomic
def indicator_entry_remove(*, entry: IndicatorEntry, scope: Scope) -> None:
    convention = entry.indicator.convention
    _check(scope, convention)
    details = {"indicator": entry.indicator_id}
    entry.delete()
    audit(actor=scope.actor, action="convention.indicator_entry_remove", obj=convention, **details)


# ---- targets ------------------------------------------------------------------------------------------------


@transaction.atomic
def indicator_target_set(
    *,
    convention: Convention,
    scope: Scope,
    code: str,
    value,
    mission_locale=None,
    department=None,
    note: str = "",
) -> IndicatorTarget:
    """Set the target of an indicator code for the period, overall or for one Mission Locale or department (the
    one already set for the same perimeter is replaced)."""
    _check(scope, convention)
    if not is_computed(code):
        raise ValidationError({"code": "Choisissez un indicateur calculé à partir de l'activité."})
    if mission_locale is not None and department is not None:
        raise ValidationError(
            "Un objectif vaut pour toute la convention, une Mission Locale ou un département."
        )
    if mission_locale is not None and mission_locale.kind != OrganizationKind.MISSION_LOCALE:
        raise ValidationError({"mission_locale": "Choisissez une Mission Locale."})
    target, created = IndicatorTarget.objects.update_or_create(
        convention=convention,
        code=str(code),
        mission_locale=mission_locale,
        department=department,
        defaults={
            "value": _positive(value),
            "note": (note or "").strip()[:500],
            "set_by": scope.actor,
            "set_at": timezone.now(),
        },
    )
    audit(
        actor=scope.actor,
        action="convention.target_set",
        obj=convention,
        target=target.pk,
        code=target.code,
        mission_locale=target.mission_locale_id,
        department=target.department_id,
        created=created,
    )
    return target


@transaction.atomic
def indicator_target_remove(*, target: IndicatorTarget, scope: Scope) -> None:
    convention = target.convention
    _check(scope, convention)
    details = {"target": target.pk, "code": target.code}
    target.delete()
    audit(actor=scope.actor, action="convention.target_remove", obj=convention, **details)


@dataclass(frozen=True)
class Targets:
    """The targets of one indicator code for a period: overall, and per breakdown row (keyed like the rows of the
    Mission Locale breakdown, the ML's id as text, and of the department breakdown, its INSEE code)."""

    code: str
    total: float | None = None
    by_mission_locale: dict[str, float] = field(default_factory=dict)
    by_department: dict[str, float] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)  # the Mission Locale's name, "Rhône (69)"


def targets_for(convention: Convention) -> dict[str, Targets]:
    """{indicator code: Targets} of the convention period (one query)."""
    found: dict[str, dict] = {}
    for target in convention.indicator_targets.select_related("department", "mission_locale"):
        entry = found.setdefault(
            target.code, {"total": None, "by_mission_locale": {}, "by_department": {}, "labels": {}}
        )
        value = float(target.value)
        if target.mission_locale_id:
            entry["by_mission_locale"][str(target.mission_locale_id)] = value
            entry["labels"][str(target.mission_locale_id)] = target.perimeter_label
        elif target.department_id:
            entry["by_department"][target.department.code] = value
            entry["labels"][target.department.code] = target.perimeter_label
        else:
            entry["total"] = value
    return {code: Targets(code, **values) for code, values in found.items()}


@dataclass(frozen=True)
class TargetLine:
    """One target beside what was recorded: `reached` in percent of the target (None without a figure)."""

    perimeter: str
    target: float
    actual: int | float | None

    @property
    def reached(self) -> int | None:
        if self.actual is None or not self.target:
            return None
        return round(100 * self.actual / self.target)


def target_lines(value: IndicatorValue, targets: Targets | None) -> list[TargetLine]:
    """The targets of `value`'s code beside its figure and its breakdown rows (a row not recorded counts 0)."""
    if targets is None:
        return []
    lines = []
    if targets.total is not None:
        lines.append(TargetLine("Toute la convention", targets.total, value.value))
    for dimension, wanted in (
        (Dimension.MISSION_LOCALE, targets.by_mission_locale),
        (Dimension.DEPARTMENT, targets.by_department),
    ):
        if not wanted:
            continue
        breakdown = value.breakdown_by(dimension)
        rows = {row.code: row for row in (breakdown.rows if breakdown else ())}
        for code, target in wanted.items():
            row = rows.get(code)
            label = row.label if row else targets.labels.get(code, code)
            lines.append(TargetLine(label, target, row.value if row else 0))
    return lines
