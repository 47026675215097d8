from django.urls import path

from relais.conventions import views

app_name = "conventions"
urlpatterns = [
    path("", views.convention_list, name="list"),
    path("mes-engagements/", views.my_commitments, name="my_commitments"),
]
