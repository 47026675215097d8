"""Navigation entry and home panel of the opportunities."""

from django.urls import reverse

from relais.core.menu import register
from relais.core.views import HOME_PANELS
from relais.opportunities.selectors import available_views, received_opportunities


def unread_sentence(count: int) -> str:
    if count == 0:
        return "Vous avez lu toutes les opportunités diffusées à votre Mission Locale."
    if count == 1:
        return "1 opportunité diffusée à votre Mission Locale que vous n'avez pas encore lue"
    return f"{count} opportunités diffusées à votre Mission Locale que vous n'avez pas encore lues"


register(35, "Opportunités", "opportunities:list", lambda scope: bool(available_views(scope)))


def home_panel(scope):
    views = dict(available_views(scope))
    if not views:
        return None
    if "recues" in views:
        unread = received_opportunities(scope).filter(read_by_me=False).count()
        detail = unread_sentence(unread)
    else:
        detail = "Publier un besoin de recrutement, le diffuser, suivre sa lecture par les Missions Locales."
    return {"title": "Opportunités", "detail": detail, "url": reverse("opportunities:list")}


HOME_PANELS.append(home_panel)
