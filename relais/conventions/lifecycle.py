"""The convention lifecycle: its transition table and the error an impossible move raises."""

from relais.conventions.enums import ConventionStatus as S
from relais.core.workflows import DomainError, Transition, transition_table


class ConventionError(DomainError):
    """A lifecycle rule was broken (impossible transition, missing date...); the message is French."""


# The lifecycle. Renewal closes the period and opens the next one (see renewal.renew_period).
TRANSITIONS = transition_table(
    Transition("sign", frozenset({S.DRAFT}), S.SIGNED, "Enregistrer la signature"),
    Transition("activate", frozenset({S.SIGNED}), S.ACTIVE, "Démarrer la convention"),
    Transition("mark_review_due", frozenset({S.ACTIVE}), S.REVIEW_DUE, "Passer en bilan à réaliser"),
    Transition("renew", frozenset({S.REVIEW_DUE}), S.RENEWED, "Renouveler pour une nouvelle période"),
    Transition("end", frozenset({S.ACTIVE, S.REVIEW_DUE}), S.ENDED, "Mettre fin à la convention"),
    Transition("cancel", frozenset({S.DRAFT}), S.CANCELLED, "Annuler le brouillon"),
)
