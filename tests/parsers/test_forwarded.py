"""Who wrote a forwarded message, from the forward's header block (Gmail, Outlook nb/en, Apple Mail)."""

from __future__ import annotations

import pytest

from parsers.forwarded import ForwardedSender, forwarded_sender

GMAIL = (
    "Se under.\n\n---------- Forwarded message ---------\nFrom: Kari Nordmann <kari@acme.no>\n"
    "Date: Mon, 30 Nov 2026 at 09:12\nSubject: Avvik\nTo: <siri@vendor.example>\n\nHei\n"
)
OUTLOOK_NB = (
    "FYI\n\nFra: Kari Nordmann <Kari@Acme.no>\nSendt: mandag 30. november 2026 09:12\n"
    "Til: Siri\nEmne: Avvik\n"
)
OUTLOOK_OLD = (
    "\n-----Original Message-----\nFrom: John Smith [mailto:john@globex.com]\nSent: Monday\nTo: Support\n"
)
APPLE = 'Begin forwarded message:\n\n> From: "Ola" <ola@acme.no>\n> Subject: Hjelp\n> Date: 30 Nov\n'
NESTED = (
    "Fra: Per Kollega <per@vendor.example>\nSendt: 30. nov\nTil: Siri\n\nSe under\n\n"
    "Fra: Kari <kari@acme.no>\nSendt: 29. nov\nTil: Per\n"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (GMAIL, ForwardedSender("kari@acme.no", "Kari Nordmann")),
        (OUTLOOK_NB, ForwardedSender("kari@acme.no", "Kari Nordmann")),
        (OUTLOOK_OLD, ForwardedSender("john@globex.com", "John Smith")),
        (APPLE, ForwardedSender("ola@acme.no", "Ola")),
        (NESTED, ForwardedSender("kari@acme.no", "Kari")),
        ("The error came from: the login page\nand then it stopped.\n", None),
        ("From: kari@acme.no\n\nonly one header line, not a forward block\n", None),
    ],
)
def test_forwarded_sender(text: str, expected: ForwardedSender | None) -> None:
    """The first sender of a header block who is not staff; running text with "from:" is no sender."""
    assert forwarded_sender(text, skip=lambda address: address.endswith("@vendor.example")) == expected
