"""Office and OpenDocument uploads are zip archives: their entries are read within bounds, never inflated whole.

The crafted archives are built here, in memory; memory is asserted with tracemalloc (never timing).
"""

import io
import tracemalloc
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from relais.conventions.services import document_upload
from relais.core.scope import Scope

MB = 1024 * 1024
ODT_MIME = b"application/vnd.oasis.opendocument.text"


def odt_with_mimetype(size: int) -> bytes:
    """An .odt whose `mimetype` entry holds the right type followed by `size` spaces, deflated."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("mimetype", "w", force_zip64=True) as handle:
            handle.write(ODT_MIME)
            for _ in range(size // MB):
                handle.write(b" " * MB)
            handle.write(b" " * (size % MB))
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def upload(convention, user, content, name="compte-rendu.odt"):
    return document_upload(
        convention=convention,
        scope=Scope.for_user(user),
        title="Compte rendu",
        kind="other",
        uploaded_file=SimpleUploadedFile(name, content),
    )


def test_a_small_odt_whose_mimetype_expands_hugely_is_refused_without_inflating_it(
    partnership, personas, private_storage
):
    content = odt_with_mimetype(64 * MB)
    assert len(content) < MB
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError) as refusal:
            upload(partnership, personas.arml_coordinator, content)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "anormalement compressé" in refusal.value.messages[0]
    assert peak < 10 * MB
    assert partnership.documents.count() == 0


def test_a_mimetype_entry_past_its_bound_is_refused_in_french(partnership, personas, private_storage):
    # 10 KB: too small for the compression check, but no mimetype is ever that long.
    with pytest.raises(ValidationError) as refusal:
        upload(partnership, personas.arml_coordinator, odt_with_mimetype(10_000))
    assert refusal.value.messages == [
        "L'élément « mimetype » du fichier dépasse 256\xa0octets une fois décompressé."
    ]
    assert partnership.documents.count() == 0


def test_a_plain_odt_is_still_accepted(partnership, personas, private_storage):
    document = upload(partnership, personas.arml_coordinator, odt_with_mimetype(0))
    assert document.content_type == ODT_MIME.decode()


def test_the_upload_page_shows_the_refusal(client, partnership, personas, private_storage):
    client.force_login(personas.arml_coordinator)
    response = client.post(
        f"/conventions/{partnership.pk}/documents/deposer/",
        {"title": "CR", "kind": "other", "file": SimpleUploadedFile("cr.odt", odt_with_mimetype(8 * MB))},
    )
    assert response.status_code == 200
    assert "anormalement compressé" in response.content.decode()
    assert partnership.documents.count() == 0
