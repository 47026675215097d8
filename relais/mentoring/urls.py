"""URLs of the mentoring app."""

from django.urls import path

from relais.mentoring import mentorship_views, views

app_name = "mentoring"
urlpatterns = [
    path("", mentorship_views.mentorship_list, name="mentorship_list"),
    path("nouveau/", mentorship_views.mentorship_create_view, name="mentorship_create"),
    path("<id:pk>/", mentorship_views.mentorship_detail, name="mentorship_detail"),
    path("<id:pk>/rencontre/", mentorship_views.meeting_create, name="meeting_create"),
    path("<id:pk>/suivi/<id:follow_up_pk>/", mentorship_views.follow_up_view, name="follow_up"),
    path("<id:pk>/<str:name>/", mentorship_views.mentorship_action, name="mentorship_action"),
    path("parrains/", views.mentor_list, name="mentor_list"),
    path("parrains/nouveau/", views.mentor_form, name="mentor_create"),
    path("parrains/<id:pk>/", views.mentor_detail, name="mentor_detail"),
    path("parrains/<id:pk>/modifier/", views.mentor_form, name="mentor_edit"),
]
