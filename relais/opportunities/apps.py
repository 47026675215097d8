from django.apps import AppConfig


class OpportunitiesConfig(AppConfig):
    name = "relais.opportunities"
    label = "opportunities"
    verbose_name = "Opportunités"

    def ready(self):
        from relais.opportunities import menu  # noqa: F401  (menu entry, home panel)
