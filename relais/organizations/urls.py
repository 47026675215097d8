from django.urls import path

from relais.organizations import operator_import_views, referent_import_views, views

app_name = "organizations"
urlpatterns = [
    path("missions-locales/", views.ml_list, name="ml_list"),
    path("partenaires/", views.partner_list, name="partner_list"),
    path("couverture/", views.coverage, name="coverage"),
    path("tables/<slug:slug>/import/", operator_import_views.operator_import, name="operator_import"),
    path(
        "tables/<slug:slug>/import/confirmer/",
        operator_import_views.operator_import_commit,
        name="operator_commit",
    ),
    path("organisations/<id:pk>/", views.organization_detail, name="detail"),
    path("organisations/<id:pk>/equipe/", views.team, name="team"),
    path("organisations/<id:pk>/referents/", views.referents_edit, name="referents_edit"),
    path("organisations/<id:pk>/referents/nouveau/", views.referent_edit, name="referent_edit"),
    path(
        "organisations/<id:pk>/referents/import/",
        referent_import_views.referent_import,
        name="referent_import",
    ),
    path(
        "organisations/<id:pk>/referents/import/confirmer/",
        referent_import_views.referent_import_commit,
        name="referent_import_commit",
    ),
    path(
        "organisations/<id:pk>/referents/import/modele.xlsx",
        referent_import_views.referent_import_template,
        {"file_format": "xlsx"},
        name="referent_import_xlsx",
    ),
    path(
        "organisations/<id:pk>/referents/import/modele.csv",
        referent_import_views.referent_import_template,
        {"file_format": "csv"},
        name="referent_import_csv",
    ),
    path(
        "organisations/<id:pk>/referents/<id:referent_pk>/retirer/",
        views.referent_delete,
        name="referent_delete",
    ),
    path("organisations/<id:pk>/points-d-accueil/nouveau/", views.site_edit, name="site_create"),
    path("organisations/<id:pk>/points-d-accueil/<id:site_pk>/", views.site_edit, name="site_edit"),
    path(
        "organisations/<id:pk>/points-d-accueil/<id:site_pk>/supprimer/",
        views.site_delete,
        name="site_delete",
    ),
]
