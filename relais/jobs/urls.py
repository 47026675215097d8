from django.urls import path

from relais.jobs import views

app_name = "jobs"
urlpatterns = [
    path("", views.rome_title_search, name="rome_search"),
    path("selection/", views.rome_title_selection, name="rome_selection"),
]
