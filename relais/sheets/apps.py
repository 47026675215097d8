from django.apps import AppConfig


class SheetsConfig(AppConfig):
    name = "relais.sheets"
    label = "sheets"
    verbose_name = "Fiches partenaires"
