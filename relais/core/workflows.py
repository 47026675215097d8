"""The workflow engine: one transition table per model and the one `apply` that runs a transition.

A `Transition` declares where it goes from and to, who may run it (actors, checked against the Scope), the
values it takes (`Field`), its guards, the values it stamps (`updates`), its effects and the notification it
sends. A `Workflow` groups a model's table with its state field, its transition log (a subclass of
`relais.core.models.TransitionLog`), the function naming the actors a Scope is on an object, its error class and
its notification hook. `apply` locks the row, re-reads it, checks the state, then the actor, then the values and
the guards, saves with `update_fields`, writes the log row, runs the effects, writes the audit row and calls the
notification hook in the transaction (the e-mails it records leave after the commit). Checking the state first
means a stale page gets "already done", whoever clicks.
"""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Callable, Iterable
from dataclasses import KW_ONLY, dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import Http404
from django.utils import timezone

from relais.core.services import audit

# The actor the platform itself is (jobs and commands act with Scope.system()).
SYSTEM = "system"


class DomainError(Exception):
    """A domain rule was broken (impossible transition, missing field...); the message is French."""


class UnknownTransition(DomainError, Http404):
    """No transition of that name: every page answers 404, a job or a command sees a DomainError."""


@dataclass(frozen=True)
class Field:
    """A value a transition takes from its caller, stored on the object (a field named "note" is the log's note).

    `message` (French) is shown under the field when the value is missing (and `required`) or when `clean`
    refuses it; `clean` returns the value to store and raises TypeError or ValueError for an invalid one.
    """

    name: str
    message: str
    required: bool = True
    clean: Callable[[Any], Any] | None = None


def instance_of(kind: type) -> Callable[[Any], Any]:
    def clean(value):
        if not isinstance(value, kind):
            raise TypeError(f"expected {kind.__name__}")
        return value

    return clean


def one_of(values: Iterable[str]) -> Callable[[Any], Any]:
    allowed = frozenset(values)

    def clean(value):
        if value not in allowed:
            raise ValueError(value)
        return value

    return clean


def decimal_between(low: decimal.Decimal, high: decimal.Decimal) -> Callable[[Any], decimal.Decimal]:
    def clean(value):
        try:
            number = decimal.Decimal(str(value))
        except decimal.InvalidOperation:
            raise ValueError(value) from None
        if not low <= number <= high:
            raise ValueError(value)
        return number

    return clean


@dataclass(frozen=True)
class Transition:
    """One move of a table. Guards return a French message (or raise); updates return the values stamped with
    the new status (timestamps, derived dates); effects run after the save, inside the transaction, and may
    return details for the audit row."""

    name: str
    sources: frozenset
    target: str
    label: str
    _: KW_ONLY
    actors: frozenset = frozenset()
    fields: tuple[Field, ...] = ()
    guards: tuple[Callable[[Any, Step], str | None], ...] = ()
    updates: tuple[Callable[[Any, Step], dict], ...] = ()
    effects: tuple[Callable[[Any, Step], dict | None], ...] = ()
    # Destructive transitions (or those that ask for a value) show a confirmation page before they run.
    needs_confirmation: bool = False
    # The notification event it sends through the workflow's hook ("": none).
    notifies: str = ""
    # Whether pages offer it in a state it leaves (a guard still explains the refusal if it is forced).
    offered: Callable[[Any], bool] | None = None

    def __post_init__(self):
        object.__setattr__(self, "sources", frozenset(self.sources))
        object.__setattr__(self, "actors", frozenset(self.actors))


@dataclass
class Step:
    """One run of one transition, as guards, updates and effects see it."""

    transition: Transition
    scope: Any
    note: str
    from_status: str
    values: dict
    now: datetime.datetime


@dataclass(frozen=True, eq=False)
class Workflow:
    model: type[models.Model]
    log_model: type
    transitions: tuple[Transition, ...]
    # The actors (in the table's vocabulary) a Scope is on one object.
    actors_of: Callable[[Any, Any], set[str]]
    error: type[DomainError]
    # French, formatted with label, label_lower, status and status_lower.
    wrong_state: str
    denied: str = "Vous ne pouvez pas effectuer cette action."
    # Called in the transaction with (obj, transition, scope, log_row) for a transition that notifies: it records
    # its e-mails with relais.core.notifications.notify, which sends them on commit.
    notify: Callable[[Any, Transition, Any, Any], None] | None = None
    state_field: str = "status"
    table: dict[str, Transition] = field(init=False, repr=False)

    def __post_init__(self):
        object.__setattr__(self, "table", {t.name: t for t in self.transitions})

    def transition(self, name: str) -> Transition:
        try:
            return self.table[name]
        except KeyError:
            raise UnknownTransition("Cette action n'existe pas.") from None

    def allows(self, scope, obj, transition: Transition) -> bool:
        return bool(self.actors_of(scope, obj) & transition.actors)

    def available(self, obj, scope=None) -> list[Transition]:
        """The transitions a page offers from the object's state (to this Scope's actors, when given)."""
        state = getattr(obj, self.state_field)
        offered = [
            t for t in self.transitions if state in t.sources and (t.offered is None or t.offered(obj))
        ]
        if scope is None:
            return offered
        actors = self.actors_of(scope, obj)
        return [t for t in offered if actors & t.actors]

    def wrong_state_message(self, transition: Transition, obj) -> str:
        status = getattr(obj, f"get_{self.state_field}_display")()
        return self.wrong_state.format(
            label=transition.label,
            label_lower=transition.label.lower(),
            status=status,
            status_lower=status.lower(),
        )


def _clean(transition: Transition, note: str, given: dict) -> dict:
    """The declared values, checked; raise a ValidationError keyed by field with every problem at once."""
    supplied = {**given, "note": note}
    errors, values = {}, {}
    for rule in transition.fields:
        value = supplied.get(rule.name)
        if isinstance(value, str):
            value = value.strip()
        if value is None or value == "":
            if rule.required:
                errors[rule.name] = rule.message
            continue
        if rule.clean is not None:
            try:
                value = rule.clean(value)
            except (TypeError, ValueError):
                errors[rule.name] = rule.message
                continue
        if rule.name != "note":
            values[rule.name] = value
    if errors:
        raise ValidationError(errors)
    return values


def _auto_now_fields(model) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]


@transaction.atomic
def apply(workflow: Workflow, obj, name: str, *, scope, note: str = "", **fields):
    """Run one transition for `scope` (a Scope; `Scope.system()` for jobs) and return the object, updated.

    Raises UnknownTransition, the workflow's error (wrong state, a guard's message), PermissionDenied (the
    Scope is none of the transition's actors) or ValidationError (a missing or invalid value).
    """
    transition = workflow.transition(name)
    unexpected = set(fields) - {f.name for f in transition.fields}
    if unexpected:  # a programming error, whatever the state
        raise TypeError(f"Transition {name!r} takes no {sorted(unexpected)}")
    # Lock this row only (no join, so no related row is locked) and re-read it: the page may be stale.
    obj.refresh_from_db(from_queryset=workflow.model._base_manager.select_for_update(of=("self",)))
    current = getattr(obj, workflow.state_field)
    if current not in transition.sources:
        raise workflow.error(workflow.wrong_state_message(transition, obj))
    if not workflow.allows(scope, obj, transition):
        raise PermissionDenied(workflow.denied)
    note = (note or "").strip()
    step = Step(transition, scope, note, current, _clean(transition, note, fields), timezone.now())
    for guard in transition.guards:
        message = guard(obj, step)
        if message:
            raise workflow.error(message)
    changes = {workflow.state_field: transition.target, **step.values}
    for update in transition.updates:
        changes.update(update(obj, step))
    for attname, value in changes.items():
        setattr(obj, attname, value)
    obj.save(update_fields=[*changes, *_auto_now_fields(workflow.model)])
    log = workflow.log_model.record(
        obj,
        name=name,
        from_status=current,
        to_status=transition.target,
        by=scope.actor,
        note=note,
        at=step.now,
    )
    details = {"from_status": current, "to_status": transition.target}
    for effect in transition.effects:
        details.update(effect(obj, step) or {})
    audit(actor=scope.actor, action=f"{obj._meta.model_name}.{name}", obj=obj, **details)
    if transition.notifies and workflow.notify is not None:
        # The hook records its e-mails in this transaction (relais.core.notifications.notify): they are sent
        # once it commits, never if it rolls back, and a retried job never sends them twice.
        workflow.notify(obj, transition, scope, log)
    return obj
