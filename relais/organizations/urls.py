from django.urls import path

from relais.organizations import views

app_name = "organizations"
urlpatterns = [
    path("missions-locales/", views.ml_list, name="ml_list"),
    path("partenaires/", views.partner_list, name="partner_list"),
    path("couverture/", views.coverage, name="coverage"),
]
