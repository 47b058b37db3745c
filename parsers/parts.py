"""A parsed MIME tree split into the body a person wrote and the files they sent with it.

The rule, for every leaf part of the message (RFC 2046), in document order:

- a text/plain or text/html part with no file name, not marked `attachment` and not inside an
  attached container is body text, decoded by its charset label as the WHATWG Encoding Standard
  reads it (`parsers.charsets`);
- every other leaf part is a file: a PDF with no name and no Content-Disposition, a calendar invite
  inside multipart/alternative, a pasted image named only by its Content-ID;
- an attached message (message/rfc822, message/global) is one file, the forwarded message as it came;
  its files are kept as well (staff should not have to open it to see a screenshot), but its text
  is its own: none of it is the outer message's body, unless the outer message has no body at all
  (a bare forward), when the forwarded text stands in for it.

A file is named by its own name (RFC 2231 and RFC 2047 forms decoded, raw 8-bit names read as
`parsers.charsets` reads headers), else by the forwarded message's subject plus `.eml`, else
`attachment-N` plus the extension of its type, N counting the message's files from 1. Nothing here
is random: the same message gives the same names every time. Outlook's containers (winmail.dat,
.msg) are opened afterwards by `unpack_containers`.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from email.header import Header
from email.message import Message
from typing import Any

from parsers.charsets import decode_bytes
from parsers.containers import (
    MIME_TYPES,
    ContainedFile,
    is_msg,
    is_tnef,
    msg_files,
    tnef_files,
    type_of_name,
)
from parsers.headers import clean_header_text, decode_header_value

__all__ = ["ParsedAttachment", "Parts", "read_parts", "unpack_containers"]

_BODY_TYPES = ("text/plain", "text/html")
_ATTACHED_MESSAGES = ("message/rfc822", "message/global")
# Extensions Python's table lacks, or gives differently from what mail clients use.
_EXTENSIONS = {
    "application/ms-tnef": ".dat",
    "application/vnd.ms-tnef": ".dat",
    "application/vnd.ms-outlook": ".msg",
    "message/rfc822": ".eml",
    "message/global": ".eml",
    "message/delivery-status": ".txt",
    "message/rfc822-headers": ".txt",
    "message/disposition-notification": ".txt",
    "text/rfc822-headers": ".txt",
    "text/calendar": ".ics",
    "text/plain": ".txt",
    "image/jpeg": ".jpg",
    "application/octet-stream": ".bin",
}
_SHORT_SUBTYPE = re.compile(r"[a-z0-9]{2,5}")
# How deep containers inside containers are opened (a .msg inside winmail.dat, say).
_MAX_CONTAINER_DEPTH = 3


@dataclass(frozen=True)
class ParsedAttachment:
    """One attached file; `filename` is the sender's name for it, metadata only, never a path."""

    filename: str
    content_type: str
    data: bytes
    inline: bool = False
    content_id: str | None = None


@dataclass
class Parts:
    """A message's body texts (plain and HTML, in order) and its files."""

    plain: list[str] = field(default_factory=list)
    html: list[str] = field(default_factory=list)
    files: list[ParsedAttachment] = field(default_factory=list)
    #: Attached messages, whose bodies stand in when the message itself has none (a bare forward).
    forwarded: list[Message] = field(default_factory=list)


def extension_of(content_type: str) -> str:
    """The file extension for a MIME type: mail's usual one, Python's built-in table's, a short subtype
    (`image/heic` gives `.heic`), else `.bin`."""
    known = _EXTENSIONS.get(content_type)
    if known:
        return known
    guessed = MIME_TYPES.guess_extension(content_type, strict=False)
    if guessed:
        return guessed
    maintype, _, subtype = content_type.partition("/")
    if _SHORT_SUBTYPE.fullmatch(subtype):
        return f".{subtype}"
    return ".txt" if maintype in ("message", "text") else ".bin"


def read_parts(message: Message, fallbacks: tuple[str, ...] = ()) -> Parts:
    """Body texts and files of a parsed message (any policy). `fallbacks` are the codecs tried for raw
    8-bit file names that are not UTF-8 (see `parsers.charsets.header_fallbacks`). Raises
    RecursionError only for nesting the parser itself survived but Python's stack does not."""
    parts = Parts()
    _visit(message, parts, _Mode.ALL, inside_file=False, fallbacks=fallbacks)
    if not parts.plain and not parts.html and parts.forwarded:
        inner = Parts()
        _visit(parts.forwarded[0], inner, _Mode.BODIES, inside_file=False, fallbacks=fallbacks)
        parts.plain, parts.html = inner.plain, inner.html
    return parts


class _Mode(enum.Enum):
    ALL = "all"  # the message itself: bodies and files
    BODIES = "bodies"  # a bare forward's message, standing in for the body it lacks
    FILES = "files"  # an attached message: its files are kept too, its body is its own


def _visit(
    part: Message, parts: Parts, mode: _Mode, *, inside_file: bool, fallbacks: tuple[str, ...]
) -> None:
    ctype = _content_type(part)
    maintype = ctype.partition("/")[0]
    disposition = _disposition(part)
    name = _filename(part, fallbacks)
    payload = _raw_payload(part)
    if maintype == "multipart" and isinstance(payload, list):
        attached = inside_file or disposition == "attachment" or name is not None
        for child in payload:
            if isinstance(child, Message):
                _visit(child, parts, mode, inside_file=attached, fallbacks=fallbacks)
        return
    if not inside_file and ctype in _BODY_TYPES and disposition != "attachment" and name is None:
        if mode is not _Mode.FILES:
            text = decode_bytes(payload_bytes(part), _charset(part))
            (parts.plain if ctype == "text/plain" else parts.html).append(text)
        return
    if mode is _Mode.BODIES:
        return
    inner: Message | None = None
    if maintype == "message" and isinstance(payload, list):
        data, subject = _attached_message(ctype, payload, fallbacks)
        if ctype in _ATTACHED_MESSAGES and payload and isinstance(payload[0], Message):
            inner = payload[0]
        if name is None and subject:
            name = clean_header_text(subject, 250) + ".eml"
    else:
        data = payload_bytes(part)
        if maintype == "multipart":
            ctype = "text/plain"  # a multipart whose boundary never came: its raw text
    if data or name is not None:  # an empty part with no name has nothing to keep
        content_id = _content_id(part)
        index = len(parts.files) + 1
        parts.files.append(
            ParsedAttachment(
                filename=name or f"attachment-{index}{extension_of(ctype)}",
                content_type=clean_header_text(ctype, 200),
                data=data,
                inline=disposition == "inline" or (disposition == "" and content_id is not None),
                content_id=content_id,
            )
        )
    if inner is not None:
        # Staff see the files of a forwarded message without opening it; its text stays in the .eml.
        parts.forwarded.append(inner)
        _visit(inner, parts, _Mode.FILES, inside_file=False, fallbacks=fallbacks)


def _attached_message(ctype: str, payload: list[Any], fallbacks: tuple[str, ...]) -> tuple[bytes, str]:
    """The bytes of an attached message (or of a delivery report's blocks) and its subject."""
    blocks = [block for block in payload if isinstance(block, Message)]
    data = b"".join(_as_bytes(block) for block in blocks)
    subject = ""
    if ctype in _ATTACHED_MESSAGES and blocks:
        try:
            subject = decode_header_value(blocks[0].get("Subject"), fallbacks)
        except Exception:  # noqa: BLE001 - a header the parser cannot fetch: the file gets a generated name
            subject = ""
    return data, clean_header_text(subject, 250)


def _as_bytes(message: Message) -> bytes:
    try:
        return message.as_bytes()
    except Exception:  # noqa: BLE001 - a part the generator cannot write back: its text as the parser kept it
        return message.as_string().encode("utf-8", "surrogateescape")


def _raw_payload(part: Message) -> Any:
    """The part's payload as the parser kept it (a list of parts, or text); None when even that fails."""
    try:
        return part.get_payload()
    except Exception:  # noqa: BLE001 - the standard library decodes 8-bit payloads by a charset it may not know
        return None


def payload_bytes(part: Message) -> bytes:
    """A leaf part's content with its transfer encoding undone; what decodes of broken base64."""
    try:
        data = part.get_payload(decode=True)
    except Exception:  # noqa: BLE001 - bad base64 or quoted-printable: keep what decodes
        data = None
    if isinstance(data, bytes):
        return data
    payload = _raw_payload(part)
    return payload.encode("utf-8", "surrogateescape") if isinstance(payload, str) else b""


def _content_type(part: Message) -> str:
    try:
        return (part.get_content_type() or "text/plain").lower()
    except Exception:  # noqa: BLE001 - a Content-Type the parser cannot read: the RFC 2045 default
        return "text/plain"


def _disposition(part: Message) -> str:
    try:
        return (part.get_content_disposition() or "").lower()
    except Exception:  # noqa: BLE001 - an unreadable Content-Disposition says nothing
        return ""


def _charset(part: Message) -> str | None:
    try:
        charset = part.get_param("charset")
    except Exception:  # noqa: BLE001 - an unreadable parameter: decide by the bytes
        return None
    if isinstance(charset, tuple):  # RFC 2231 form: (charset, language, value)
        charset = charset[2]
    return str(charset) if charset else None


def _content_id(part: Message) -> str | None:
    try:
        value = part.get("Content-ID")
    except Exception:  # noqa: BLE001 - an unreadable header is no Content-ID
        return None
    if value is None:
        return None
    return clean_header_text(str(value), 300) or None


def _filename(part: Message, fallbacks: tuple[str, ...]) -> str | None:
    """The part's own file name (Content-Disposition filename, else Content-Type name), or None."""
    try:
        name = part.get_filename()
    except Exception:  # noqa: BLE001 - a malformed filename parameter: a generated name instead
        return None
    if name is None:
        return None
    if "\ufffd" in name:
        name = _eight_bit_filename(part, fallbacks) or name
    return clean_header_text(decode_header_value(name), 255) or None


def _eight_bit_filename(part: Message, fallbacks: tuple[str, ...]) -> str | None:
    """The file name of a part whose headers carry raw 8-bit bytes, read from those bytes."""
    for header in ("Content-Disposition", "Content-Type"):
        try:
            value = part.get(header)
        except Exception:  # noqa: BLE001, S112 - try the other header
            continue
        if not isinstance(value, Header):
            continue
        scratch = Message()
        scratch[header] = decode_header_value(value, fallbacks)
        param = "filename" if header == "Content-Disposition" else "name"
        found = scratch.get_param(param, header=header.lower())
        if isinstance(found, str) and found:
            return found
    return None


def unpack_containers(files: list[ParsedAttachment], depth: int = 0) -> list[ParsedAttachment]:
    """`files` with Outlook's containers opened: winmail.dat replaced by the files it carries, an
    attached .msg followed by the files attached to it (see `parsers.containers`). A container that
    carries nothing readable stays as it is."""
    out: list[ParsedAttachment] = []
    for file in files:
        tnef = is_tnef(file.content_type, file.filename, file.data)
        found: list[ContainedFile] = []
        if tnef:
            found = tnef_files(file.data)
        elif is_msg(file.content_type, file.filename, file.data):
            found = msg_files(file.data)
        if not tnef or not found:
            out.append(file)
        if found and depth < _MAX_CONTAINER_DEPTH:
            inner = [_contained(f, len(out) + i + 1) for i, f in enumerate(found)]
            out.extend(unpack_containers(inner, depth + 1))
    return out


def _contained(found: ContainedFile, index: int) -> ParsedAttachment:
    name = clean_header_text(found.filename, 255)
    ctype = found.content_type or (type_of_name(name) if name else "application/octet-stream")
    return ParsedAttachment(
        filename=name or f"attachment-{index}{extension_of(ctype)}", content_type=ctype, data=found.data
    )
