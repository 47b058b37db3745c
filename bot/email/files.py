"""Reading a case's stored files back to attach them to a mail."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from bot.email.compose import OutgoingFile
from store.attachments import blob_path


class StoredFile(Protocol):
    """A stored file as an `Attachment` row or a `ReplyFile` names it."""

    @property
    def filename(self) -> str: ...
    @property
    def content_type(self) -> str: ...
    @property
    def sha256(self) -> str: ...


def read_files(folder: Path, rows: Sequence[StoredFile]) -> list[OutgoingFile]:
    """The stored bytes of a case's files; a file erased by retention is left out."""
    files: list[OutgoingFile] = []
    for row in rows:
        try:
            data = blob_path(folder, row.sha256).read_bytes()
        except (OSError, ValueError):
            continue
        files.append(OutgoingFile(row.filename, row.content_type, data))
    return files
