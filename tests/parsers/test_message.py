"""parse_message on broken headers (the sender is an address mail can go to, or nothing) and on
MIME structures the standard library reads in its own way."""

from __future__ import annotations

import re
from datetime import UTC

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.addresses import valid_address
from parsers.message import clean_header_text, parse_message

BROKEN_RETURN_PATH = (
    b"Return-Path:\x00\x80bbb@z\rz.org>\r\nMessage-ID: <x1@aaa.zzz.org>\r\n"
    b"From: bbb@ddd.com (John X. Doe)\r\nSubject: This is a test message\r\n\r\nHi\r\n"
)


def test_bare_cr_in_a_header_does_not_swallow_the_rest() -> None:
    """A bare CR inside a header is a space, so From and Subject after it stay headers."""
    parsed = parse_message(BROKEN_RETURN_PATH)
    assert (parsed.sender, parsed.sender_name, parsed.subject) == (
        "bbb@ddd.com",
        "John X. Doe",
        "This is a test message",
    )


def test_a_mangled_address_is_never_the_sender() -> None:
    """Without a usable From, garbage in Return-Path is not taken as the address to reply to."""
    parsed = parse_message(b"Return-Path: <\x80bbb@z>\r\nSubject: s\r\n\r\nbody\r\n")
    assert parsed.sender == ""


@pytest.mark.parametrize(
    "address,ok",
    [
        ("kari@acme.no", True),
        ("ola.hansen+sak@sub.acme.no", True),
        ("\ufffdbbb@z", False),
        ("two@at@signs.no", False),
        ("space in@acme.no", False),
        ("nodomain@", False),
        ("", False),
    ],
)
def test_valid_address(address: str, ok: bool) -> None:
    """Only addresses a reply can go to pass."""
    assert valid_address(address) is ok


_DIGEST_AND_PARAMS = (
    b"From: kari@acme.no\r\nSubject: digest\r\nMIME-Version: 1.0\r\n"
    b'Content-Type: multipart/mixed; boundary="outer"\r\n\r\n'
    b'--outer\r\nContent-Type: multipart/digest; boundary="d"\r\n\r\n'
    b"--d\r\n\r\nFrom: a@b.no\r\nSubject: inner\r\n\r\nHei\r\n"
    b'--d\r\nContent-Type: text/plain; charset="utf-8"\r\n\r\nTekst\r\n--d--\r\n'
    b"--outer\r\nContent-Type: application/pdf;\r\n name*0*=utf-8''rapport%20;\r\n name*1=\"del to.pdf\"\r\n"
    b"Content-Disposition: attachment; filename*=utf-8''r%C3%A5data.pdf\r\n"
    b"Content-Transfer-Encoding: base64\r\n\r\nJVBERi0=\r\n"
    b"--outer\r\nContent-Type: text/plain; charset=\xe5\xe6\xf8\r\n"
    b"Content-Type: text/html\r\n\r\nTo typer\r\n"
    b"--outer--\r\n"
)


def test_digest_parts_and_rfc2231_names_are_read_as_the_standard_library_reads_them() -> None:
    """A digest's inner message is a file named by its subject, an RFC 2231 name is decoded, and a
    part with two Content-Types is text as the standard library says."""
    parsed = parse_message(_DIGEST_AND_PARAMS)
    assert [(a.filename, a.content_type) for a in parsed.attachments] == [
        ("inner.eml", "message/rfc822"),
        ("rådata.pdf", "application/pdf"),
    ]
    assert parsed.attachments[1].data == b"%PDF-"
    assert "Tekst" in parsed.text and "To typer" in parsed.text


@settings(max_examples=500, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(["a", "b", " ", "\t", "\r", "\n", "\x00", "\x7f", "\xa0", "\u2028", "æ"])
    )
)
def test_a_clean_header_is_one_line_with_single_spaces(value: str) -> None:
    """The shortcut for headers that need no cleaning gives what the full cleaning gives."""
    assert clean_header_text(value) == " ".join(re.sub(r"[\x00-\x1f\x7f]", " ", value).split())


def test_every_character_is_cleaned_as_before() -> None:
    for ch in map(chr, range(0x3100)):
        for value in (ch, f"a{ch}b", f"{ch}{ch}x"):
            assert clean_header_text(value) == " ".join(re.sub(r"[\x00-\x1f\x7f]", " ", value).split())


@pytest.mark.parametrize(
    ("header", "iso"),
    [
        ("Mon, 02 Nov 2026 10:15:00 +0100", "2026-11-02T09:15:00+00:00"),
        # "-0000": Universal Time from a system that does not say its own zone (RFC 5322 §3.3).
        ("Mon, 02 Nov 2026 10:15:00 -0000", "2026-11-02T10:15:00+00:00"),
    ],
)
def test_the_date_is_an_aware_time(header: str, iso: str) -> None:
    raw = f"From: a@b.no\r\nTo: support@x.no\r\nDate: {header}\r\nSubject: s\r\n\r\nbody\r\n".encode()
    date = parse_message(raw).date
    assert date is not None and date.tzinfo is not None
    assert date.astimezone(UTC).isoformat() == iso
