"""The targets a review compares its figures with, keyed by indicator code.

Targets are set per convention period by its coordinators and come from ``conventions.IndicatorTarget`` when
present; a period without targets gives an empty mapping, and the review then shows the figures alone.
"""


def targets_for(review) -> dict[str, int | float]:
    """The target of each indicator code for the review's period (a code without target is absent)."""
    return {}
