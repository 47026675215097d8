from django.apps import AppConfig


class YouthsConfig(AppConfig):
    name = "relais.youths"
    label = "youths"
    verbose_name = "Jeunes"
