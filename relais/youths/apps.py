from django.apps import AppConfig


class YouthsConfig(AppConfig):
    name = "relais.youths"
    label = "youths"
    verbose_name = "Jeunes"

    def ready(self):
        from relais.youths import menu  # noqa: F401  (registers the navigation entry and the home panel)
