from django.urls import path

from relais.core import legal, views
from relais.core.notifications import views as notifications

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("sante/", views.health, name="health"),
    path("notifications/", notifications.preferences, name="notifications"),
    path("mentions-legales/", legal.legal_notice, name="legal_notice"),
    path("donnees-personnelles/", legal.personal_data, name="personal_data"),
    path("accessibilite/", legal.accessibility, name="accessibility"),
    path("plan-du-site/", legal.sitemap, name="sitemap"),
]
