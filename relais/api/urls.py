"""Addresses of the API (/api/v1/), its schema and documentation, and the token pages (/api/jetons/)."""

from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from relais.api import directory, events, opportunities, positionings, views

app_name = "api"

router = SimpleRouter(trailing_slash=True)
router.register("directory/missions-locales", directory.MissionLocaleViewSet, basename="mission-locale")
router.register("directory/partners", directory.PartnerViewSet, basename="partner")
router.register("directory/referents", directory.ReferentViewSet, basename="referent")
router.register("conventions", directory.ConventionViewSet, basename="convention")
router.register("opportunities", opportunities.OpportunityViewSet, basename="opportunity")
router.register("positionings", positionings.PositioningViewSet, basename="positioning")
router.register("events", events.EventViewSet, basename="event")


@csrf_exempt
def not_found(request, *args, **kwargs):
    """Any other address under /api/v1/ answers in JSON, like the API (never the site's HTML page)."""
    return JsonResponse({"detail": "Cette adresse n'existe pas dans l'API."}, status=404)


# The API authenticates each call itself (token or session): the site's login redirect does not apply.
api_patterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api:schema", template_name="api/docs.html", title="Documentation de l'API Relais"
        ),
        name="docs",
    ),
    *router.urls,
    re_path(r"^.*$", not_found),
]
for pattern in api_patterns:
    pattern.callback = login_not_required(pattern.callback)

urlpatterns = [
    path("v1/", include(api_patterns)),
    path("jetons/", views.token_list, name="token_list"),
    path("jetons/nouveau/", views.token_new, name="token_new"),
    path("jetons/<id:pk>/", views.token_detail, name="token_detail"),
    path("jetons/<id:pk>/revoquer/", views.token_revoke_view, name="token_revoke"),
]
