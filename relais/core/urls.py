from django.contrib.auth.decorators import login_not_required
from django.templatetags.static import static
from django.urls import path
from django.views.generic import RedirectView

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
    # Browsers ask for /favicon.ico whatever the page says: the DSFR's icon, without a login.
    path(
        "favicon.ico",
        login_not_required(
            RedirectView.as_view(url=static("dsfr/dist/favicon/favicon.ico"), permanent=False)
        ),
        name="favicon",
    ),
]
