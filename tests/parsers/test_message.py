"""parse_message on broken headers (the sender is an address mail can go to, or nothing), and the
lean mail-parser reading bodies and files exactly as mail-parser itself does."""

from __future__ import annotations

import email
import re
from email.message import Message
from typing import Any

import mailparser
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.addresses import valid_address
from parsers.message import _Part, clean_header_text, parse_bodies, parse_message
from tests.corpora import needs_corpus
from tests.parsers.emails import EVERY_EMAIL

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


def _reading(parse: Any, raw: bytes) -> tuple[Any, ...]:
    """What casebot takes from mail-parser, or the exception it raised."""
    try:
        parsed = parse(raw)
    except Exception as exc:  # noqa: BLE001 - both readings must fail the same way
        return (type(exc).__name__,)
    return (parsed.text_plain, parsed.text_html, parsed.attachments, parsed.message.as_bytes())


@needs_corpus
def test_bodies_and_files_read_exactly_as_mail_parser_reads_them() -> None:
    """Every email we have: the lean parser (no header API) gives the same texts, files and message.

    mail-parser names an unnamed attachment at random; such a name, which differs between two of its
    own readings, is left out of the comparison.
    """
    assert len(EVERY_EMAIL) > 100
    files = 0
    for path in EVERY_EMAIL:
        raw = path.read_bytes()
        lean = _reading(parse_bodies, raw)
        full, again = _reading(mailparser.parse_from_bytes, raw), _reading(mailparser.parse_from_bytes, raw)
        if len(full) > 1:
            for mine, theirs, other in zip(lean[2], full[2], again[2], strict=True):
                if theirs["filename"] != other["filename"]:
                    mine["filename"] = theirs["filename"] = "(random)"
                    mine["safe_filename"] = theirs["safe_filename"] = "(random)"
            files += len(full[2])
        assert lean == full, path.name
    assert files > 50  # the comparison covered attachments, not only text


def test_the_lean_parser_skips_the_header_api() -> None:
    """What makes it lean: mail-parser's dict of all headers is never built."""
    raw = b"From: kari@acme.no\r\nTo: support@vendor.example\r\nSubject: Hei\r\n\r\nTekst\r\n"
    assert mailparser.parse_from_bytes(raw).mail["subject"] == "Hei"
    lean = parse_bodies(raw)
    assert lean.mail == {}
    assert lean.text_plain == ["Tekst\r\n"]


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


def _answers(part: Message) -> tuple[Any, ...]:
    return (
        part.get_content_type(),
        part.get_params(),
        part.get_params(header="content-disposition"),
        part.get_param("charset"),
        part.get_filename(),
        part.get_boundary(),
        part.get_content_charset(),
        part.get_content_disposition(),
    )


def _both(raw: bytes) -> tuple[Message, Message]:
    return email.message_from_bytes(raw), email.message_from_bytes(raw, _class=_Part)


@pytest.mark.parametrize("raw", [_DIGEST_AND_PARAMS, *(p.read_bytes() for p in EVERY_EMAIL[::7])])
def test_a_part_answers_as_a_plain_message_does(raw: bytes) -> None:
    """`_Part` keeps what it reads by the header's text: digest defaults, RFC 2231 parameters,
    undecodable header bytes and repeated headers read as the standard library reads them."""
    plain, kept = _both(raw)
    for mine, theirs in zip(kept.walk(), plain.walk(), strict=True):
        assert _answers(mine) == _answers(theirs)
        assert _answers(mine) == _answers(theirs)  # again, from what it kept


def test_a_part_changed_after_parsing_answers_for_its_new_headers() -> None:
    plain, kept = _both(_DIGEST_AND_PARAMS)
    for message in (plain, kept):
        pdf = list(message.walk())[5]
        pdf.set_param("name", "ny.pdf")
        pdf.set_type("application/x-pdf")
        pdf.replace_header("Content-Disposition", "inline")
        pdf.get_params().append(("mutated", "list"))  # a caller changing the list it got
    assert [_answers(p) for p in kept.walk()] == [_answers(p) for p in plain.walk()]
    assert list(kept.walk())[5].get_content_type() == "application/x-pdf"


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
