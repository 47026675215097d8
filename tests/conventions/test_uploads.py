"""Documents: size limit, type from the content, stored outside the web root, served after a permission check."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from relais.conventions.services import document_upload

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def zipped(files: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX = zipped({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})
ODS = zipped({"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"})


def upload(convention, user, name, content):
    return document_upload(convention=convention, acting_user=user, title="Doc", kind="other",
                           uploaded_file=SimpleUploadedFile(name, content))


@pytest.mark.parametrize("name,content,mime", [
    ("charte.pdf", PDF, "application/pdf"),
    ("logo.png", PNG, "image/png"),
    ("cr.docx", DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("bilan.ods", ODS, "application/vnd.oasis.opendocument.spreadsheet"),
], ids=["pdf", "png", "docx", "ods"])
def test_accepted_documents_are_stored_in_private_storage(aura, personas, private_storage, name, content, mime):
    document = upload(aura, personas.arml_coordinator, name, content)
    assert document.content_type == mime and document.size == len(content)
    assert document.file.path.startswith(str(private_storage))
    assert document.original_name == name and name not in document.file.name


@pytest.mark.parametrize("name,content", [
    ("script.pdf", b"<html><script>alert(1)</script></html>"),  # the name lies
    ("archive.docx", zipped({"payload.exe": "MZ"})),  # a zip that is not an office file
    ("vide.pdf", b""),
], ids=["html-named-pdf", "zip-named-docx", "empty"])
def test_other_content_is_refused_whatever_its_name(aura, personas, name, content):
    with pytest.raises(ValidationError):
        upload(aura, personas.arml_coordinator, name, content)
    assert aura.documents.count() == 0


def test_files_over_the_size_limit_are_refused(aura, personas, settings):
    settings.RELAIS_UPLOAD_MAX_BYTES = 100
    with pytest.raises(ValidationError, match="taille maximale"):
        upload(aura, personas.arml_coordinator, "gros.pdf", PDF + b"0" * 200)


def test_download_checks_permission(aura, personas, client):
    document = upload(aura, personas.arml_coordinator, "charte.pdf", PDF)
    url = f"/conventions/{aura.pk}/documents/{document.pk}/"
    client.force_login(personas.cre_a)  # ML under AMILAURA: may read
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    client.force_login(personas.network.arml_ge and _outsider(personas))
    assert client.get(url).status_code == 404


def _outsider(personas):
    from relais.organizations.enums import Role
    from tests.organizations.factories import user_with_role

    return user_with_role(personas.network.arml_ge, Role.COORDINATOR, "coord@arml-ge.test")
