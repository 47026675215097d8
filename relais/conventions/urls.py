from django.urls import path

from relais.conventions import views

app_name = "conventions"
urlpatterns = [
    path("", views.convention_list, name="list"),
    path("nouvelle/", views.convention_create, name="create"),
    path("mes-engagements/", views.my_commitments, name="my_commitments"),
    path("mes-engagements/calendrier.ics", views.my_ical, name="my_ical"),
    path("<int:pk>/", views.convention_detail, name="detail"),
    path("<int:pk>/modifier/", views.convention_edit, name="edit"),
    path("<int:pk>/statut/<slug:name>/", views.convention_transition, name="transition"),
    path("<int:pk>/engagements/ajouter/", views.commitment_add, name="commitment_add"),
    path("<int:pk>/documents/deposer/", views.document_upload, name="document_upload"),
    path("<int:pk>/documents/<int:document_id>/", views.document_download, name="document_download"),
    path("<int:pk>/calendrier.ics", views.convention_ical, name="ical"),
    path("echeances/<int:pk>/realisee/", views.occurrence_done, name="occurrence_done"),
]
