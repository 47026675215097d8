"""URLs of the events app."""

from django.urls import path

from relais.events import views

app_name = "events"
urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("<id:pk>/", views.event_detail, name="detail"),
]
