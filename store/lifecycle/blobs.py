"""Letting go of attachment files: a file goes only when no attachment row refers to it any more.

Several cases (and people) can share one file, because files are named by their SHA-256.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, col, select

from store.attachments import blob_path
from store.db import Store
from store.models import Attachment


@dataclass(frozen=True)
class Freed:
    """Files removed from the attachments folder, and their bytes."""

    files: int = 0
    bytes: int = 0


def unreferenced(session: Session, digests: Iterable[str]) -> set[str]:
    """The digests among these that no attachment row refers to, as this transaction sees it."""
    wanted = sorted(set(digests))
    still: set[str] = set()
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        still.update(
            session.exec(select(Attachment.sha256).where(col(Attachment.sha256).in_(chunk)).distinct())
        )
    return set(wanted) - still


def measure(folder: Path, digests: Iterable[str]) -> Freed:
    """What removing these files would free (for a dry run)."""
    files = size = 0
    for digest in digests:
        path = blob_path(folder, digest)
        if path.is_file():
            files += 1
            size += path.stat().st_size
    return Freed(files, size)


def remove_unreferenced(store: Store, digests: Iterable[str]) -> Freed:
    """Remove the files of these digests that no attachment row needs, after the rows are committed.

    Checked again in a fresh transaction right before unlinking: a message that brought the same file
    since the rows were deleted keeps it.
    """
    with store.session() as session:
        gone = unreferenced(session, digests)
    files = size = 0
    for digest in sorted(gone):
        path = blob_path(store.attachments_dir, digest)
        try:
            length = path.stat().st_size
            path.unlink()
        except FileNotFoundError:
            continue
        files += 1
        size += length
    return Freed(files, size)
