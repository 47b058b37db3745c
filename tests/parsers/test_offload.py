"""Big files decoded outside the parser: the same result as parsing whole, at a fraction of the memory."""

from __future__ import annotations

import base64
import hashlib
import re
import tracemalloc
from email.message import EmailMessage

import pytest

from parsers.message import ParsedMessage, _parse, parse_message, repair_headers
from parsers.offload import Offloaded, offload
from tests.corpora import needs_corpus
from tests.parsers.emails import EVERY_EMAIL


def _whole(raw: bytes) -> ParsedMessage:
    return parse_message(raw, offload_from=1 << 62)


def _offloaded(raw: bytes) -> ParsedMessage:
    return parse_message(raw, offload_from=0, offload_part=0)


def _message(files: list[tuple[str, str, bytes]], text: str = "Hei, se vedlegget.") -> bytes:
    msg = EmailMessage()
    msg["From"] = "kari@acme.no"
    msg["To"] = "support@vendor.example"
    msg["Subject"] = "Vedlegg"
    msg["Message-ID"] = "<offload-test@acme.no>"
    msg.set_content(text)
    for name, ctype, data in files:
        maintype, subtype = ctype.split("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return msg.as_bytes()


@needs_corpus
def test_the_corpus_parses_the_same_with_every_file_offloaded() -> None:
    """Every email we have, with every base64 part cut out however small, reads exactly as parsed whole.

    mail-parser names an unnamed attachment at random, so a name that differs between two whole
    parses is not compared.
    """
    assert len(EVERY_EMAIL) > 100
    cut = 0
    for path in EVERY_EMAIL:
        raw = path.read_bytes()
        whole, again, offloaded = _whole(raw), _whole(raw), _offloaded(raw)
        cut += offload(repair_headers(raw), 0) is not None
        for name in ParsedMessage.__dataclass_fields__:
            if name != "attachments":
                assert getattr(offloaded, name) == getattr(whole, name), f"{path.name}: {name}"
        assert len(offloaded.attachments) == len(whole.attachments), path.name
        for mine, theirs, stable in zip(
            offloaded.attachments, whole.attachments, again.attachments, strict=True
        ):
            assert (mine.content_type, mine.data, mine.inline, mine.content_id) == (
                theirs.content_type,
                theirs.data,
                theirs.inline,
                theirs.content_id,
            ), path.name
            if theirs.filename == stable.filename:
                assert mine.filename == theirs.filename, path.name
    assert cut >= 20  # the comparison covered real cutting, not only messages without files


def test_a_big_message_parses_in_a_fraction_of_its_size_in_memory() -> None:
    video = bytes(range(256)) * 32 * 1024  # 8 MB, about 11 MB as base64
    raw = _message([("opptak.mp4", "video/mp4", video), ("logg.txt", "text/plain", b"ERROR x\n" * 100)])
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        parsed = parse_message(raw)
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()
    # Parsed whole, the standard library's parser peaks near 8x the message; offloaded, about the file.
    assert peak < 1.5 * len(raw)
    assert [(a.filename, a.content_type) for a in parsed.attachments] == [
        ("opptak.mp4", "video/mp4"),
        ("logg.txt", "text/plain"),
    ]
    assert hashlib.sha256(parsed.attachments[0].data).digest() == hashlib.sha256(video).digest()
    assert parsed.text == "Hei, se vedlegget."


@pytest.mark.parametrize(
    ("name", "damage"),
    [
        ("no closing boundary", lambda raw, b: raw.replace(b"--" + b + b"--", b"")),
        ("broken base64 padding", lambda raw, b: raw.replace(b"AAEC", b"AAE", 1)),
        (
            "boundary not at a line start",
            lambda raw, b: raw.replace(b"\n--" + b + b"\n", b"\nx--" + b + b"\n"),
        ),
    ],
)
def test_a_structure_it_cannot_cut_safely_is_parsed_whole(name: str, damage: object) -> None:
    raw = _message([("data.bin", "application/octet-stream", bytes(range(256)) * 512)])
    boundary = raw.split(b'boundary="', 1)[1].split(b'"', 1)[0]
    broken = damage(raw, boundary)  # type: ignore[operator]
    assert broken != raw, name
    assert offload(broken, 0) is None, name
    assert _offloaded(broken).attachments == _whole(broken).attachments, name


def test_text_parts_are_never_cut_even_when_base64() -> None:
    text = "Rapporten viser feil tall for avvik i november. " * 2000
    msg = EmailMessage()
    msg["From"] = "kari@acme.no"
    msg["Subject"] = "Lang tekst"
    msg.set_content(text, cte="base64")
    raw = msg.as_bytes()
    assert b"base64" in raw and offload(raw, 0) is None
    assert _offloaded(raw).text.strip() == text.strip()


def test_a_file_that_looks_like_a_stand_in_is_kept_as_it_is() -> None:
    """The stand-ins carry a random token: a sender cannot write one that pulls in other bytes."""
    fake = b"casebot-offloaded-" + b"0" * 32
    raw = _message(
        [("a.bin", "application/octet-stream", fake), ("b.bin", "application/octet-stream", b"x" * 5000)]
    )
    parsed = _offloaded(raw)
    assert [a.data for a in parsed.attachments] == [fake, b"x" * 5000]
    assert base64.b64encode(fake) in raw


# Shapes a review found read differently when cut (each once lost or hid bytes); each must now read
# exactly as the message parsed whole, whether or not it is cut.
_HEAD = b"From: a@b.no\nTo: s@v.no\nSubject: t\nMessage-ID: <x@y>\nMIME-Version: 1.0\n"
_TEXT = b"Content-Type: text/plain\n\nhello"
_PDF = b"Content-Type: application/pdf; name=f.pdf\nContent-Transfer-Encoding: base64"
_DATA = base64.encodebytes(b"%PDF-1.4 real file content " * 20).rstrip(b"\n")
_HALF = len(_DATA) // 2 // 77 * 77


def _mixed(*parts: bytes) -> bytes:
    body = b"".join(b"--b\n" + part + b"\n" for part in parts) + b"--b--\n"
    return _HEAD + b'Content-Type: multipart/mixed; boundary="b"\n\n' + body


def _pad(data: bytes) -> bytes:
    """Base64 characters to a multiple of four, so the bytes decode either way."""
    return data + b"A" * (-len(re.sub(rb"[^A-Za-z0-9+/]", b"", data)) % 4)


SHAPES = {
    "headers end in a bare CR, blank line inside the base64": _mixed(
        _TEXT, _PDF + b"\r\r\n" + _DATA[:_HALF] + b"\n\n" + _DATA[_HALF:]
    ),
    "a line in a part's headers that is not a header": _mixed(_TEXT, _PDF + b"\nnot a header\n\n" + _DATA),
    "a bare CR before a delimiter": _mixed(
        _TEXT, _PDF + b"\n\n" + _DATA + _pad(b"\r--b\nContent-Type: text/plain\n\nHIDDEN TEXT ")
    ),
    "a boundary the parser unquotes twice": _HEAD
    + b'Content-Type: multipart/mixed; boundary="<b>"\n\n--<b>\n'
    + _PDF
    + b"\n\n"
    + _pad(_DATA + b"\n--b\nContent-Type: text/plain\n\nREAL TEXT\n--b--\n")
    + b"\n--<b>--\n",
    "an 8-bit byte inside the base64": _mixed(_TEXT, _PDF + b"\n\n" + _DATA[:100] + b"\xff" + _DATA[100:]),
    "an unnamed application/plain part, which mail-parser reads as the body": _mixed(
        _TEXT,
        b"Content-Type: application/plain\nContent-Transfer-Encoding: base64\n\n" + base64.b64encode(b"text"),
    ),
    "a top-level image with a stray character": _HEAD
    + b"Content-Type: image/png\nContent-Transfer-Encoding: base64\n\n"
    + _DATA
    + b"!\n",
}


@pytest.mark.parametrize("name", SHAPES)
def test_shapes_that_once_read_differently_read_as_whole(name: str) -> None:
    raw = SHAPES[name]
    whole, offloaded = _whole(raw), _offloaded(raw)
    assert offloaded == whole or (
        [(a.content_type, a.data) for a in offloaded.attachments]
        == [(a.content_type, a.data) for a in whole.attachments]
        and offloaded.text == whole.text
        and offloaded.defects == whole.defects
    ), name


def test_a_skeleton_that_does_not_read_back_exactly_is_refused() -> None:
    """The safety net: unless the parser gives each stand-in back exactly once as a file, and none
    as text, the skeleton's reading is refused and the message is parsed whole."""
    raw = _message([("a.bin", "application/octet-stream", bytes(range(256)) * 64)])
    cut = offload(raw, 0)
    assert cut is not None and _parse(raw, cut) is not None
    missing = Offloaded(skeleton=raw, files={b"casebot-offloaded-" + b"1" * 32: b"lost"})
    assert _parse(raw, missing) is None
    as_text = _message([], text="casebot-offloaded-" + "2" * 32)
    assert _parse(as_text, Offloaded(skeleton=as_text, files={})) is None
    # The same file twice is two stand-ins, and each comes back once.
    twice = _message([("a.bin", "application/octet-stream", b"same" * 3000)] * 2)
    assert [a.data for a in _offloaded(twice).attachments] == [b"same" * 3000] * 2
