"""Mailboxes are read as RFC 5322 reads them: the address is the addr-spec, never text in the display name."""

from __future__ import annotations

import pytest

from parsers.addresses import Mailbox, mailboxes, sender_mailbox
from parsers.message import parse_message


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('"Bo <bo@acme.no>" <mallory@evil.example>', Mailbox("Bo <bo@acme.no>", "mallory@evil.example")),
        (
            "=?utf-8?q?Bo_=3Cbo=40acme=2Eno=3E?= <mallory@evil.example>",
            Mailbox("Bo <bo@acme.no>", "mallory@evil.example"),
        ),
        (
            "=?utf-8?b?Ym9AYWNtZS5ubw==?= <mallory@evil.example>",
            Mailbox("bo@acme.no", "mallory@evil.example"),
        ),
        ("Kari Nordmann <Kari@Acme.NO>", Mailbox("Kari Nordmann", "kari@acme.no")),
        ("John X. Doe <jx@acme.no>", Mailbox("John X. Doe", "jx@acme.no")),
        ("kari@acme.no (Kari Nordmann)", Mailbox("Kari Nordmann", "kari@acme.no")),
        ("alice@example.com <bob@example.com>", Mailbox("", "bob@example.com", ambiguous=True)),
        ("Bo <bo@acme.no> <mallory@evil.example>", Mailbox("", "mallory@evil.example", ambiguous=True)),
        ("bo@acme.no, mallory@evil.example", Mailbox("", "bo@acme.no", ambiguous=True)),
        (
            "=?utf-8?Q?Kari=0D=0ABcc=3A_victim@evil.example?= <kari@acme.no>",
            Mailbox("Kari Bcc: victim@evil.example", "kari@acme.no", ambiguous=True),
        ),
        ("undisclosed-recipients:;", None),
        ("Bo", None),
    ],
    ids=[
        "quoted-name-holds-an-address",
        "encoded-name-holds-an-address",
        "encoded-name-is-an-address",
        "plain",
        "obsolete-period-in-name",
        "rfc822-comment-name",
        "address-before-angle-address",
        "two-angle-addresses",
        "two-mailboxes",
        "cr-lf-in-the-decoded-name",
        "empty-group",
        "no-address",
    ],
)
def test_the_sender_is_the_addr_spec(value: str, expected: Mailbox | None) -> None:
    """A From-like value gives the addr-spec outside the display name; a malformed one is marked ambiguous."""
    assert sender_mailbox(value) == expected


def test_every_recipient_of_a_list_and_a_group() -> None:
    """An address-list with a group gives every mailbox in order, names decoded after parsing."""
    found = mailboxes('"Ola" <ola@x.no>, team: =?utf-8?b?w5hzdGVu?= <osten@y.no>, kari@z.no;')
    assert [(m.name, m.address) for m in found] == [
        ("Ola", "ola@x.no"),
        ("Østen", "osten@y.no"),
        ("", "kari@z.no"),
    ]


def test_a_spoofed_display_name_never_becomes_the_message_sender() -> None:
    """parse_message takes From's addr-spec; the address-looking display name stays a name."""
    raw = (
        b'From: "Bo <bo@acme.no>" <mallory@evil.example>\r\nTo: support@vendor.example\r\n'
        b"Subject: [Sak #3] ja, dere kan logge inn\r\n\r\nJa, logg inn.\r\n"
    )
    parsed = parse_message(raw)
    assert (parsed.sender, parsed.sender_name, parsed.sender_ambiguous) == (
        "mallory@evil.example",
        "Bo <bo@acme.no>",
        False,
    )


def test_a_message_without_a_readable_sender_is_ambiguous() -> None:
    """No From, Sender, Reply-To or Return-Path that holds an address: no sender, and ambiguous."""
    parsed = parse_message(b"From: Bo\r\nSubject: s\r\n\r\nbody\r\n")
    assert parsed.sender == "" and parsed.sender_ambiguous
