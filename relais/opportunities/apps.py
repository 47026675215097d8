from django.apps import AppConfig


class OpportunitiesConfig(AppConfig):
    name = "relais.opportunities"
    label = "opportunities"
    verbose_name = "Opportunités"

    def ready(self):
        from relais.opportunities import tasks  # noqa: F401  (huey tasks)
