from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "relais.core"
    label = "core"
    verbose_name = "Socle"

    def ready(self):
        from relais.core.providers import autodiscover

        # The one place the apps' extension points are filled: each app's providers.py, menu.py and
        # notifications.py modules.
        autodiscover()
        from relais.core.notifications import admin  # noqa: F401  (the outbox in the admin)
