from django.apps import AppConfig


class ConventionsConfig(AppConfig):
    name = "relais.conventions"
    label = "conventions"
    verbose_name = "Conventions de partenariat"

    def ready(self):
        from relais.core.menu import register

        register(10, "Conventions", "conventions:list")
        register(11, "Mes engagements", "conventions:my_commitments")
