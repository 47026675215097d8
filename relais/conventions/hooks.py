"""Extension points other apps fill from their AppConfig.ready(): activity recorded under a convention."""

# Callables (scope, convention) -> {"title": str, "html": str} | None: panels shown on the convention page.
DETAIL_PANELS: list = []


def detail_panels(scope, convention) -> list[dict]:
    return [panel for provider in DETAIL_PANELS if (panel := provider(scope, convention))]
