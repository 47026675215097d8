from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class CoreConfig(AppConfig):
    name = "relais.core"
    label = "core"
    verbose_name = "Socle"

    def ready(self):
        # Each app declares its e-mails in <app>/notifications.py (the digest is core's own).
        autodiscover_modules("notifications")
        from relais.core.notifications import admin  # noqa: F401  (the outbox in the admin)
