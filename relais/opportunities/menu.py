"""Navigation entry and home panel of the opportunities."""

from django.urls import reverse

from relais.core.menu import register
from relais.core.views import HOME_PANELS
from relais.opportunities.selectors import available_views, received_opportunities

register(35, "Opportunités", "opportunities:list", lambda scope: bool(available_views(scope)))


def home_panel(scope):
    views = dict(available_views(scope))
    if not views:
        return None
    if "recues" in views:
        unread = received_opportunities(scope).filter(first_read_at__isnull=True).count()
        detail = f"{unread} opportunité(s) ouverte(s) non lue(s) diffusée(s) à votre Mission Locale"
    else:
        detail = "Publier un besoin de recrutement, le diffuser, suivre sa lecture par les Missions Locales."
    return {"title": "Opportunités", "detail": detail, "url": reverse("opportunities:list")}


HOME_PANELS.append(home_panel)
