"""parse_message on broken headers: the sender is an address mail can go to, or nothing."""

from __future__ import annotations

import pytest

from parsers.message import parse_message, valid_address

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
