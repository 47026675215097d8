from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "relais.reviews"
    label = "reviews"
    verbose_name = "Bilans et tableaux de bord"
