"""The logo and the documents of a sheet are checked by their content and size, and served safely."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from relais.core.scope import Scope
from relais.sheets import services
from relais.sheets.models import PartnerSheet
from tests.sheets.factories import PLAIN_SVG, png_bytes

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
REFUSED_SVGS = {
    "script": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    "event handler": b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="5" height="5" onload="alert(1)"/></svg>',
    "foreignObject": (
        b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p>'
        b"</foreignObject></svg>"
    ),
    "external image": (
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        b'<image xlink:href="https://tracker.example/pixel.png"/></svg>'
    ),
    "external href": b'<svg xmlns="http://www.w3.org/2000/svg"><use href="https://evil.example/a.svg#x"/></svg>',
    "javascript link": b'<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><rect/></a></svg>',
    "external css url": (
        b'<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill: url(https://evil.example/x)"/></svg>'
    ),
    "style import": b'<svg xmlns="http://www.w3.org/2000/svg"><style>@import "https://evil.example/a.css";</style></svg>',
    "entities": (
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaa">]>'
        b'<svg xmlns="http://www.w3.org/2000/svg"><text>&a;</text></svg>'
    ),
    "stylesheet instruction": (
        b'<?xml-stylesheet href="https://evil.example/a.css"?><svg xmlns="http://www.w3.org/2000/svg"/>'
    ),
    "animated link": (
        b'<svg xmlns="http://www.w3.org/2000/svg"><a><set attributeName="href" to="javascript:alert(1)"/></a></svg>'
    ),
    "not an svg": b'<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>',
}


@pytest.fixture
def keeper(personas):
    return Scope.for_user(personas.geiq_coordinator)


def set_logo(personas, keeper, name, content):
    return services.logo_set(
        organization=personas.network.geiq, scope=keeper, uploaded_file=SimpleUploadedFile(name, content)
    )


@pytest.mark.parametrize("case", sorted(REFUSED_SVGS))
def test_an_svg_that_could_run_or_fetch_anything_is_refused(personas, keeper, case, private_storage):
    with pytest.raises(ValidationError):
        set_logo(personas, keeper, "logo.svg", REFUSED_SVGS[case])
    assert not PartnerSheet.objects.filter(organization=personas.network.geiq).exclude(logo="").exists()


def test_a_plain_svg_with_internal_references_is_accepted(personas, keeper):
    sheet = set_logo(personas, keeper, "logo.svg", PLAIN_SVG)
    assert sheet.logo_content_type == "image/svg+xml" and sheet.logo.name.endswith(".svg")


def test_a_png_renamed_svg_is_stored_and_served_as_the_png_it_is(client, personas, keeper):
    sheet = set_logo(personas, keeper, "logo.svg", png_bytes())
    assert sheet.logo_content_type == "image/png" and sheet.logo.name.endswith(".png")
    client.force_login(personas.counsellor_b)
    response = client.get(f"/fiches/{personas.network.geiq.pk}/logo")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content)[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_pdf_renamed_png_is_refused_as_a_logo(personas, keeper):
    with pytest.raises(ValidationError, match="type d'image"):
        set_logo(personas, keeper, "logo.png", PDF)


def test_an_oversized_logo_is_refused(personas, keeper):
    with pytest.raises(ValidationError, match="taille maximale"):
        set_logo(personas, keeper, "logo.png", png_bytes() + b"\0" * (1024 * 1024))


def test_a_logo_of_too_many_pixels_is_refused(personas, keeper):
    with pytest.raises(ValidationError, match="trop grande"):
        set_logo(personas, keeper, "logo.png", png_bytes(5000, 4000))


def test_an_svg_logo_is_served_with_a_restrictive_policy(client, personas, keeper):
    set_logo(personas, keeper, "logo.svg", PLAIN_SVG)
    client.force_login(personas.counsellor_a)
    response = client.get(f"/fiches/{personas.network.geiq.pk}/logo")
    assert response["Content-Type"] == "image/svg+xml"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == PLAIN_SVG


def test_the_logo_page_says_why_an_svg_is_refused(client, personas):
    client.force_login(personas.geiq_coordinator)
    response = client.post(
        f"/fiches/{personas.network.geiq.pk}/logo/changer/",
        {"logo": SimpleUploadedFile("logo.svg", REFUSED_SVGS["script"])},
    )
    assert response.status_code == 200 and "script" in response.content.decode()


def test_a_sheet_document_is_checked_like_a_convention_document(personas, keeper, private_storage):
    with pytest.raises(ValidationError, match="type de fichier"):
        services.document_upload(
            organization=personas.network.geiq,
            scope=keeper,
            uploaded_file=SimpleUploadedFile("plaquette.pdf", b"<html><script>x</script></html>"),
            title="Plaquette",
        )


def test_an_oversized_sheet_document_is_refused(personas, keeper, settings):
    settings.RELAIS_UPLOAD_MAX_BYTES = 1000
    with pytest.raises(ValidationError, match="taille maximale"):
        services.document_upload(
            organization=personas.network.geiq,
            scope=keeper,
            uploaded_file=SimpleUploadedFile("plaquette.pdf", PDF + b"\0" * 1000),
            title="Plaquette",
        )


def test_a_sheet_document_downloads_for_a_member_and_is_gone_once_removed(client, personas, keeper):
    document = services.document_upload(
        organization=personas.network.geiq,
        scope=keeper,
        uploaded_file=SimpleUploadedFile("plaquette.exe", PDF),
        title="Plaquette",
    )
    url = f"/fiches/{personas.network.geiq.pk}/documents/{document.pk}/"
    client.force_login(personas.counsellor_b)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert 'filename="plaquette.pdf"' in response["Content-Disposition"]
    assert client.get(f"/fiches/{personas.network.geiq_2.pk}/documents/{document.pk}/").status_code == 404
    client.force_login(personas.geiq_coordinator)
    assert client.post(url + "retirer/").status_code == 302
    assert client.get(url).status_code == 404
