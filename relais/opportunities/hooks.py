"""Extension points other apps fill from their AppConfig.ready() (positionings builds on opportunities)."""

# Callables (scope, opportunity) -> {"label": str, "url": str} | None: buttons shown on the detail page.
DETAIL_ACTIONS: list = []
# Callables (scope, opportunity) -> {"title": str, "html": str} | None: panels appended to the detail page.
DETAIL_PANELS: list = []


def detail_actions(scope, opportunity) -> list[dict]:
    return [action for provider in DETAIL_ACTIONS if (action := provider(scope, opportunity))]


def detail_panels(scope, opportunity) -> list[dict]:
    return [panel for provider in DETAIL_PANELS if (panel := provider(scope, opportunity))]


# Callables (opportunity) run inside the transaction when an opportunity is filled, closed or cancelled:
# what later apps attached to it (positionings) is settled with it.
ON_ENDED: list = []


def opportunity_ended(opportunity) -> None:
    for handler in ON_ENDED:
        handler(opportunity)
