from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "relais.organizations"
    label = "organizations"
    verbose_name = "Réseau et partenaires"

    def ready(self):
        from relais.organizations import menu  # noqa: F401  (registers navigation entries)
