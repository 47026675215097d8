"""Navigation entries and home panels of the positioning pipeline, one per way of taking part in it."""

from django.urls import reverse

from relais.core.menu import register
from relais.core.views import HOME_PANELS
from relais.positionings.enums import PositioningStatus
from relais.positionings.perms import is_partner_user, is_referent_user
from relais.positionings.selectors import received_candidates, referent_positionings
from relais.youths.selectors import has_youth_access

register(55, "Positionnements", "positionings:mine", has_youth_access)
register(56, "À transmettre", "positionings:referent", is_referent_user)
register(57, "Candidatures reçues", "positionings:received", is_partner_user)


def referent_panel(scope):
    if not is_referent_user(scope):
        return None
    count = referent_positionings(scope, status=PositioningStatus.PROPOSED).count()
    return {
        "title": "Positionnements à transmettre",
        "url": reverse("positionings:referent"),
        "detail": f"{count} proposition(s) des conseillers attend(ent) votre validation",
    }


def partner_panel(scope):
    if not is_partner_user(scope):
        return None
    count = received_candidates(scope, status=PositioningStatus.TRANSMITTED).count()
    return {
        "title": "Candidatures reçues",
        "url": reverse("positionings:received") + f"?status={PositioningStatus.TRANSMITTED}",
        "detail": f"{count} candidature(s) transmise(s) attend(ent) votre réponse",
    }


HOME_PANELS.extend([referent_panel, partner_panel])
