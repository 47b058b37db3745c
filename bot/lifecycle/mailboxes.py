"""Reading an existing mailbox one message at a time: an mbox file, a Maildir, or a folder of .eml.

Nothing here holds more than one message: the mbox is read line by line and split on its `From `
lines (a mailbox of any size costs the memory of its largest message), and folders are walked in
name order. Maildir names start with the delivery time, so name order is arrival order; that
matters because a reply can only thread to a message imported before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from email.parser import BytesHeaderParser
from email.policy import compat32
from pathlib import Path
from typing import BinaryIO

from parsers.addresses import sender_mailbox
from parsers.message import message_ids
from store.errors import InvalidRequest

# mboxrd quoting: a body line `>From ` (any number of `>`) was written with one `>` more.
_QUOTED_FROM = re.compile(rb"^>+From ")
_BLANK = (b"\n", b"\r\n")


@dataclass(frozen=True)
class Headers:
    """The few headers the importer reads before handing a message to the pipeline."""

    message_id: str | None
    sender: str
    return_path: str | None


@dataclass(frozen=True)
class MailItem:
    """One message of a mailbox: its bytes, where it was found, its envelope sender, and the few
    headers the importer reads (parsed once, when the message is read)."""

    raw: bytes
    where: str
    envelope_from: str
    headers: Headers

    @classmethod
    def read(cls, raw: bytes, where: str) -> MailItem:
        """The item for a message's bytes found at `where`."""
        headers = read_headers(raw)
        return cls(raw=raw, where=where, envelope_from=_envelope_of(headers), headers=headers)


def read_headers(raw: bytes) -> Headers:
    """Parse only the header block (cheap: a re-run skips known messages on this alone)."""
    end = min((i for i in (raw.find(b"\r\n\r\n"), raw.find(b"\n\n")) if i >= 0), default=len(raw))
    message = BytesHeaderParser(policy=compat32).parsebytes(raw[: end + 2])
    found = message_ids(str(message.get("Message-ID", "")))
    sender = sender_mailbox(str(message.get("From", "")))
    return_path = message.get("Return-Path")
    return Headers(
        message_id=found[0] if found else None,
        sender=sender.address if sender else "",
        return_path=str(return_path).strip().strip("<>") if return_path is not None else None,
    )


def envelope_sender(raw: bytes) -> str:
    """The envelope sender as the SMTP edge would have seen it: Return-Path, else the From header.

    An empty Return-Path (`<>`) is a bounce and stays one. The mbox `From ` line is no help: writers
    put `MAILER-DAEMON`, `-` or an internal id there when they do not know the sender.
    """
    return _envelope_of(read_headers(raw))


def _envelope_of(headers: Headers) -> str:
    if headers.return_path is not None:
        return headers.return_path or "<>"
    return headers.sender


class MailSource:
    """A mailbox to import: iterate its messages; `done` and `total` say how far along it is."""

    unit = "messages"
    total: int = 0
    done: int = 0

    def __iter__(self) -> Iterator[MailItem]:
        raise NotImplementedError


class Mbox(MailSource):
    """An mbox file (mboxo or mboxrd), streamed; progress is in bytes."""

    unit = "bytes"

    def __init__(self, path: Path) -> None:
        self.path = path
        self.total = path.stat().st_size

    def __iter__(self) -> Iterator[MailItem]:
        with self.path.open("rb") as handle:
            yield from self._split(handle)

    def _split(self, handle: BinaryIO) -> Iterator[MailItem]:
        lines: list[bytes] = []
        start = 0
        offset = 0
        previous_blank = True
        started = False
        for line in handle:
            # A `From ` line starts a message only after a blank line (or at the start): a body line
            # that an mboxo writer failed to quote, in mid-paragraph, stays part of its message.
            if line.startswith(b"From ") and previous_blank:
                if started:
                    self.done = offset
                    yield self._item(lines, start)
                started = True
                lines = []
                start = offset
            elif started:
                # Most lines start with no ">": the pattern is tried only on those that do.
                quoted = line[:1] == b">" and _QUOTED_FROM.match(line)
                lines.append(line[1:] if quoted else line)
            offset += len(line)
            previous_blank = line in _BLANK
        self.done = offset
        if started:
            yield self._item(lines, start)

    def _item(self, lines: list[bytes], start: int) -> MailItem:
        # The blank line before the next `From ` separates messages; it is not part of this one.
        if lines and lines[-1] in _BLANK:
            lines.pop()
        raw = b"".join(lines)
        return MailItem.read(raw, f"{self.path.name}@{start}")


class Folder(MailSource):
    """A Maildir (`cur/` and `new/`) or a folder of `.eml` files, in name order; progress in files."""

    def __init__(self, path: Path) -> None:
        self.path = path
        if (path / "cur").is_dir() or (path / "new").is_dir():
            found = [p for sub in ("cur", "new") if (path / sub).is_dir() for p in (path / sub).iterdir()]
            # Maildir names start with the delivery time: sorting by name is sorting by arrival.
            self.files = sorted((p for p in found if p.is_file()), key=lambda p: p.name)
        else:
            self.files = sorted(p for p in path.rglob("*.eml") if p.is_file())
        self.total = len(self.files)

    def __iter__(self) -> Iterator[MailItem]:
        for index, file in enumerate(self.files):
            raw = file.read_bytes()
            self.done = index + 1
            yield MailItem.read(raw, str(file.relative_to(self.path)))


class SingleFile(MailSource):
    """One .eml file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.total = 1

    def __iter__(self) -> Iterator[MailItem]:
        raw = self.path.read_bytes()
        self.done = 1
        yield MailItem.read(raw, self.path.name)


def open_mailbox(path: Path) -> MailSource:
    """The mailbox at `path`: a folder (Maildir or .eml files), an mbox file, or one .eml file."""
    if path.is_dir():
        return Folder(path)
    if not path.is_file():
        raise InvalidRequest(f"{path} does not exist")
    with path.open("rb") as handle:
        head = handle.read(5)
    if head == b"From ":
        return Mbox(path)
    if path.suffix.lower() == ".eml":
        return SingleFile(path)
    raise InvalidRequest(f"{path} is not an mbox file (it does not start with 'From '), a Maildir or .eml")
