from django.apps import AppConfig


class PositioningsConfig(AppConfig):
    name = "relais.positionings"
    label = "positionings"
    verbose_name = "Positionnements"
