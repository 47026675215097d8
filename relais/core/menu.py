"""Main navigation, filtered by what the user may see."""

from django.urls import reverse

# Apps append their entries here from their AppConfig.ready(): (order, label, url name, predicate).
MENU_ENTRIES: list[tuple[int, str, str, object]] = []


def register(order: int, label: str, url_name: str, predicate=None):
    MENU_ENTRIES.append((order, label, url_name, predicate))
    MENU_ENTRIES.sort(key=lambda entry: entry[0])


def main_menu(request):
    if not request.user.is_authenticated:
        return {}
    items = []
    for _, label, url_name, predicate in MENU_ENTRIES:
        if predicate is not None and not predicate(request.user):
            continue
        url = reverse(url_name)
        items.append({"label": label, "url": url, "active": request.path.startswith(url) and url != "/"})
    return {"main_menu": items}
