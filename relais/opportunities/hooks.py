"""Extension points other apps fill from their AppConfig.ready() (positionings builds on opportunities)."""

# Callables (user, opportunity) -> {"label": str, "url": str} | None: buttons shown on the detail page.
DETAIL_ACTIONS: list = []
# Callables (user, opportunity) -> {"title": str, "html": str} | None: panels appended to the detail page.
DETAIL_PANELS: list = []


def detail_actions(user, opportunity) -> list[dict]:
    return [action for provider in DETAIL_ACTIONS if (action := provider(user, opportunity))]


def detail_panels(user, opportunity) -> list[dict]:
    return [panel for provider in DETAIL_PANELS if (panel := provider(user, opportunity))]


# Callables (opportunity) run inside the transaction when an opportunity is filled, closed or cancelled:
# what later apps attached to it (positionings) is settled with it.
ON_ENDED: list = []


def opportunity_ended(opportunity) -> None:
    for handler in ON_ENDED:
        handler(opportunity)
