"""Raw RFC 5322 bytes turned into the parts casebot reads: headers, text and attachments.

mail-parser does the MIME work. Mail from the public internet is hostile or broken often enough that
nothing here may raise: a header that cannot be decoded becomes the best text we can make of it, a
missing Message-ID gets a stable synthetic one (so the same bytes delivered twice are one message),
and a body that defeats mail-parser is read again with the standard library's lenient parser.
"""

from __future__ import annotations

import contextlib
import email
import email.parser
import email.policy
import hashlib
import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from email.message import Message
from email.utils import parsedate_to_datetime
from typing import Any

import mailparser

from parsers.addresses import Mailbox, mailboxes, sender_mailbox
from parsers.charsets import header_fallbacks
from parsers.headers import clean_header_text, decode_header_value
from parsers.html import html_to_text
from parsers.offload import Offloaded, offload
from parsers.parts import (
    ParsedAttachment,
    Parts,
    extension_of,
    payload_bytes,
    read_parts,
    unpack_containers,
)
from parsers.wire import HEADER_END, HEADER_NAME

__all__ = ["ParsedAttachment", "ParsedMessage", "clean_header_text", "message_ids", "parse_message"]

_MSGID = re.compile(r"<[^<>\s]{1,500}>")
_MAX_FLAT_BODY = 1024 * 1024
# Headers that on their own say a message was written by a machine, beside RFC 3834's Auto-Submitted:
# the vacation programs' own (X-Autoreply, X-Autorespond, X-Autoreply-From, X-Mail-Autoreply),
# loop markers (X-Loop), and FirstClass's.
_AUTOREPLY_HEADERS = (
    "X-Autoreply",
    "X-Autorespond",
    "X-Autoreply-From",
    "X-Mail-Autoreply",
    "X-Loop",
    "X-FC-MachineGenerated",
)
# Headers Exchange and Outlook put on auto-replies, and on much ordinary mail as well: they mark an
# auto-reply only together with an out-of-office subject (see `parsers.loops`).
_AUTOREPLY_HINTS = (
    "X-MS-Exchange-Inbox-Rules-Loop",
    "X-MS-Exchange-Generated-Message-Source",
    "X-Auto-Response-Suppress",
)


@dataclass(frozen=True)
class ParsedMessage:
    """What casebot needs of one email, decoded and cleaned of control characters."""

    subject: str
    #: The From mailbox's address (RFC 5322: never the display name), else Sender, Reply-To, Return-Path.
    sender: str
    sender_name: str
    to: tuple[str, ...]
    date: datetime | None
    message_id: str
    in_reply_to: tuple[str, ...]
    references: tuple[str, ...]
    text: str
    attachments: tuple[ParsedAttachment, ...]
    auto_submitted: str = ""
    precedence: str = ""
    list_id: str = ""
    #: Headers that alone mark an auto-reply (X-Autoreply, X-Loop, …), by name.
    autoreply_headers: tuple[str, ...] = ()
    #: Exchange headers that mark an auto-reply together with an out-of-office subject, by name.
    autoreply_hints: tuple[str, ...] = ()
    content_type: str = "text/plain"
    defects: tuple[str, ...] = ()
    #: The sender could only be read from a malformed or multi-mailbox header (or not at all): file the
    #: message under it, but let it change nothing that needs the sender's identity.
    sender_ambiguous: bool = False
    #: The RFC 8601 Authentication-Results values, topmost first (see parsers.authresults).
    authentication_results: tuple[str, ...] = ()


class _Headers:
    """A message's headers by lowercased name, fetched once: each `Message.get` reads them all again.

    Values are what `Message.get` gives (the policy's fetch applied). When fetching some header
    raises, each one is asked for on its own, as `Message.get` would, so one bad header costs no other.
    """

    def __init__(self, message: Message) -> None:
        self._message = message
        values: dict[str, list[Any]] = {}
        try:
            for name, value in message.items():
                values.setdefault(name.lower(), []).append(value)
        except Exception:  # noqa: BLE001 - the stdlib raises on some malformed header folding
            self._values: dict[str, list[Any]] | None = None
        else:
            self._values = values

    def first(self, name: str) -> Any:
        if self._values is None:
            return self._message.get(name)
        found = self._values.get(name.lower())
        return found[0] if found else None

    def all(self, name: str) -> list[Any]:
        if self._values is None:
            return list(self._message.get_all(name, []))
        return self._values.get(name.lower(), [])


def _header(headers: _Headers, name: str, fallbacks: tuple[str, ...] = ()) -> str:
    try:
        value = headers.first(name)
    except Exception:  # noqa: BLE001 - the stdlib raises on some malformed header folding
        return ""
    return clean_header_text(decode_header_value(value, fallbacks))


def _addresses(headers: _Headers, name: str) -> list[Mailbox]:
    """Every mailbox of every `name` header (To and Cc may be repeated by broken clients)."""
    try:
        values = [str(v) for v in headers.all(name)]
    except Exception:  # noqa: BLE001 - a malformed header: no addresses rather than a crash
        return []
    return [mailbox for value in values for mailbox in mailboxes(value)]


def _mailbox(headers: _Headers, name: str) -> Mailbox | None:
    """The one mailbox of a From-like header, read before any encoded-word is decoded (RFC 5322).

    Broken clients repeat the header (`From: [??????]` then a real one); the first that holds an
    address counts, and is ambiguous when another one holds an address too.
    """
    try:
        values = [str(v) for v in headers.all(name)]
    except Exception:  # noqa: BLE001 - a malformed header: no mailbox rather than a crash
        return None
    found = [m for m in (sender_mailbox(v) for v in values) if m is not None]
    if len(found) > 1 and not found[0].ambiguous:
        return replace(found[0], ambiguous=True)
    return found[0] if found else None


def _all_text(headers: _Headers, name: str) -> tuple[str, ...]:
    """Every value of a repeated header, in order, each one line of text (at most 20)."""
    try:
        return tuple(clean_header_text(decode_header_value(v)) for v in headers.all(name)[:20])
    except Exception:  # noqa: BLE001 - a malformed header: none rather than a crash
        return ()


def _present(headers: _Headers, name: str) -> bool:
    try:
        return headers.first(name) is not None
    except Exception:  # noqa: BLE001 - a header that is there but cannot be read is there
        return True


def message_ids(value: str) -> tuple[str, ...]:
    """The RFC 5322 msg-ids (`<left@right>`) in a Message-ID, In-Reply-To or References value, in order,
    each once, at most 50."""
    return tuple(dict.fromkeys(_MSGID.findall(value)))[:50]


def _date(headers: _Headers) -> datetime | None:
    raw = _header(headers, "Date")
    if not raw:
        return None
    try:
        parsed = parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    # "-0000" is Universal Time from a system that does not say its own zone (RFC 5322 §3.3): UTC.
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def _synthetic_id(raw: bytes) -> str:
    return f"<{hashlib.sha256(raw).hexdigest()}@casebot.invalid>"


def _fallbacks(message: Message) -> tuple[str, ...]:
    """The charsets the message's parts declare: raw 8-bit headers were most likely written in one."""
    labels: list[str] = []
    # A part the parser cannot read declares nothing.
    with contextlib.suppress(Exception):
        labels.extend(c for part in message.walk() if isinstance(c := part.get_param("charset"), str) and c)
    return header_fallbacks(labels)


def _stdlib_message(raw: bytes) -> Message:
    return email.message_from_bytes(raw, policy=email.policy.compat32)


_HEADER_SCAN = 256 * 1024


def repair_headers(raw: bytes) -> bytes:
    """Fold header lines that a broken relay wrapped without indenting.

    A line in the header block that is neither a header nor indented would end the headers there and
    push From and Subject into the body; treating it as a continuation keeps them headers.
    """
    end = HEADER_END.search(raw, 0, _HEADER_SCAN)
    if end is None:
        return raw
    head = raw[: end.start()]
    # A bare CR ends a line for the parser but not for us: make it the space it was meant to be.
    fixed = b"\r" in head.replace(b"\r\n", b"")
    if fixed:
        head = re.sub(rb"\r(?!\n)", b" ", head)
    lines = head.split(b"\n")
    for i, line in enumerate(lines):
        if i == 0 and line.startswith(b"From "):
            continue  # an mbox separator line
        if line[:1] in (b" ", b"\t") or HEADER_NAME.match(line):
            continue
        lines[i] = b" " + line
        fixed = True
    return b"\n".join(lines) + raw[end.start() :] if fixed else raw


# From this size on, base64 files are decoded straight from the raw bytes and only the rest of the
# message goes through the parser (see `parsers.offload`): parsing then costs memory and time in
# proportion to the text, not to the files.
OFFLOAD_FROM = 256 * 1024
OFFLOAD_PART = 16 * 1024


def parse_message(
    raw: bytes, *, offload_from: int = OFFLOAD_FROM, offload_part: int = OFFLOAD_PART
) -> ParsedMessage:
    """Parse one email; never raises, whatever the bytes."""
    raw = repair_headers(raw)
    offloaded = offload(raw, offload_part) if len(raw) >= offload_from else None
    if offloaded is not None:
        parsed = _parse(raw, offloaded)
        if parsed is not None:
            return parsed
    whole = _parse(raw, None)
    assert whole is not None  # only an offloaded parse can be refused
    return whole


def _read(source: bytes, defects: list[str]) -> tuple[Message, Parts]:
    """mail-parser's message and the parts casebot takes from it; the standard library's lenient parser
    when mail-parser gives up; the headers alone when the nesting defeats both."""
    recovered: list[dict[str, Any]] = []
    try:
        parsed = mailparser.parse_from_bytes(source)
        message: Message = parsed.message
        defects.extend(sorted(parsed.defects_categories))
        recovered = list(parsed.attachments)
    except Exception as exc:  # noqa: BLE001 - mail-parser gives up on some broken MIME: the stdlib parser reads it
        defects.append(f"mail-parser: {type(exc).__name__}")
        try:
            message = _stdlib_message(source)
        except RecursionError:
            defects.append("nesting too deep")
            message = None  # type: ignore[assignment]  # read below, headers only
    if message is not None:
        try:
            parts = read_parts(message, _fallbacks(message))
        except RecursionError:
            defects.append("nesting too deep")
        except Exception as exc:  # noqa: BLE001 - a structure nothing above foresaw: the body as text
            defects.append(f"parts: {type(exc).__name__}")
        else:
            parts.files.extend(_outside_the_tree(recovered, parts))
            return message, parts
    # Thousands of nested multiparts defeat the parsers: keep the headers, read the body as text,
    # and let a person look at the raw message if it matters.
    defects.append("body kept as text")
    message = email.parser.BytesParser(policy=email.policy.compat32).parsebytes(source, headersonly=True)
    body = source.partition(b"\r\n\r\n")[2] or source.partition(b"\n\n")[2]
    return message, Parts(plain=[body[:_MAX_FLAT_BODY].decode("utf-8", "replace")])


def _base64_bytes(text: str) -> bytes:
    """Base64 text decoded as leniently as the standard library decodes a part (mail-parser keeps a
    file as the base64 it came in, broken padding and all)."""
    scratch = Message()
    scratch["Content-Transfer-Encoding"] = "base64"
    scratch.set_payload(text)
    return payload_bytes(scratch)


_GENERATED_NAME = re.compile(r"[A-Za-z0-9]{10}\.(?:txt|rtf)")


def _outside_the_tree(found: list[dict[str, Any]], parts: Parts) -> list[ParsedAttachment]:
    """Files mail-parser recovered from where the MIME tree does not reach (parts after a broken
    boundary, in the epilogue), as attachments; files the walk over the tree found already are left out.

    mail-parser names a file without a name after its Content-ID or at random; such a file is named by
    casebot's rule instead (`attachment-N` and its type's extension), so the same message gives the
    same names every time.
    """
    have = {f.data for f in parts.files}
    texts = (*parts.plain, *parts.html)
    out: list[ParsedAttachment] = []
    for item in found:
        ctype = clean_header_text(
            str(item.get("mail_content_type") or "application/octet-stream"), 200
        ).lower()
        if ctype.startswith(("message/", "multipart/")):
            continue  # a container: the walk read it part by part
        payload = str(item.get("payload") or "")
        data = _base64_bytes(payload) if item.get("binary") else payload.encode("utf-8", "surrogateescape")
        if not data or data in have or any(payload and payload in text for text in texts):
            continue
        have.add(data)
        ctype = clean_header_text(
            str(item.get("mail_content_type") or "application/octet-stream"), 200
        ).lower()
        content_id = clean_header_text(str(item.get("content-id") or ""), 300) or None
        name = clean_header_text(str(item.get("filename") or ""), 255)
        if not name or name == content_id or _GENERATED_NAME.fullmatch(name):
            name = f"attachment-{len(parts.files) + len(out) + 1}{extension_of(ctype)}"
        disposition = str(item.get("content-disposition") or "").lower()
        out.append(
            ParsedAttachment(
                filename=name,
                content_type=ctype,
                data=data,
                inline=disposition.startswith("inline") or (not disposition and content_id is not None),
                content_id=content_id,
            )
        )
    return out


def _parse(raw: bytes, offloaded: Offloaded | None) -> ParsedMessage | None:
    """The message, from its skeleton when files were offloaded; None when the skeleton did not read
    back exactly (a stand-in not restored once, or read as text): then it is parsed whole."""
    defects: list[str] = []
    source = offloaded.skeleton if offloaded is not None else raw
    message, parts = _read(source, defects)
    for defect in getattr(message, "defects", []) or []:
        defects.append(type(defect).__name__)

    text = "\n\n".join(t.strip() for t in parts.plain if t.strip())
    if not text and parts.html:
        text = "\n\n".join(html_to_text(h) for h in parts.html)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    files = parts.files
    if offloaded is not None:
        restored = sorted(f.data for f in files if f.data in offloaded.files)
        if restored != sorted(offloaded.files) or offloaded.seen_in(text, *parts.html):
            return None
        files = [replace(f, data=offloaded.restore(f.data)) for f in files]
    files = unpack_containers(files)

    # Without a From, the address a reply would go to is the best we have (Zammad does the same).
    headers = _Headers(message)
    fallbacks = _fallbacks(message)
    sender = (
        _mailbox(headers, "From")
        or _mailbox(headers, "Sender")
        or _mailbox(headers, "Reply-To")
        or _mailbox(headers, "Return-Path")
    )
    message_id_header = message_ids(_header(headers, "Message-ID"))
    return ParsedMessage(
        subject=_header(headers, "Subject", fallbacks),
        sender=sender.address if sender else "",
        sender_name=clean_header_text(sender.name, 200) if sender else "",
        sender_ambiguous=sender is None or sender.ambiguous,
        authentication_results=_all_text(headers, "Authentication-Results"),
        to=tuple(m.address for m in _addresses(headers, "To") + _addresses(headers, "Cc")),
        date=_date(headers),
        message_id=message_id_header[0] if message_id_header else _synthetic_id(raw),
        in_reply_to=message_ids(_header(headers, "In-Reply-To")),
        references=message_ids(_header(headers, "References")),
        text=text,
        attachments=tuple(files),
        auto_submitted=_header(headers, "Auto-Submitted").lower(),
        precedence=_header(headers, "Precedence").lower(),
        list_id=_header(headers, "List-Id"),
        autoreply_headers=tuple(name for name in _AUTOREPLY_HEADERS if _present(headers, name)),
        autoreply_hints=tuple(name for name in _AUTOREPLY_HINTS if _present(headers, name)),
        content_type=(message.get_content_type() or "text/plain").lower(),
        defects=tuple(dict.fromkeys(defects)),
    )
