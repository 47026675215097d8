"""Navigation entries of the network directory."""

from django.urls import reverse

from relais.core.menu import register
from relais.core.views import HOME_PANELS

register(20, "Missions Locales", "organizations:ml_list")
register(30, "Partenaires", "organizations:partner_list")
register(40, "Couverture des référents", "organizations:coverage")


def _directory_panel(scope):
    return {
        "title": "Annuaire des Missions Locales",
        "detail": "Rechercher une Mission Locale, ses points d'accueil et ses référents.",
        "url": reverse("organizations:ml_list"),
    }


def _coverage_panel(scope):
    return {
        "title": "Couverture des référents",
        "detail": "Quelles Missions Locales n'ont pas de référent pour quel partenaire.",
        "url": reverse("organizations:coverage"),
    }


HOME_PANELS.extend([_directory_panel, _coverage_panel])
