from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "relais.mentoring"
    label = "mentoring"
    verbose_name = "Parrainage"
