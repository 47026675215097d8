"""Addresses of the roll-up and the live dashboards (included into the reviews app's urls, namespace "reviews")."""

from django.urls import path

from relais.reviews import dashboard_views

urlpatterns = [
    path("consolidation/", dashboard_views.rollup, name="rollup"),
    path("consolidation/export.<slug:fmt>", dashboard_views.rollup_export, name="rollup_export"),
    path("tableau-de-bord/", dashboard_views.dashboard, name="dashboard"),
]
