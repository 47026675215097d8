"""An uploaded file kept between an import's preview and its confirmation, outside the web root."""

import re
import secrets
import time

from django.conf import settings

TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
MAX_AGE_SECONDS = 24 * 3600


def _directory(folder: str):
    directory = settings.PRIVATE_STORAGE_ROOT / folder
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    return directory


def store(content: bytes, *, folder: str) -> str:
    """Keep the file under a random name (files older than a day are dropped); return the token naming it."""
    directory = _directory(folder)
    limit = time.time() - MAX_AGE_SECONDS
    for stale in directory.glob("*.upload"):
        if stale.stat().st_mtime < limit:
            stale.unlink(missing_ok=True)
    token = secrets.token_urlsafe(24)
    (directory / f"{token}.upload").write_bytes(content)
    return token


def load(token: str, *, folder: str) -> bytes | None:
    if not token or not TOKEN_RE.match(token):
        return None
    path = _directory(folder) / f"{token}.upload"
    return path.read_bytes() if path.exists() else None


def delete(token: str, *, folder: str) -> None:
    if token and TOKEN_RE.match(token):
        (_directory(folder) / f"{token}.upload").unlink(missing_ok=True)
