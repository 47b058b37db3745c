"""Hostile mail through the real SMTP server: each message is a case, or a 5xx that says why.

The mutators are the ones tests/parsers/test_hostile_parsing.py runs in-process by the thousand; here a
few dozen of their messages, and the worst explicit cases, go through `casebot serve` end to end: the
edge answers 250 and the worker makes a case (quarantine would be a bug), or the edge refuses with a
5xx whose text names the reason. Nothing may reach the relay with a header the sender smuggled in.
"""

from __future__ import annotations

import base64
import email.utils
import smtplib
import sqlite3
import time
import uuid
from email.message import Message

import pytest
from hypothesis import HealthCheck, given, settings

from tests.corpora import needs_corpus
from tests.harness import CasebotProcess, Setup, SmtpSink, crlf, wait_until
from tests.parsers.test_hostile_parsing import hostile_messages, nested

PROCESS_LIMIT = 15.0  # seconds from 250 to a case, with the worker's wake-up and the commit included


def _db(setup: Setup) -> sqlite3.Connection:
    return sqlite3.connect(setup.root / "data" / "casebot.db")


def _last_inbound(setup: Setup) -> int:
    with _db(setup) as conn:
        return int(conn.execute("select coalesce(max(id), 0) from inbound").fetchone()[0])


def _exchange(setup: Setup, raw: bytes) -> tuple[int, str]:
    """Send raw bytes as one SMTP transaction from a sender of its own; the final status code and text.

    A sender of its own keeps the per-sender rate limit (a 451, correctly) out of this property."""
    sender = f"fuzz-{uuid.uuid4().hex[:12]}@acme.no"
    with smtplib.SMTP("127.0.0.1", setup.smtp_port, timeout=60) as client:
        try:
            client.sendmail(sender, ["support@vendor.example"], raw)
        except smtplib.SMTPDataError as exc:
            return exc.smtp_code, exc.smtp_error.decode("utf-8", "replace")
        except smtplib.SMTPSenderRefused as exc:
            return exc.smtp_code, exc.smtp_error.decode("utf-8", "replace")
    return 250, ""


def _fate(setup: Setup, after: int, message_id: str) -> tuple[str, str, int | None]:
    """Wait for the message stored after inbox id `after` to be finished; (status, outcome, case id)."""
    started = time.monotonic()

    def finished() -> tuple[str, str] | None:
        with _db(setup) as conn:
            row = conn.execute(
                "select status, coalesce(outcome, last_error, '') from inbound where id > ? order by id",
                (after,),
            ).fetchone()
        return (row[0], row[1]) if row and row[0] in ("done", "failed") else None

    status, outcome = wait_until(finished, timeout=PROCESS_LIMIT + 5, interval=0.05)
    assert time.monotonic() - started < PROCESS_LIMIT, "processing took too long"
    with _db(setup) as conn:
        found = conn.execute(
            "select case_id from messages where direction = 'in' and external_id = ?", (message_id,)
        ).fetchone()
    return status, outcome, found[0] if found else None


def _with_id(raw: bytes) -> tuple[bytes, str]:
    """The bytes with a fresh Message-ID first, so each example is its own message."""
    message_id = email.utils.make_msgid(domain="hostile.example")
    return f"Message-ID: {message_id}\r\n".encode() + raw, message_id


def assert_case_or_clear_refusal(setup: Setup, raw: bytes) -> tuple[int, int | None]:
    """The property: 250 then a case holding this message, or a 5xx with a reason. (code, case id)."""
    raw, message_id = _with_id(raw)
    before = _last_inbound(setup)
    code, text = _exchange(setup, raw)
    if code != 250:
        assert 500 <= code < 600 and len(text) > 5, (code, text)
        assert _last_inbound(setup) == before, "refused, but stored"
        return code, None
    status, outcome, case_id = _fate(setup, before, message_id)
    assert status == "done", f"quarantined: {outcome}"
    assert case_id is not None, f"no case holds the message ({outcome})"
    return code, case_id


@needs_corpus
@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    # One server for all examples on purpose: each message is its own, with its own Message-ID.
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(case=hostile_messages())
def test_mutated_corpus_mail_over_smtp_becomes_a_case_or_a_clear_5xx(
    setup: Setup, server: CasebotProcess, case: tuple[bytes, list[str]]
) -> None:
    """Mutated real mail over SMTP: 250 and a case within the time limit, or a 5xx with its reason."""
    raw, _mutations = case
    assert_case_or_clear_refusal(setup, crlf(raw))


def _multipart(parts: list[bytes], subject: bytes = b"parts") -> bytes:
    body = b"".join(b"--P\r\n" + p + b"\r\n" for p in parts) + b"--P--\r\n"
    head = b"From: Kari <kari@acme.no>\r\nTo: support@vendor.example\r\nSubject: " + subject + b"\r\n"
    return head + b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=P\r\n\r\n" + body


def _description(setup: Setup, case_id: int) -> str:
    with _db(setup) as conn:
        return str(conn.execute("select description from cases where id = ?", (case_id,)).fetchone()[0])


def test_ten_thousand_parts_become_one_case(setup: Setup, server: CasebotProcess) -> None:
    """A message of 10,000 parts (half of them attachments) is accepted and becomes one case in time."""
    parts = [
        b"Content-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=f%d.bin\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\nAAEC" % i
        if i % 2
        else b"Content-Type: text/plain\r\n\r\nlinje %d" % i
        for i in range(10_000)
    ]
    code, case_id = assert_case_or_clear_refusal(setup, _multipart(parts))
    assert code == 250 and case_id is not None


def test_two_hundred_levels_of_nesting_become_a_case_with_the_text(
    setup: Setup, server: CasebotProcess
) -> None:
    """A message under 200 levels of multipart becomes a case whose description is the inner text."""
    inner = b"From: kari@acme.no\r\nSubject: inner\r\n\r\nLagring av avvik feiler i Chrome 131.\r\n"
    code, case_id = assert_case_or_clear_refusal(setup, nested(200, inner))
    assert code == 250 and case_id is not None
    assert "Chrome 131" in _description(setup, case_id)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (b"X-Huge: " + b"\r\n ".join([b"b" * 70] * 14_500), 250),  # 1 MB, folded
        (b"X-Huge: " + b"a" * 1_000_000, 250),  # 1 MB on one line, under the edge's 1 MiB line limit
        (b"X-Huge: " + b"a" * 1_100_000, 500),  # one line over it: refused, and the reply says so
    ],
    ids=["folded", "one-line", "over-line-limit"],
)
def test_one_megabyte_header_is_a_case_or_a_clear_refusal(
    setup: Setup, server: CasebotProcess, header: bytes, expected: int
) -> None:
    """A 1 MB header: a case when its lines are within limits, `500 Line too long` when one is not."""
    raw = b"From: kari@acme.no\r\n" + header + b"\r\nSubject: Stor header\r\n\r\nHei, det feiler.\r\n"
    code, case_id = assert_case_or_clear_refusal(setup, raw)
    assert code == expected
    assert (case_id is not None) == (expected == 250)


def test_nul_bytes_in_headers_and_body_become_a_clean_case(setup: Setup, server: CasebotProcess) -> None:
    """NUL bytes in Subject, From and body: a case, and no NUL reaches the stored text or subject."""
    raw = (
        b"From: Ka\x00ri <kari@acme.no>\r\nSubject: Feil\x00 ved lagring\r\n\r\n"
        b"Hei,\x00 lagring feiler\x00\x00 hver gang.\r\n" + b"\x00" * 1000 + b"\r\n"
    )
    code, case_id = assert_case_or_clear_refusal(setup, raw)
    assert code == 250 and case_id is not None
    with _db(setup) as conn:
        subject, description, name = conn.execute(
            "select subject, description, reporter_name from cases where id = ?", (case_id,)
        ).fetchone()
        texts = [r[0] for r in conn.execute("select text from messages where case_id = ?", (case_id,))]
    for value in (subject, description, name, *texts):
        assert "\x00" not in value
    assert "lagring feiler" in description


INJECTION = "Bcc: victim@evil.example"


def _injected_message(sender: str) -> bytes:
    """CR/LF smuggled into Subject, From's display name and an attachment's file name, three ways."""
    subject = "=?utf-8?B?" + base64.b64encode(f"Hei\r\n{INJECTION}".encode()).decode() + "?="
    name = "=?utf-8?Q?Kari=0D=0A" + INJECTION.replace(" ", "_").replace(":", "=3A") + "?="
    return _multipart(
        [
            b"Content-Type: text/plain; charset=utf-8\r\n\r\nSe vedlegg, lagring feiler.",
            b"Content-Type: text/plain\r\n"
            b"Content-Disposition: attachment; filename*=utf-8''logg%0D%0ABcc%3A%20victim%40evil.example.txt"
            b"\r\n\r\nERROR 1",
            b'Content-Type: text/plain\r\nContent-Disposition: attachment; filename="=?utf-8?Q?skjerm=0D=0A'
            b'Bcc=3A_victim@evil.example.txt?="\r\n\r\nERROR 2',
        ],
        subject=subject.encode(),
    ).replace(b"From: Kari <kari@acme.no>", f"From: {name} <{sender}>".encode())


def _header_names(message: Message) -> set[str]:
    return {name.lower() for name in message}


def test_crlf_injection_reaches_no_header_and_no_file_name(
    setup: Setup, server: CasebotProcess, sink: SmtpSink
) -> None:
    """CR/LF in Subject, From name and file names: the acknowledgement carries no Bcc, names no CR/LF."""
    code, case_id = assert_case_or_clear_refusal(setup, _injected_message("kari@acme.no"))
    assert code == 250 and case_id is not None
    (ack,) = sink.wait_for("kari@acme.no")
    wait_until(lambda: sink.to("staff@vendor.example"))
    with sink.lock:
        messages, envelopes = list(sink.messages), list(sink.envelopes)
    for message, (_mail_from, rcpt_tos) in zip(messages, envelopes, strict=True):
        assert "bcc" not in _header_names(message) and "victim@evil.example" not in rcpt_tos
        for name, value in message.items():
            assert "\r" not in str(value) and "\n" not in str(value), name
    assert "bcc" not in _header_names(ack) and str(ack["Subject"]).startswith("[")
    with _db(setup) as conn:
        names = [r[0] for r in conn.execute("select filename from attachments where case_id = ?", (case_id,))]
        subject, reporter_name = conn.execute(
            "select subject, reporter_name from cases where id = ?", (case_id,)
        ).fetchone()
    assert len(names) == 2
    for value in (*names, subject, reporter_name):
        assert "\r" not in value and "\n" not in value, value


def test_thousand_levels_of_nesting_become_a_case(setup: Setup, server: CasebotProcess) -> None:
    """A 1,000-level multipart (a 40 KB message) is accepted and becomes a case, not quarantine."""
    inner = b"From: kari@acme.no\r\nSubject: inner\r\n\r\nHei.\r\n"
    code, case_id = assert_case_or_clear_refusal(setup, nested(1_000, inner))
    assert code == 250 and case_id is not None


def test_nul_in_charset_name_becomes_a_case(setup: Setup, server: CasebotProcess) -> None:
    """`charset=\\x00utf-8` on a base64 HTML body is accepted and becomes a case, not quarantine."""
    raw = (
        b"From: kari@acme.no\r\nSubject: nul\r\nContent-Type: text/html; charset=\x00utf-8\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\n" + base64.b64encode(b"<p>Hei, det feiler.</p>") + b"\r\n"
    )
    code, case_id = assert_case_or_clear_refusal(setup, raw)
    assert code == 250 and case_id is not None
