from django.urls import path
from django.views.generic import RedirectView

from relais.positionings import proposal_views, views

app_name = "positionings"
urlpatterns = [
    path("", views.positioning_list, name="mine"),
    path("a-transmettre/", views.referent_list, name="referent"),
    path("candidatures-recues/", views.received_list, name="received"),
    path("proposer/", proposal_views.propose, name="propose"),
    # The notification choices moved to the one preferences page.
    path("notifications/", RedirectView.as_view(pattern_name="core:notifications"), name="preferences"),
    path("jeune/<id:pk>/", proposal_views.youth_positionings, name="for_youth"),
    path("opportunite/<id:pk>/", proposal_views.opportunity_positionings, name="for_opportunity"),
    path("<id:pk>/", views.positioning_detail, name="detail"),
    path("<id:pk>/fin/", views.record_end, name="record_end"),
    path("<id:pk>/<str:name>/", views.positioning_action, name="action"),
]
