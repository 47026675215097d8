"""Root URL configuration."""

from django.contrib import admin
from django.urls import include, path, register_converter

from relais.core.ids import IdConverter

# Every primary key of a path is written <id:...>: in the database's range or no match (404), never an overflow.
register_converter(IdConverter, "id")

admin.site.site_header = "Administration de Relais"
admin.site.site_title = "Relais"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("comptes/", include("relais.accounts.urls")),
    path("reseau/", include("relais.organizations.urls")),
    path("conventions/", include("relais.conventions.urls")),
    path("jeunes/", include("relais.youths.urls")),
    path("opportunites/", include("relais.opportunities.urls")),
    path("positionnements/", include("relais.positionings.urls")),
    path("evenements/", include("relais.events.urls")),
    path("parrainage/", include("relais.mentoring.urls")),
    path("fiches/", include("relais.sheets.urls")),
    path("bilans/", include("relais.reviews.urls")),
    path("referentiels/metiers/", include("relais.jobs.urls")),
    path("referentiels/communes/", include("relais.territories.urls")),
    path("api/webhooks/", include("relais.webhooks.urls")),
    path("api/", include("relais.api.urls")),
    path("", include("relais.core.urls")),
]
