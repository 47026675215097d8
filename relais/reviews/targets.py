"""The targets a review compares its figures with, keyed by indicator code: the period's overall targets, set by
its coordinators on the convention (relais/conventions/indicator_entries.py); per Mission Locale or department
targets stay on the convention's targets page."""

from relais.conventions.indicator_entries import targets_for as convention_targets


def targets_for(review) -> dict[str, int | float]:
    """The overall target of each indicator code for the review's period (a code without one is absent)."""
    return {
        code: targets.total
        for code, targets in convention_targets(review.convention).items()
        if targets.total is not None
    }
