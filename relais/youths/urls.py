from django.urls import path

from relais.youths import views

app_name = "youths"
urlpatterns = [
    path("", views.youth_list, name="list"),
    path("export/", views.youth_export, name="export"),
    path("nouveau/", views.youth_create, name="create"),
    path("import/", views.youth_import, name="import"),
    path(
        "import/modele.xlsx",
        views.youth_import_template,
        {"file_format": "xlsx"},
        name="import_template_xlsx",
    ),
    path(
        "import/modele.csv", views.youth_import_template, {"file_format": "csv"}, name="import_template_csv"
    ),
    path("import/confirmer/", views.youth_import_commit, name="import_commit"),
    path("import/suivi/<id:pk>/", views.youth_import_status, name="import_status"),
    path("<id:pk>/", views.youth_detail, name="detail"),
    path("<id:pk>/modifier/", views.youth_edit, name="edit"),
    path("<id:pk>/archiver/", views.youth_archive, name="archive"),
]
