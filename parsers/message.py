"""Raw RFC 5322 bytes turned into the parts casebot reads: headers, text and attachments.

mail-parser does the MIME work. Mail from the public internet is hostile or broken often enough that
nothing here may raise: a header that cannot be decoded becomes the best text we can make of it, a
missing Message-ID gets a stable synthetic one (so the same bytes delivered twice are one message),
and a body that defeats mail-parser is read again with the standard library's lenient parser.
"""

from __future__ import annotations

import base64
import binascii
import email
import email.parser
import email.policy
import hashlib
import re
from dataclasses import dataclass, replace
from datetime import datetime
from email.header import decode_header, make_header
from email.message import Message
from email.utils import parsedate_to_datetime
from functools import lru_cache
from typing import Any

import mailparser

from parsers.addresses import Mailbox, mailboxes, sender_mailbox
from parsers.html import html_to_text
from parsers.offload import Offloaded, offload
from parsers.wire import HEADER_END, HEADER_NAME

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_MSGID = re.compile(r"<[^<>\s]{1,500}>")
_MAX_HEADER = 4000
_MAX_FLAT_BODY = 1024 * 1024


@dataclass(frozen=True)
class ParsedAttachment:
    """One attached file; `filename` is the sender's name for it, metadata only, never a path."""

    filename: str
    content_type: str
    data: bytes
    inline: bool = False
    content_id: str | None = None


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
    autoreply_headers: tuple[str, ...] = ()
    content_type: str = "text/plain"
    defects: tuple[str, ...] = ()
    #: The sender could only be read from a malformed or multi-mailbox header (or not at all): file the
    #: message under it, but let it change nothing that needs the sender's identity.
    sender_ambiguous: bool = False
    #: The RFC 8601 Authentication-Results values, topmost first (see parsers.authresults).
    authentication_results: tuple[str, ...] = ()


def clean_header_text(value: str, limit: int = _MAX_HEADER) -> str:
    """One line of text, safe to show and to reuse in a header: no CR, LF or other control bytes."""
    if value.isprintable() and "  " not in value and value[:1] != " " and value[-1:] != " ":
        return value[:limit]  # the usual header: no controls and no whitespace but single spaces
    return " ".join(_CONTROL.sub(" ", value).split())[:limit]


# Charsets that mail clients name but mean a superset of.
_CHARSET_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "ks_c_5601-1987": "cp949",
    "iso-8859-8-i": "iso-8859-8",
}


def _decode_chunk(data: bytes | str, charset: str | None) -> str:
    if isinstance(data, str):
        return data
    name = _CHARSET_ALIASES.get((charset or "").lower(), charset or "utf-8")
    try:
        return data.decode(name, "replace")
    except LookupError:  # a charset Python does not know: the bytes are most often UTF-8
        return data.decode("utf-8", "replace")


def _decode(value: Any) -> str:
    """Header text with its encoded-words decoded; a broken or lying charset gives � not an error."""
    if value is None:
        return ""
    raw = str(value)
    if "=?" not in raw:
        return raw  # no encoded-words: nothing to decode (most headers of most mail)
    try:
        return str(make_header(decode_header(raw)))
    except Exception:  # noqa: BLE001, S110 - a lying charset or broken encoded-word: decode chunk by chunk
        pass
    try:
        return "".join(_decode_chunk(data, charset) for data, charset in decode_header(raw))
    except Exception:  # noqa: BLE001 - not even the encoded-word syntax holds: keep the raw text
        return raw


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


def _header(headers: _Headers, name: str) -> str:
    try:
        value = headers.first(name)
    except Exception:  # noqa: BLE001 - the stdlib raises on some malformed header folding
        return ""
    return clean_header_text(_decode(value))


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
        return tuple(clean_header_text(_decode(v)) for v in headers.all(name)[:20])
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
    return parsed if parsed.tzinfo is not None else None


def _payload_bytes(part: Message) -> bytes:
    try:
        data = part.get_payload(decode=True)
    except Exception:  # noqa: BLE001 - bad base64 or quoted-printable: keep what decodes
        data = None
    if isinstance(data, bytes):
        return data
    payload = part.get_payload()
    return payload.encode("utf-8", "replace") if isinstance(payload, str) else b""


def _part_text(part: Message) -> str:
    data = _payload_bytes(part)
    charset = part.get_content_charset() or "utf-8"
    try:
        return data.decode(charset, "replace")
    except (LookupError, ValueError):  # an unknown or broken charset name: most often UTF-8 or Latin-1
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return data.decode("latin-1")


def _filename(part: Message) -> str | None:
    try:
        name = part.get_filename()
    except Exception:  # noqa: BLE001 - a malformed filename parameter: a generated name instead
        name = None
    if name is None:
        return None
    return clean_header_text(_decode(name), 255) or None


def _walk(msg: Message) -> tuple[list[str], list[str], list[ParsedAttachment]]:
    """Body texts (plain, html) and attachments, in document order."""
    plain: list[str] = []
    html: list[str] = []
    files: list[ParsedAttachment] = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        ctype = (part.get_content_type() or "text/plain").lower()
        disposition = (part.get_content_disposition() or "").lower()
        name = _filename(part)
        content_id = part.get("Content-ID")
        is_body = ctype in ("text/plain", "text/html") and disposition != "attachment" and name is None
        if is_body:
            (plain if ctype == "text/plain" else html).append(_part_text(part))
            continue
        if ctype == "message/rfc822" or part.get_content_maintype() == "multipart":
            continue
        data = _payload_bytes(part)
        if not data and name is None:
            continue
        files.append(
            ParsedAttachment(
                filename=name or _default_name(ctype, len(files) + 1),
                content_type=clean_header_text(ctype, 200),
                data=data,
                inline=disposition == "inline" or (disposition == "" and content_id is not None),
                content_id=clean_header_text(str(content_id), 300) if content_id else None,
            )
        )
    return plain, html, files


def _attachment(found: dict[str, Any], index: int) -> ParsedAttachment:
    """One of mail-parser's attachments, with its exact bytes (mail-parser keeps files as base64)."""
    payload = found.get("payload") or ""
    if found.get("binary"):
        try:
            data = base64.b64decode(payload)
        except (binascii.Error, ValueError):
            data = str(payload).encode("utf-8", "replace")
    else:
        data = str(payload).encode("utf-8", "replace")
    ctype = clean_header_text(str(found.get("mail_content_type") or "application/octet-stream"), 200).lower()
    name = clean_header_text(str(found.get("filename") or ""), 255).strip("<>") or _default_name(ctype, index)
    disposition = str(found.get("content-disposition") or "").lower()
    content_id = clean_header_text(str(found.get("content-id") or ""), 300) or None
    return ParsedAttachment(
        filename=name,
        content_type=ctype,
        data=data,
        inline=disposition.startswith("inline") or (not disposition and content_id is not None),
        content_id=content_id,
    )


def _default_name(ctype: str, index: int) -> str:
    subtype = ctype.partition("/")[2] or "bin"
    subtype = re.sub(r"[^a-z0-9]+", "", subtype)[:10] or "bin"
    return f"attachment-{index}.{subtype}"


def _synthetic_id(raw: bytes) -> str:
    return f"<{hashlib.sha256(raw).hexdigest()}@casebot.invalid>"


class _BodyParser(mailparser.MailParser):  # type: ignore[misc]  # mail-parser ships no type information
    """mail-parser for what casebot takes from it: the message, its text parts and its files.

    casebot reads headers itself (below), so what mail-parser derives from headers for its own API is
    skipped: its reset step sees a message without headers (no header index, no parsing of address,
    Date and Received headers), and the dict of all headers it builds twice is not built. That was 55%
    of mail-parser's time on a 5 KB email (564 to 250 µs) and 60% on mail with four or more Received
    headers (1,726 to 686 µs).
    The walk over the parts, which finds bodies and files, reads the real message as before;
    `tests/parsers/test_message.py` checks over every email we have that bodies, files and the
    message come out exactly as from `mailparser.parse_from_bytes`.
    """

    def _reset(self) -> None:
        message: Message = self.message
        self._message = Message()
        try:
            super()._reset()
        finally:
            self._message = message

    def _make_mail(self, complete: bool = True) -> dict[str, Any]:
        return {}


class _Part(Message):
    """A MIME part that reads its Content-Type and Content-Disposition parameters once per header text.

    mail-parser asks every part for its type, charset, file name and disposition over and over, and
    the standard library parses the header again on each call. What it finds depends on nothing but
    the header's text, so the answer is kept by that text (5% of parsing a 5 KB email; see
    `_type_of` and `_params_of`, which ask the standard library itself). Only plain strings are kept,
    as the compat32 policy of `parse_bodies` hands them out: `Header` objects (undecodable bytes), the
    header objects of other policies, and very long values are read as before.
    """

    def get_content_type(self) -> str:
        value = self.get("content-type")
        if type(value) is str and len(value) <= _KEEP_HEADER:
            return _type_of(value)
        return super().get_content_type()

    def _get_params_preserve(self, failobj: Any, header: str) -> Any:
        value = self.get(header)
        if type(value) is str and len(value) <= _KEEP_HEADER:
            return list(_params_of(header.lower(), value))
        return super()._get_params_preserve(failobj, header)  # type: ignore[misc]  # private in typeshed


_KEEP_HEADER = 1000


def _scratch(name: str, value: str) -> Message:
    part = Message()
    part[name] = value
    return part


@lru_cache(maxsize=512)
def _type_of(value: str) -> str:
    """What `Message.get_content_type` says for a Content-Type of `value`."""
    return Message.get_content_type(_scratch("content-type", value))


@lru_cache(maxsize=512)
def _params_of(header: str, value: str) -> tuple[Any, ...]:
    """The parameters `Message` reads from header `header` with text `value`."""
    return tuple(Message._get_params_preserve(_scratch(header, value), None, header))  # type: ignore[attr-defined]


def parse_bodies(raw: bytes) -> mailparser.MailParser:
    """mail-parser's reading of `raw`, without its header API (see `_BodyParser`); its parts are
    `_Part`s. Mail nested too deep for the standard library's parser raises mail-parser's own error for it,
    as `mailparser.parse_from_bytes` does."""
    return _BodyParser._parse_guarded(lambda: email.message_from_bytes(raw, _class=_Part))


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


def _parse(raw: bytes, offloaded: Offloaded | None) -> ParsedMessage | None:
    """The message, from its skeleton when files were offloaded; None when the skeleton did not read
    back exactly (a stand-in not restored once, or read as text): then it is parsed whole."""
    defects: list[str] = []
    source = offloaded.skeleton if offloaded is not None else raw
    try:
        parsed = parse_bodies(source)
        message: Message = parsed.message
        plain = [t for t in parsed.text_plain if isinstance(t, str)]
        html = [t for t in parsed.text_html if isinstance(t, str)]
        files = [_attachment(a, i) for i, a in enumerate(parsed.attachments, start=1)]
    except Exception as exc:  # noqa: BLE001 - mail-parser gives up on some broken MIME: the stdlib parser reads it
        defects.append(f"mail-parser: {type(exc).__name__}")
        try:
            message = _stdlib_message(source)
            plain, html, files = _walk(message)
        except RecursionError:
            # Thousands of nested multiparts defeat both parsers: keep the headers, read the body
            # as text, and let a person look at the raw message if it matters.
            defects.append("nesting too deep: body kept as text")
            message = email.parser.BytesParser(policy=email.policy.compat32).parsebytes(
                source, headersonly=True
            )
            body = source.partition(b"\r\n\r\n")[2] or source.partition(b"\n\n")[2]
            plain, html, files = [body[:_MAX_FLAT_BODY].decode("utf-8", "replace")], [], []
    for defect in getattr(message, "defects", []) or []:
        defects.append(type(defect).__name__)

    text = "\n\n".join(t.strip() for t in plain if t.strip())
    if not text and html:
        text = "\n\n".join(html_to_text(h) for h in html)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if offloaded is not None:
        restored = sorted(f.data for f in files if f.data in offloaded.files)
        if restored != sorted(offloaded.files) or offloaded.seen_in(text, *html):
            return None
        files = [replace(f, data=offloaded.restore(f.data)) for f in files]

    # Without a From, the address a reply would go to is the best we have (Zammad does the same).
    headers = _Headers(message)
    sender = (
        _mailbox(headers, "From")
        or _mailbox(headers, "Sender")
        or _mailbox(headers, "Reply-To")
        or _mailbox(headers, "Return-Path")
    )
    message_id_header = message_ids(_header(headers, "Message-ID"))
    autoreply = tuple(name for name in ("X-Autoreply", "X-Autorespond", "X-Loop") if _present(headers, name))
    return ParsedMessage(
        subject=_header(headers, "Subject"),
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
        autoreply_headers=autoreply,
        content_type=(message.get_content_type() or "text/plain").lower(),
        defects=tuple(dict.fromkeys(defects)),
    )
