from django.apps import AppConfig


class ConventionsConfig(AppConfig):
    name = "relais.conventions"
    label = "conventions"
    verbose_name = "Conventions de partenariat"
