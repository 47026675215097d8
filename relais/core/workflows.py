"""Shared pieces of the explicit workflows (convention lifecycle, opportunity status, positioning pipeline)."""

from dataclasses import dataclass, field


class DomainError(Exception):
    """A domain rule was broken (impossible transition, missing field...); the message is French."""


@dataclass(frozen=True)
class Transition:
    name: str
    sources: frozenset
    target: str
    label: str
    # Destructive transitions ask for a confirmation page before they run.
    needs_confirmation: bool = False
    # Who may run it, in the workflow's own vocabulary of actors (empty: checked by the service itself).
    actors: frozenset = field(default_factory=frozenset)
    # The notification event this transition e-mails about, if any.
    notifies: str = ""


def transition_table(*transitions: Transition) -> dict[str, Transition]:
    return {t.name: t for t in transitions}
