"""URLs of the events app."""

from django.urls import path

from relais.events import (
    attendance_views,
    ical_views,
    picker_views,
    registration_views,
    signin_views,
    views,
)

app_name = "events"
urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("mes-evenements/", views.my_events, name="mine"),
    path("nouveau/", views.event_create, name="create"),
    path("structures/", picker_views.organization_search, name="organization_search"),
    path("structures/selection/", picker_views.organization_selection, name="organization_selection"),
    path("<id:pk>/", views.event_detail, name="detail"),
    path("<id:pk>/modifier/", views.event_edit, name="edit"),
    path("<id:pk>/action/<slug:name>/", views.event_move, name="move"),
    path("<id:pk>/evenement.ics", ical_views.event_ics, name="ics"),
    path("<id:pk>/inscription/", registration_views.register_self, name="register_self"),
    path("<id:pk>/inscrire-un-jeune/", registration_views.register_youth, name="register_youth"),
    path(
        "<id:pk>/inscriptions/<id:registration_pk>/<slug:name>/",
        registration_views.registration_move,
        name="registration_move",
    ),
    path("<id:pk>/presences/", attendance_views.attendance_checklist, name="attendance"),
    path("<id:pk>/presences/import/", signin_views.signin_upload, name="signin"),
    path("<id:pk>/presences/import/confirmer/", signin_views.signin_commit, name="signin_commit"),
    path("<id:pk>/presences/modele.xlsx", signin_views.signin_template, name="signin_template"),
    path("<id:pk>/bilan/", attendance_views.outcome, name="outcome"),
    path("<id:pk>/documents/nouveau/", attendance_views.document_upload, name="document_upload"),
    path("<id:pk>/documents/<id:document_pk>/", attendance_views.document_download, name="document"),
    path(
        "<id:pk>/documents/<id:document_pk>/retirer/",
        attendance_views.document_remove,
        name="document_remove",
    ),
]
