"""The measurements `python -m relais.bench` runs; other apps add theirs from their own `bench.py` module.

A measurement is a function taking the generated data and returning either a `PageRequest` (a page fetched
through the Django test client as a logged-in user) or a zero-argument callable (a selector, a ranking).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PageRequest:
    user: object
    url: str


@dataclass
class Measurement:
    key: str
    label: str
    target_ms: float | None
    build: Callable | None  # None: planned, not written yet (shown as such in the table)


MEASUREMENTS: dict[str, Measurement] = {}
# Modules imported before running, each registering measurements at import time (missing ones are skipped).
PLUGIN_MODULES = ["relais.opportunities.bench", "relais.positionings.bench"]


def plan(key: str, label: str, target_ms: float | None = None) -> None:
    """Announce a measurement another module will provide (kept if it was already registered)."""
    MEASUREMENTS.setdefault(key, Measurement(key, label, target_ms, None))


def register(key: str, label: str, *, target_ms: float | None = None):
    """Decorator: `@register("referent_page", "Page du référent", target_ms=100)` over `def build(data)`."""

    def decorator(build: Callable) -> Callable:
        MEASUREMENTS[key] = Measurement(key, label, target_ms, build)
        return build

    return decorator


# The measurements the issue asks for; the positionings app fills the last four from relais/positionings/bench.py.
plan("cre_opportunities", "Page CRE : opportunités reçues", 100)
plan("partner_opportunities", "Page partenaire : opportunités publiées", 100)
plan("suggestions_for_opportunity", "Suggestions de jeunes pour une opportunité", 200)
plan("suggestions_for_youth", "Suggestions d'opportunités pour un jeune", 200)
plan("referent_page", "Page du référent : positionnements à traiter", 100)
plan("partner_candidates", "Page partenaire : candidatures reçues", 100)
