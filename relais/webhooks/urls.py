"""Addresses of the webhook pages (/api/webhooks/)."""

from django.urls import path

from relais.webhooks import views

app_name = "webhooks"

urlpatterns = [
    path("", views.endpoint_list, name="list"),
    path("nouveau/", views.endpoint_new, name="new"),
    path("<id:pk>/", views.endpoint_detail, name="detail"),
    path("<id:pk>/desactiver/", views.endpoint_disable, name="disable"),
    path("<id:pk>/reactiver/", views.endpoint_enable, name="enable"),
    path("<id:pk>/supprimer/", views.endpoint_delete_view, name="delete"),
    path("<id:pk>/tester/", views.endpoint_test, name="test"),
]
