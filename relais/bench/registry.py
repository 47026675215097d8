"""The measurements `python -m relais.bench` runs; each app adds its own from a `bench.py` module.

Those modules are found the way every extension point is (relais/core/providers.py): Django's
`autodiscover_modules` over the installed apps, here called by `discover()` before running, so that the web
process never imports them. A measurement is a function taking the generated data and returning either a
`PageRequest` (a page fetched through the Django test client as a logged-in user) or a zero-argument callable
(a selector, a ranking).
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


def plan(key: str, label: str, target_ms: float | None = None) -> None:
    """Announce a measurement another module will provide (kept if it was already registered)."""
    MEASUREMENTS.setdefault(key, Measurement(key, label, target_ms, None))


def register(key: str, label: str, *, target_ms: float | None = None):
    """Decorator: `@register("referent_page", "Page du référent", target_ms=100)` over `def build(data)`."""

    def decorator(build: Callable) -> Callable:
        MEASUREMENTS[key] = Measurement(key, label, target_ms, build)
        return build

    return decorator


def discover() -> dict[str, Measurement]:
    """Import every installed app's `bench` module: each registers its measurements at import time."""
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("bench")
    return MEASUREMENTS


# The measurements the issue asks for, shown as not written until the app that measures them registers them.
plan("cre_opportunities", "Page CRE : opportunités reçues", 100)
plan("partner_opportunities", "Page partenaire : opportunités publiées", 100)
plan("suggestions_for_opportunity", "Suggestions de jeunes pour une opportunité", 200)
plan("suggestions_for_youth", "Suggestions d'opportunités pour un jeune", 200)
plan("referent_page", "Page du référent : positionnements à traiter", 100)
plan("partner_candidates", "Page partenaire : candidatures reçues", 100)
