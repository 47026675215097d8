from django.apps import AppConfig


class OpportunitiesConfig(AppConfig):
    name = "relais.opportunities"
    label = "opportunities"
    verbose_name = "Opportunités"
