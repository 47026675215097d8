from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "relais.organizations"
    label = "organizations"
    verbose_name = "Réseau et partenaires"
