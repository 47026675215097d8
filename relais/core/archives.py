"""Bounded reading of zip archives (XLSX, Office, OpenDocument): sizes are checked before anything expands.

The sizes of a zip's central directory are trustworthy for this purpose: Python's `zipfile` never inflates an
entry past its declared size (a lying entry ends in a CRC error), so checking them bounds the memory any later
reading takes.
"""

import zipfile

from django.conf import settings
from django.template.defaultfilters import filesizeformat

# Small entries may compress extremely well (empty styles, repeated XML) without harming anyone.
RATIO_CHECKED_FROM_BYTES = 1024 * 1024


class ArchiveRefused(Exception):
    """The archive would expand beyond the configured bounds; the message is shown to the user (French)."""


def check_archive(archive: zipfile.ZipFile) -> None:
    """Refuse an archive with too many entries, too large once decompressed, or compressed suspiciously well."""
    entries = archive.infolist()
    max_entries = settings.RELAIS_ARCHIVE_MAX_ENTRIES
    if len(entries) > max_entries:
        raise ArchiveRefused(
            f"Le fichier contient {len(entries)} éléments compressés : {max_entries} au maximum."
        )
    max_ratio = settings.RELAIS_ARCHIVE_MAX_RATIO
    for info in entries:
        suspicious = info.file_size > max_ratio * max(info.compress_size, 1)
        if suspicious and info.file_size > RATIO_CHECKED_FROM_BYTES:
            raise ArchiveRefused(
                "Le fichier est anormalement compressé (un de ses éléments grossit plus de "
                f"{max_ratio} fois une fois décompressé) : il est refusé par précaution."
            )
    max_bytes = settings.RELAIS_ARCHIVE_MAX_BYTES
    if sum(info.file_size for info in entries) > max_bytes:
        raise ArchiveRefused(
            f"Une fois décompressé, le fichier dépasserait {filesizeformat(max_bytes)} : il est refusé."
        )


def read_entry(archive: zipfile.ZipFile, name: str, *, max_bytes: int) -> bytes:
    """The content of one entry, refused (ArchiveRefused) when it would exceed `max_bytes`."""
    info = archive.getinfo(name)
    refusal = ArchiveRefused(
        f"L'élément « {name[:60]} » du fichier dépasse {filesizeformat(max_bytes)} une fois décompressé."
    )
    if info.file_size > max_bytes:
        raise refusal
    with archive.open(info) as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise refusal
    return data
