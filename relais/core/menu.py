"""Main navigation, filtered by what the acting Scope may see."""

from django.urls import reverse

from relais.core.scope import scope_of

# Apps append their entries here from their menu.py module, imported by CoreConfig.ready() (core/providers.py):
# (order, label, url name, predicate(scope)).
MENU_ENTRIES: list[tuple[int, str, str, object]] = []


def register(order: int, label: str, url_name: str, predicate=None):
    MENU_ENTRIES.append((order, label, url_name, predicate))
    MENU_ENTRIES.sort(key=lambda entry: entry[0])


def main_menu(request):
    if not request.user.is_authenticated:
        return {}
    scope = scope_of(request)
    items = []
    for _, label, url_name, predicate in MENU_ENTRIES:
        if predicate is not None and not predicate(scope):
            continue
        items.append({"label": label, "url": reverse(url_name), "active": False})
    # The entry whose address is the longest prefix of the page is the current one ("Mes engagements" lives
    # under "Conventions").
    matches = [item for item in items if request.path.startswith(item["url"]) and item["url"] != "/"]
    if matches:
        max(matches, key=lambda item: len(item["url"]))["active"] = True
    return {"main_menu": items}
