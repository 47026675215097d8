"""The OpenAPI schema: generated without a warning, served, and documented from local static files."""

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_schema_generation_passes_validation_with_warnings_as_failures(tmp_path):
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    text = target.read_text()
    assert "openapi: 3" in text and "/api/v1/directory/missions-locales/" in text


@pytest.mark.django_db
def test_schema_is_served_with_a_dated_changelog(client):
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["description"].index("Journal des modifications") < 400
    assert "2026-12-02" in schema["info"]["description"]
    assert "jeton" in schema["components"]["securitySchemes"]


@pytest.mark.django_db
def test_documentation_page_uses_local_static_files(client):
    page = client.get("/api/v1/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower() and "https://" not in page
    script = client.get("/api/v1/docs/?script=")
    assert script.status_code == 200 and "/api/v1/schema/" in script.content.decode()
