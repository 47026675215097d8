"""Optional antivirus scan of uploads through clamd's INSTREAM protocol over its unix socket (stdlib only).

When settings.RELAIS_CLAMD_SOCKET names a socket, every upload is streamed to clamd before it is stored.
The scan fails closed: an infected file and an unreachable or confused scanner both refuse the upload.
"""

import socket
import struct

from django.conf import settings
from django.core.exceptions import ValidationError

CHUNK = 64 * 1024
UNAVAILABLE = (
    "Le fichier n'a pas pu être vérifié par l'antivirus pour le moment. Réessayez dans quelques minutes."
)


class ScanError(Exception):
    """The scanner could not give a verdict (unreachable, timeout, unexpected answer)."""


def clamd_instream(path: str, content: bytes, *, timeout: float = 30.0) -> str:
    """Send `content` to clamd with INSTREAM; return its answer ("stream: OK", "stream: X FOUND", ...)."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(timeout)
            sock.connect(path)
            sock.sendall(b"zINSTREAM\0")
            for start in range(0, len(content), CHUNK):
                chunk = content[start : start + CHUNK]
                sock.sendall(struct.pack("!L", len(chunk)) + chunk)
            sock.sendall(struct.pack("!L", 0))
            answer = b""
            while not answer.endswith(b"\0"):
                received = sock.recv(4096)
                if not received:
                    break
                answer += received
    except OSError as error:
        raise ScanError(str(error)) from error
    return answer.rstrip(b"\0").decode("utf-8", "replace").strip()


def scan_upload(content: bytes) -> None:
    """Refuse an infected upload (French ValidationError); do nothing when no scanner is configured."""
    path = getattr(settings, "RELAIS_CLAMD_SOCKET", "")
    if not path:
        return
    try:
        answer = clamd_instream(path, content)
    except ScanError as error:
        raise ValidationError(UNAVAILABLE) from error
    if answer.endswith("FOUND"):
        raise ValidationError("Le fichier contient un virus ou un contenu malveillant : il est refusé.")
    if not answer.endswith("OK"):  # "... ERROR" (size limit exceeded, ...) or an empty answer
        raise ValidationError(UNAVAILABLE)
