"""The review's figures: computed live while a draft, frozen into the snapshot when the parties arrest them."""

import hashlib

from django.utils import timezone

from relais.conventions.providers import convention_period
from relais.core.providers import INDICATORS, IndicatorValue, Period, compute_indicators


def registry_version() -> str:
    """A short fingerprint of the indicator registry (codes, headings, order): two snapshots with the same version
    were computed by the same list of indicators."""
    described = "|".join(
        f"{p.code}:{p.section}:{p.order}" for p in sorted(INDICATORS.values(), key=lambda p: p.code)
    )
    return "r-" + hashlib.sha256(described.encode()).hexdigest()[:12]


def section_of(code: str) -> str:
    provider = INDICATORS.get(code)
    return provider.section if provider is not None else "Autres indicateurs"


def review_period(review, *, today=None) -> Period:
    """The frozen period once computed; before, the convention's period as of today."""
    if review.is_frozen and (review.period_start or review.period_end):
        return Period(review.period_start, review.period_end)
    return convention_period(review.convention, today=today)


def live_values(review, scope) -> list[IndicatorValue]:
    return compute_indicators(convention=review.convention, period=review_period(review), scope=scope)


def stored_values(review) -> list[IndicatorValue]:
    return [IndicatorValue.from_dict(item) for item in review.snapshot]


def values_of(review, scope) -> list[IndicatorValue]:
    """What the review shows: its snapshot once frozen, the live figures while a draft."""
    return stored_values(review) if review.is_frozen else live_values(review, scope)


def freeze(review, step) -> dict:
    """The workflow's update when the figures are arrested: the values, their period, the registry, the date."""
    period = convention_period(review.convention, today=timezone.localdate(step.now))
    values = compute_indicators(convention=review.convention, period=period, scope=step.scope)
    return {
        "snapshot": [value.to_dict() for value in values],
        "registry_version": registry_version(),
        "computed_at": step.now,
        "period_start": period.start,
        "period_end": period.end,
    }


def thaw(review, step) -> dict:
    """Back to draft: the figures are live again until the next freeze."""
    return {"snapshot": [], "registry_version": "", "computed_at": None}
