"""The receiving MTA's RFC 8601 verdict: only a trusted authserv-id, only its topmost header, aligned."""

from __future__ import annotations

import pytest

from parsers.authresults import Verdict, sender_verdict
from parsers.message import parse_message

TRUSTED = ["mx.vendor.example"]


@pytest.mark.parametrize(
    ("headers", "from_domain", "verdict"),
    [
        (["mx.vendor.example; dmarc=pass (p=reject) header.from=acme.no"], "acme.no", Verdict.PASS),
        (["MX.Vendor.Example; DMARC=Pass header.from=Acme.NO"], "acme.no", Verdict.PASS),
        (["mx.vendor.example; dkim=pass header.d=acme.no header.s=sel; dmarc=none"], "acme.no", Verdict.PASS),
        (["mx.vendor.example; dkim=pass header.d=mail.acme.no"], "acme.no", Verdict.PASS),
        (["mx.vendor.example; dkim=pass header.d=evil.example; dmarc=fail"], "acme.no", Verdict.FAIL),
        (["mx.vendor.example; dmarc=pass header.from=evil.example"], "acme.no", Verdict.FAIL),
        (["mx.vendor.example; spf=pass smtp.mailfrom=acme.no"], "acme.no", Verdict.FAIL),
        (["evil.example; dmarc=pass header.from=acme.no"], "acme.no", Verdict.NONE),
        (
            [
                "mx.vendor.example; dmarc=fail header.from=acme.no",
                "mx.vendor.example; dmarc=pass header.from=acme.no",
            ],
            "acme.no",
            Verdict.FAIL,
        ),
        (["mx.vendor.example (dmarc=pass header.from=acme.no); dmarc=fail"], "acme.no", Verdict.FAIL),
        ([], "acme.no", Verdict.NONE),
    ],
    ids=[
        "dmarc-pass",
        "case-insensitive",
        "dkim-pass-aligned",
        "dkim-subdomain-aligned",
        "dkim-pass-other-domain",
        "dmarc-pass-for-another-from",
        "spf-alone-is-not-enough",
        "untrusted-authserv-id",
        "a-forged-header-below-the-mtas-own",
        "a-pass-inside-a-comment",
        "no-header",
    ],
)
def test_verdict(headers: list[str], from_domain: str, verdict: Verdict) -> None:
    """DMARC pass, or DKIM pass aligned with From, in the topmost header of a trusted MTA."""
    assert sender_verdict(headers, TRUSTED, from_domain) is verdict


def test_no_trusted_ids_means_no_verdict() -> None:
    """Without `[smtp] trusted_authserv_ids` nothing is trusted, whatever the headers say."""
    assert sender_verdict(["mx.vendor.example; dmarc=pass"], [], "acme.no") is Verdict.NONE


def test_parse_message_keeps_the_headers_topmost_first() -> None:
    """The parsed message carries every Authentication-Results value in header order."""
    raw = (
        b"Authentication-Results: mx.vendor.example; dmarc=pass header.from=acme.no\r\n"
        b"Received: from x\r\nAuthentication-Results: mx.vendor.example; dmarc=fail\r\n"
        b"From: kari@acme.no\r\nSubject: s\r\n\r\nhei\r\n"
    )
    parsed = parse_message(raw)
    assert parsed.authentication_results == (
        "mx.vendor.example; dmarc=pass header.from=acme.no",
        "mx.vendor.example; dmarc=fail",
    )
    assert sender_verdict(parsed.authentication_results, TRUSTED, "acme.no") is Verdict.PASS
