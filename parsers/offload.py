"""Big attached files taken out of a raw message before it is parsed, so parsing costs memory in
proportion to the text, not to the files.

The standard library's parser, which mail-parser builds on, keeps a message as text lines and then
as strings: a 34 MB message peaks at about 260 MB while it is parsed. Most of a big message is
base64 files, which casebot only decodes and stores. `offload` finds those parts in the raw bytes,
decodes each straight from the bytes, and puts a short stand-in in its place; mail-parser then reads
a small message with every header, text and file name where it was, and `restore` puts the decoded
bytes back in place of each stand-in.

Only a structure that is plainly well-formed is touched: multipart bodies with their closing
boundary, parts whose headers parse, base64 that decodes. Anything else returns None, and the
message is parsed whole, as before.
"""

from __future__ import annotations

import binascii
import email.parser
import email.policy
import re
import secrets
from dataclasses import dataclass, field
from email.message import Message

from parsers.wire import HEADER_END, HEADER_NAME

# A line of a header block: a header, a folded continuation, or the CR of a CRLF line ending.
_HEADER_LINE = re.compile(HEADER_NAME.pattern + rb"|[ \t]|\r?$")
_STAND_IN_PREFIX = "casebot-offloaded-"
_BARE_CR = re.compile(rb"\r(?!\n)")
_BASE64_BODY = re.compile(rb"[A-Za-z0-9+/=\r\n \t]*")
_MAX_DEPTH = 20
_MAX_PARTS = 1000


@dataclass
class Offloaded:
    """The message with its big files replaced by stand-ins, and the files' bytes by stand-in."""

    skeleton: bytes
    files: dict[bytes, bytes] = field(default_factory=dict)

    def restore(self, data: bytes) -> bytes:
        """The file's bytes when `data` is one of the stand-ins; `data` itself otherwise."""
        return self.files.get(data, data)

    def seen_in(self, *texts: str) -> bool:
        """Whether a stand-in turned up in text: the parser read a cut part as a body."""
        return any(_STAND_IN_PREFIX in text for text in texts)


def offload(raw: bytes, min_part: int) -> Offloaded | None:
    """`raw` with every base64 file part of at least `min_part` bytes cut out; None when there is none
    or the structure is not plain enough to cut safely."""
    if _BARE_CR.search(raw):
        return None  # the standard library ends lines at a lone CR as well; too easy to read differently
    cuts: list[tuple[int, int, bytes]] = []
    files: dict[bytes, bytes] = {}
    view = memoryview(raw)
    try:
        if not _visit(raw, view, 0, len(raw), min_part, cuts, files, depth=0):
            return None
    except (ValueError, LookupError, UnicodeError, binascii.Error):
        return None
    if not cuts:
        return None
    pieces: list[bytes] = []
    position = 0
    for start, end, stand_in in cuts:
        pieces.append(raw[position:start])
        pieces.append(stand_in)
        position = end
    pieces.append(raw[position:])
    return Offloaded(skeleton=b"".join(pieces), files=files)


def _visit(
    raw: bytes,
    view: memoryview,
    start: int,
    end: int,
    min_part: int,
    cuts: list[tuple[int, int, bytes]],
    files: dict[bytes, bytes],
    depth: int,
) -> bool:
    """Read the entity raw[start:end]; False when its structure is not one to cut safely."""
    if depth > _MAX_DEPTH or len(cuts) > _MAX_PARTS:
        return False
    if raw.startswith(b"\r\n", start) or raw.startswith(b"\n", start):
        head_end = start
        body_start = start + (2 if raw.startswith(b"\r\n", start) else 1)
    else:
        found = HEADER_END.search(raw, start, end)
        if found is None:
            return True  # headers only: nothing to cut
        head_end, body_start = found.start(), found.end()
        # The parser ends the headers at the first line that is not one; so must we, or give up.
        lines = raw[start:head_end].split(b"\n")
        if not HEADER_NAME.match(lines[0]) or not all(_HEADER_LINE.match(line) for line in lines):
            return False
    headers = email.parser.BytesHeaderParser(policy=email.policy.compat32).parsebytes(raw[start:head_end])
    maintype = headers.get_content_maintype()
    if maintype == "multipart":
        boundary = headers.get_boundary()  # what the parser itself splits on
        if not boundary:
            return False
        spans = _parts(raw, body_start, end, boundary.encode("ascii"))
        if spans is None:
            return False
        return all(_visit(raw, view, s, e, min_part, cuts, files, depth + 1) for s, e in spans)
    encoding = str(headers.get("Content-Transfer-Encoding", "")).strip().lower()
    if maintype in ("text", "message") or encoding != "base64" or end - body_start < min_part:
        return True
    if not _files_it(headers) or not _BASE64_BODY.fullmatch(raw, body_start, end):
        return True  # mail-parser may read it as text, or would keep its odd bytes: leave it in
    data = binascii.a2b_base64(view[body_start:end])
    stand_in = f"{_STAND_IN_PREFIX}{secrets.token_hex(16)}".encode("ascii")
    files[stand_in] = data
    cuts.append((body_start, end, binascii.b2a_base64(stand_in, newline=False)))
    return True


_DELIMITER_END = re.compile(rb"(--)?[ \t]*(?:\r?\n|\Z)")


def _files_it(headers: Message) -> bool:
    """Whether mail-parser takes this part as an attachment (its own rule), never as body text."""
    if headers.get_filename():
        return True
    subtype = headers.get_content_subtype()
    if headers.get("Content-ID") and subtype not in ("html", "plain"):
        return True
    return (headers.get_content_disposition() or "") == "attachment" and subtype not in ("html", "plain")


def _parts(raw: bytes, start: int, end: int, boundary: bytes) -> list[tuple[int, int]] | None:
    """The spans of the parts of a multipart body, or None when its closing boundary is missing."""
    marker = b"--" + boundary
    spans: list[tuple[int, int]] = []
    part_start: int | None = None
    position = raw.find(marker, start, end)
    while position != -1:
        # A delimiter is a whole line: "--boundary" (or "--boundary--" to close) at a line start.
        tail = (
            _DELIMITER_END.match(raw, position + len(marker), end)
            if raw[position - 1 : position] == b"\n"
            else None
        )
        if tail is None:
            position = raw.find(marker, position + 1, end)
            continue
        if part_start is not None:
            # The line break before a delimiter belongs to the delimiter, not to the part.
            part_end = position - (2 if raw[position - 2 : position] == b"\r\n" else 1)
            spans.append((part_start, max(part_start, part_end)))
        if tail.group(1):
            return spans
        part_start = tail.end()
        position = raw.find(marker, part_start, end)
    return None
