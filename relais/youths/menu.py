"""Navigation entry and home panel of the young people's records."""

from relais.core.menu import register
from relais.core.views import HOME_PANELS
from relais.youths.selectors import has_youth_access, youths_visible_to

register(50, "Jeunes", "youths:list", has_youth_access)


def home_panel(scope):
    if not has_youth_access(scope):
        return None
    count = youths_visible_to(scope).filter(archived_at__isnull=True).count()
    return {
        "title": "Jeunes suivis",
        "url": "/jeunes/",
        "detail": f"{count} jeune(s) suivi(s) par votre Mission Locale",
    }


HOME_PANELS.append(home_panel)
