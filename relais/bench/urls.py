"""The site's URLconf plus the two floors of the benchmark (loaded only through relais.bench.settings)."""

from django.urls import path

from relais.bench import floors
from relais.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    path("__bench__/vue-nue/", floors.bare_view, name="bench_bare_view"),
    path("__bench__/page-nue/", floors.bare_layout, name="bench_bare_layout"),
    *site_urlpatterns,
]
