"""The files inside Outlook's containers: `winmail.dat` (TNEF) and attached `.msg` messages.

Outlook sends rich-text mail with every file packed into one `winmail.dat` part
(application/ms-tnef, [MS-OXTNEF]); other mail clients and support staff see one blob they cannot
open. tnefparse reads it; its files replace the blob. An attached `.msg` ([MS-OXMSG]) is an Outlook
message saved as an OLE compound file: olefile reads the container, and the attachment storages it
holds (`__attach_version1.0_#N`) give each file's bytes (property 0x3701, PidTagAttachDataBinary) and
name (0x3707 PidTagAttachLongFilename, else 0x3704 PidTagAttachFilename, else 0x3001
PidTagDisplayName). The `.msg` itself is kept beside its files: it is the forwarded message, which
Outlook opens.

Left out, and kept as the container they came in: attachments that are themselves embedded messages
or OLE objects (no data stream), and TNEF's compressed RTF body.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterator
from dataclasses import dataclass

import olefile
import tnefparse

__all__ = ["MIME_TYPES", "ContainedFile", "is_msg", "is_tnef", "msg_files", "tnef_files", "type_of_name"]

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_TNEF_MAGIC = b"\x78\x9f\x3e\x22"
_TNEF_TYPES = frozenset({"application/ms-tnef", "application/vnd.ms-tnef"})
_MSG_TYPES = frozenset({"application/vnd.ms-outlook", "application/x-msg", "application/x-outlook-msg"})
#: A container holds at most this many files; past it the rest stay inside it.
MAX_FILES = 500
# Python's built-in table only: the machine's /etc/mime.types must not change what a file is called.
MIME_TYPES = mimetypes.MimeTypes(filenames=())


@dataclass(frozen=True)
class ContainedFile:
    """One file taken out of a container: the sender's name for it (metadata only), its type, its bytes."""

    filename: str
    content_type: str
    data: bytes


def type_of_name(filename: str) -> str:
    """The MIME type a file's extension stands for (Python's built-in table), else
    application/octet-stream."""
    guessed, _ = MIME_TYPES.guess_type(filename, strict=False)
    return guessed or "application/octet-stream"


def is_tnef(content_type: str, filename: str, data: bytes) -> bool:
    """Whether a file is a TNEF container: by its type or the name Outlook gives it, and its signature."""
    named = content_type in _TNEF_TYPES or filename.lower() == "winmail.dat"
    return named and data.startswith(_TNEF_MAGIC)


def is_msg(content_type: str, filename: str, data: bytes) -> bool:
    """Whether a file is an Outlook `.msg`: by its type or extension, and the OLE signature."""
    named = content_type in _MSG_TYPES or filename.lower().endswith(".msg")
    return named and data.startswith(_OLE_MAGIC)


def tnef_files(data: bytes) -> list[ContainedFile]:
    """The files a TNEF stream carries, in order; empty when it carries none or cannot be read."""
    try:
        # Checksums are skipped: a file whose checksum is off is still the customer's file.
        tnef = tnefparse.TNEF(data, do_checksum=False)
        titles = _tnef_titles(tnef)
        found = [
            (_tnef_name(attachment, titles[i] if i < len(titles) else b"", tnef.codepage), attachment.data)
            for i, attachment in enumerate(tnef.attachments[:MAX_FILES])
        ]
    except Exception:  # noqa: BLE001 - a broken container stays what it was: one file
        return []
    return [_file(name, content) for name, content in found if isinstance(content, bytes)]


_TNEF_RENDER_DATA = 0x9002  # attAttachRenddata: each attachment starts with it ([MS-OXTNEF] 2.1.3.3)
_TNEF_TITLE = 0x8010  # attAttachTitle: the file name in the message's code page


def _tnef_titles(tnef: tnefparse.TNEF) -> list[bytes]:
    """Each attachment's title as the bytes it was sent in (tnefparse reads them as UTF-8 only)."""
    titles: list[bytes] = []
    for item in tnef.objects:
        if item.name == _TNEF_RENDER_DATA:
            titles.append(b"")
        elif item.name == _TNEF_TITLE and titles and isinstance(item.data, bytes):
            titles[-1] = item.data
    return titles


def _tnef_name(attachment: tnefparse.TNEFAttachment, title: bytes, codepage: str | None) -> str:
    """The attachment's long file name (a MAPI property), else its title in the message's code page."""
    try:
        name = attachment.long_filename()
    except (UnicodeDecodeError, AttributeError):
        name = None
    if isinstance(name, bytes):
        name = name.decode(codepage or "cp1252", "replace")
    if not name:
        try:
            name = title.decode(codepage or "cp1252")
        except (UnicodeDecodeError, LookupError):
            name = title.decode("cp1252", "replace")
    return _text(name)


def msg_files(data: bytes) -> list[ContainedFile]:
    """The files attached to an Outlook `.msg`, in order; empty when there are none or it cannot be read."""
    try:
        with olefile.OleFileIO(data) as ole:
            return list(_msg_attachments(ole))
    except Exception:  # noqa: BLE001 - a broken container stays what it was: one file
        return []


def _msg_attachments(ole: olefile.OleFileIO) -> Iterator[ContainedFile]:
    storages = sorted(
        {entry[0] for entry in ole.listdir(streams=True, storages=False) if entry[0].startswith("__attach_")}
    )
    for storage in storages[:MAX_FILES]:
        content = _stream(ole, storage, "37010102")
        if content is None:
            continue  # an embedded message or OLE object: it stays inside the .msg
        name = next(
            (
                text
                for prop in ("3707", "3704", "3001")
                for kind in ("001F", "001E")
                if (text := _string(ole, storage, prop + kind))
            ),
            "",
        )
        yield _file(name, content)


def _stream(ole: olefile.OleFileIO, storage: str, tag: str) -> bytes | None:
    path = f"{storage}/__substg1.0_{tag}"
    if not ole.exists(path):
        return None
    data: bytes = ole.openstream(path).read()
    return data


def _string(ole: olefile.OleFileIO, storage: str, tag: str) -> str:
    data = _stream(ole, storage, tag)
    if not data:
        return ""
    # 001F is UTF-16LE ([MS-OXCDATA] PtypString); 001E is the message's 8-bit code page, most often 1252.
    text = data.decode("utf-16-le" if tag.endswith("001F") else "cp1252", "replace")
    return text.rstrip("\x00").strip()


def _text(name: str | bytes) -> str:
    if isinstance(name, bytes):
        return name.decode("cp1252", "replace").rstrip("\x00").strip()
    return name.rstrip("\x00").strip()


def _file(name: str, content: bytes) -> ContainedFile:
    return ContainedFile(filename=name, content_type=type_of_name(name) if name else "", data=content)
