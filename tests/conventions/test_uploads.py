"""Documents: size limit, type from the content, stored outside the web root, served after a permission check."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from relais.conventions.enums import OccurrenceKind
from relais.conventions.services import document_upload
from relais.core.scope import Scope

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
    return document_upload(
        convention=convention,
        scope=Scope.for_user(user),
        title="Doc",
        kind="other",
        uploaded_file=SimpleUploadedFile(name, content),
    )


@pytest.mark.parametrize(
    "name,content,mime",
    [
        ("charte.pdf", PDF, "application/pdf"),
        ("logo.png", PNG, "image/png"),
        ("cr.docx", DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("bilan.ods", ODS, "application/vnd.oasis.opendocument.spreadsheet"),
    ],
    ids=["pdf", "png", "docx", "ods"],
)
def test_accepted_documents_are_stored_in_private_storage(
    partnership, personas, private_storage, name, content, mime
):
    document = upload(partnership, personas.arml_coordinator, name, content)
    assert document.content_type == mime and document.size == len(content)
    assert document.file.path.startswith(str(private_storage))
    assert document.original_name == name and name not in document.file.name


@pytest.mark.parametrize(
    "name,content",
    [
        ("script.pdf", b"<html><script>alert(1)</script></html>"),  # the name lies
        ("archive.docx", zipped({"payload.exe": "MZ"})),  # a zip that is not an office file
        ("vide.pdf", b""),
    ],
    ids=["html-named-pdf", "zip-named-docx", "empty"],
)
def test_other_content_is_refused_whatever_its_name(partnership, personas, name, content):
    with pytest.raises(ValidationError):
        upload(partnership, personas.arml_coordinator, name, content)
    assert partnership.documents.count() == 0


def test_files_over_the_size_limit_are_refused(partnership, personas, settings):
    settings.RELAIS_UPLOAD_MAX_BYTES = 100
    with pytest.raises(ValidationError, match="taille maximale"):
        upload(partnership, personas.arml_coordinator, "gros.pdf", PDF + b"0" * 200)


def test_download_checks_permission(partnership, personas, client):
    document = upload(partnership, personas.arml_coordinator, "charte.pdf", PDF)
    url = f"/conventions/{partnership.pk}/documents/{document.pk}/"
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


def stored_files(private_storage) -> list:
    return [p for p in private_storage.rglob("*") if p.is_file()] if private_storage.exists() else []


def test_coordinator_deposits_a_document_through_the_upload_page(
    client, partnership, personas, private_storage
):
    client.force_login(personas.arml_coordinator)
    assert client.get(f"/conventions/{partnership.pk}/documents/deposer/").status_code == 200
    response = client.post(
        f"/conventions/{partnership.pk}/documents/deposer/",
        {
            "title": "Charte signée",
            "kind": "signed",
            "file": SimpleUploadedFile("charte.pdf", PDF),
        },
    )
    assert response.status_code == 302
    document = partnership.documents.get()
    assert (document.title, document.kind, document.content_type) == (
        "Charte signée",
        "signed",
        "application/pdf",
    )
    assert stored_files(private_storage) == [private_storage / document.file.name]
    assert "Charte signée" in client.get(f"/conventions/{partnership.pk}/").content.decode()


def test_the_upload_page_refuses_a_disguised_file_and_says_why(
    client, partnership, personas, private_storage
):
    client.force_login(personas.arml_coordinator)
    response = client.post(
        f"/conventions/{partnership.pk}/documents/deposer/",
        {
            "title": "Faux PDF",
            "kind": "other",
            "file": SimpleUploadedFile("faux.pdf", b"<html></html>"),
        },
    )
    assert (
        response.status_code == 200
        and "Ce type de fichier n&#x27;est pas accepté" in response.content.decode()
    )
    assert partnership.documents.count() == 0 and stored_files(private_storage) == []


def test_a_reader_cannot_open_the_upload_page(client, partnership, personas):
    client.force_login(personas.cre_a)
    assert client.get(f"/conventions/{partnership.pk}/documents/deposer/").status_code == 403


def test_a_refused_realisation_leaves_no_orphan_evidence_file(client, partnership, personas, private_storage):
    point = partnership.occurrences.filter(kind=OccurrenceKind.FOLLOW_UP).first()
    client.force_login(personas.arml_coordinator)
    response = client.post(
        f"/conventions/echeances/{point.pk}/realisee/",
        {
            "done_on": "2999-01-01",
            "note": "",
            "file": SimpleUploadedFile("cr.pdf", PDF),
        },
    )
    assert response.status_code == 200 and "ne peut pas être dans le futur" in response.content.decode()
    assert partnership.documents.count() == 0 and stored_files(private_storage) == []
    point.refresh_from_db()
    assert point.status != "done"


def test_a_second_realisation_of_the_same_item_leaves_no_file_either(
    client, partnership, personas, private_storage
):
    point = partnership.occurrences.filter(kind=OccurrenceKind.FOLLOW_UP).first()
    client.force_login(personas.arml_coordinator)
    first = client.post(
        f"/conventions/echeances/{point.pk}/realisee/",
        {
            "done_on": "2025-05-05",
            "note": "",
            "file": SimpleUploadedFile("cr.pdf", PDF),
        },
    )
    assert first.status_code == 302
    point.refresh_from_db()
    assert point.document.kind == "evidence" and len(stored_files(private_storage)) == 1
    again = client.post(
        f"/conventions/echeances/{point.pk}/realisee/",
        {
            "done_on": "2025-05-05",
            "note": "",
            "file": SimpleUploadedFile("cr-bis.pdf", PDF),
        },
    )
    assert "déjà marquée comme réalisée" in again.content.decode()
    assert partnership.documents.count() == 1 and len(stored_files(private_storage)) == 1
