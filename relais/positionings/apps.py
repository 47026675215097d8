from django.apps import AppConfig


class PositioningsConfig(AppConfig):
    name = "relais.positionings"
    label = "positionings"
    verbose_name = "Positionnements"

    def ready(self):
        from relais.positionings import menu  # noqa: F401  (registers the navigation entries)
        from relais.positionings.hooks import register_hooks

        register_hooks()
