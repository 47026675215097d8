from django.urls import path
from django.views.generic import RedirectView

from relais.opportunities import import_views, views

app_name = "opportunities"
urlpatterns = [
    path("", views.opportunity_list, name="list"),
    path("nouvelle/", views.opportunity_create, name="create"),
    path("import/", import_views.opportunity_import, name="import"),
    path("import/confirmer/", import_views.opportunity_import_commit, name="import_commit"),
    path(
        "import/modele.xlsx",
        import_views.opportunity_import_template,
        {"file_format": "xlsx"},
        name="import_xlsx",
    ),
    path(
        "import/modele.csv",
        import_views.opportunity_import_template,
        {"file_format": "csv"},
        name="import_csv",
    ),
    # The notification choices moved to the one preferences page.
    path("notifications/", RedirectView.as_view(pattern_name="core:notifications"), name="preferences"),
    path(
        "conventions/<id:convention_pk>/diffusion/",
        views.convention_diffusion_setting,
        name="convention_setting",
    ),
    path("<id:pk>/", views.opportunity_detail, name="detail"),
    path("<id:pk>/modifier/", views.opportunity_edit, name="edit"),
    path("<id:pk>/diffuser/", views.opportunity_diffuse, name="diffuse"),
    path("<id:pk>/<str:name>/", views.opportunity_transition, name="transition"),
]
