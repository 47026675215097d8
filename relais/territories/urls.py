from django.urls import path

from relais.territories import views

app_name = "territories"
urlpatterns = [
    path("", views.commune_search, name="commune_search"),
]
