"""Navigation entries of the network directory."""

from relais.core.menu import register

register(20, "Missions Locales", "organizations:ml_list")
register(30, "Partenaires", "organizations:partner_list")
register(40, "Couverture des référents", "organizations:coverage")
