"""Uploads: served under the detected type's extension, macros refused, optional clamd scan (fail closed)."""

import socket
import struct
import threading

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from relais.conventions.services import document_upload
from relais.core.scope import Scope
from tests.conventions.test_uploads import DOCX, PDF, zipped

POLYGLOT = PDF + b"<html><body><script>alert(document.cookie)</script></body></html>\n"
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def upload(convention, user, name, content):
    return document_upload(
        convention=convention,
        scope=Scope.for_user(user),
        title="",
        kind="other",
        uploaded_file=SimpleUploadedFile(name, content),
    )


def download(client, document):
    response = client.get(f"/conventions/{document.convention_id}/documents/{document.pk}/")
    assert response.status_code == 200
    b"".join(response.streaming_content)
    response.close()
    return response


@pytest.mark.parametrize(
    "name,served",
    [("polyglot.html", "polyglot.pdf"), ("cv.pdf.exe", "cv.pdf"), ("charte.pdf", "charte.pdf")],
)
def test_stored_and_served_name_get_the_detected_extension(partnership, personas, client, name, served):
    document = upload(partnership, personas.arml_coordinator, name, POLYGLOT)
    assert document.original_name == served and document.content_type == "application/pdf"
    client.force_login(personas.arml_coordinator)
    response = download(client, document)
    assert response["Content-Disposition"] == f'attachment; filename="{served}"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"


def test_a_row_stored_under_a_lying_name_is_served_under_the_detected_extension(
    partnership, personas, client
):
    document = upload(partnership, personas.arml_coordinator, "cv.pdf", PDF)
    document.original_name = "cv.html"  # stored before the rule
    document.save(update_fields=["original_name"])
    client.force_login(personas.arml_coordinator)
    assert download(client, document)["Content-Disposition"] == 'attachment; filename="cv.pdf"'


MACRO_DOCX = zipped(
    {
        "[Content_Types].xml": '<Types><Override ContentType="application/vnd.ms-word.document.macroEnabled'
        '.main+xml" PartName="/word/document.xml"/></Types>',
        "word/document.xml": "<w:document/>",
    }
)
VBA_XLSX = zipped({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<w/>", "xl/vbaProject.bin": "\x00"})


@pytest.mark.parametrize(
    "name,content",
    [("rapport.docm", DOCX), ("rapport.docx", MACRO_DOCX), ("budget.xlsx", VBA_XLSX), ("deck.pptm", DOCX)],
    ids=["docm-name", "macro-content-type", "vba-project", "pptm-name"],
)
def test_macro_enabled_office_files_are_refused(partnership, personas, name, content):
    with pytest.raises(ValidationError, match="macros"):
        upload(partnership, personas.arml_coordinator, name, content)
    assert partnership.documents.count() == 0


class FakeClamd:
    """A clamd double on a unix socket speaking INSTREAM: length-prefixed chunks, a zero length, one answer."""

    def __init__(self, path, answer_for):
        self.path, self.answer_for, self.received = str(path), answer_for, []
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(self.path)
        self.server.listen(1)
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def _exactly(self, conn, size):
        data = b""
        while len(data) < size:
            chunk = conn.recv(size - len(data))
            if not chunk:
                raise ConnectionError("closed")
            data += chunk
        return data

    def serve(self):
        conn, _ = self.server.accept()
        with conn:
            assert self._exactly(conn, len(b"zINSTREAM\0")) == b"zINSTREAM\0"
            content = b""
            while size := struct.unpack("!L", self._exactly(conn, 4))[0]:
                content += self._exactly(conn, size)
            self.received.append(content)
            conn.sendall(self.answer_for(content) + b"\0")

    def close(self):
        self.thread.join(timeout=5)
        self.server.close()


def clamd_verdict(content):
    return b"stream: Eicar-Signature FOUND" if b"EICAR" in content else b"stream: OK"


@pytest.fixture
def short_tmp():
    """A short folder: unix socket paths are limited to about 100 characters."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="clamd") as folder:
        yield folder


def test_clamd_scans_and_accepts_a_clean_file(partnership, personas, settings, short_tmp):
    clamd = FakeClamd(f"{short_tmp}/clamd.sock", clamd_verdict)
    settings.RELAIS_CLAMD_SOCKET = clamd.path
    big_pdf = PDF + b"%" + b"x" * 200_000  # several INSTREAM chunks
    document = upload(partnership, personas.arml_coordinator, "charte.pdf", big_pdf)
    clamd.close()
    assert clamd.received == [big_pdf] and document.size == len(big_pdf)


def test_clamd_refuses_an_infected_file(partnership, personas, settings, short_tmp):
    clamd = FakeClamd(f"{short_tmp}/clamd.sock", clamd_verdict)
    settings.RELAIS_CLAMD_SOCKET = clamd.path
    with pytest.raises(ValidationError, match="virus"):
        upload(partnership, personas.arml_coordinator, "charte.pdf", PDF + EICAR)
    clamd.close()
    assert partnership.documents.count() == 0


def test_clamd_error_answer_refuses_the_file(partnership, personas, settings, short_tmp):
    clamd = FakeClamd(f"{short_tmp}/clamd.sock", lambda content: b"INSTREAM size limit exceeded. ERROR")
    settings.RELAIS_CLAMD_SOCKET = clamd.path
    with pytest.raises(ValidationError, match="antivirus"):
        upload(partnership, personas.arml_coordinator, "charte.pdf", PDF)
    clamd.close()
    assert partnership.documents.count() == 0


def test_unreachable_scanner_refuses_the_upload(partnership, personas, settings, short_tmp):
    settings.RELAIS_CLAMD_SOCKET = f"{short_tmp}/absent.sock"
    with pytest.raises(ValidationError, match="antivirus"):
        upload(partnership, personas.arml_coordinator, "charte.pdf", PDF)
    assert partnership.documents.count() == 0
