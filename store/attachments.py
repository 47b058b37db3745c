"""Attachment bytes on disk, named by their SHA-256.

The path is made from the hex digest alone, so nothing a customer sends (a file name like
`../../etc/passwd`) ever reaches the file system. The same file sent twice is stored once.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


def blob_path(folder: Path, sha256: str) -> Path:
    """Where the file with this digest lives; refuses anything but a hex digest."""
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ValueError("not a SHA-256 hex digest")
    return folder / sha256[:2] / sha256


def save_blob(folder: Path, data: bytes) -> str:
    """Store bytes durably (written, fsynced, renamed into place); returns their SHA-256."""
    digest = hashlib.sha256(data).hexdigest()
    target = blob_path(folder, digest)
    if target.exists():
        return digest
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return digest
