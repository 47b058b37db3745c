"""Email intake end to end: the real SMTP server, a real client, the real store, a local SMTP sink.

Most tests share one casebot per module (and xdist worker), each writing from addresses of its own
(`someone`); the tests that need a config of their own, or look at the whole attachments folder or
inbox, start their own.
"""

from __future__ import annotations

import hashlib
import smtplib
import sqlite3
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.harness import (
    CasebotProcess,
    Setup,
    SmtpSink,
    cli,
    cli_json,
    mail,
    module_casebot,
    reply_to,
    send,
    someone,
    wait_until,
)

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
PDF = b"%PDF-1.4\n" + b"0123456789" * 500
LOG = b"2026-11-03 10:00:01 ERROR NullReferenceException\n" * 40


_casebot, setup, server, sink = module_casebot("intake")


def _cases(setup: Setup, count: int, *reporters: str) -> list[dict]:
    """The cases reported by `reporters` (every case when none is named), once there are `count`."""

    def ours() -> list[dict]:
        rows = cli_json(setup, "cases", "list")
        wanted = {reporter.lower() for reporter in reporters}
        return [row for row in rows if not wanted or (row["reporter"] or "").lower() in wanted]

    return wait_until(lambda: (rows := ours()) and len(rows) >= count and rows)


def _processed(setup: Setup, case_id: int, inbound: int) -> dict:
    """The case once it holds `inbound` customer messages."""

    def ready() -> dict | None:
        detail = cli_json(setup, "cases", "show", str(case_id))
        return detail if sum(m["direction"] == "in" for m in detail["messages"]) >= inbound else None

    return wait_until(ready)


def _all_processed(setup: Setup, sender: str) -> bool:
    """Whether every message `sender` sent has been processed (none pending, claimed or failed)."""
    with sqlite3.connect(setup.root / "data" / "casebot.db") as db:
        query = "select count(*) from inbound where status != 'done' and envelope_from = ?"
        return db.execute(query, (sender,)).fetchone()[0] == 0


def test_three_attachments_become_one_case_with_matching_hashes(setup: Setup, server: CasebotProcess) -> None:
    """A multipart message with 3 attachments is one case whose files match by SHA-256, stored by hash."""
    kari = someone("kari")
    files = [
        ("skjerm.png", "image/png", PNG),
        ("rapport.pdf", "application/pdf", PDF),
        ("feil.log", "text/plain", LOG),
    ]
    send(setup.smtp_port, mail(kari, "Feil ved lagring", "Hei, det feiler.", attachments=files))
    (case,) = _cases(setup, 1, kari)
    detail = cli_json(setup, "cases", "show", str(case["id"]))
    got = {(a["filename"], a["sha256"], a["size"]) for a in detail["attachments"]}
    assert got == {(name, hashlib.sha256(data).hexdigest(), len(data)) for name, _, data in files}
    for _, _, data in files:
        digest = hashlib.sha256(data).hexdigest()
        assert (setup.root / "attachments" / digest[:2] / digest).read_bytes() == data
    assert detail["customer"] == "Acme AS" and detail["instance"] == "acme.landax.no"
    assert detail["reporter"] == kari and detail["status"] == "draft"


def test_big_attachments_are_stored_byte_for_byte(setup: Setup, server: CasebotProcess) -> None:
    """Files big enough to be decoded outside the parser (see `parsers.offload`) arrive intact, with
    their names and types, and the text beside them is still the description."""
    kari = someone("kari")
    files = [
        ("opptak.mp4", "video/mp4", bytes(range(256)) * 2048),  # 512 KB
        ("eksport.zip", "application/zip", b"PK\x03\x04" + bytes(255 - i % 256 for i in range(400_000))),
    ]
    body = "Hei, lagring av avvik feiler. Opptak og eksport ligger vedlagt."
    send(setup.smtp_port, mail(kari, "Lagring feiler", body, attachments=files))
    (case,) = _cases(setup, 1, kari)
    detail = cli_json(setup, "cases", "show", str(case["id"]))
    got = {(a["filename"], a["content_type"], a["sha256"], a["size"]) for a in detail["attachments"]}
    assert got == {(n, t, hashlib.sha256(d).hexdigest(), len(d)) for n, t, d in files}
    assert "Opptak og eksport ligger vedlagt" in detail["description"]


def test_acknowledgement_arrives_with_threading_headers(
    setup: Setup, server: CasebotProcess, sink: SmtpSink
) -> None:
    """The reply reaches the relay with the case tag, Reply-To token, In-Reply-To and Auto-Submitted."""
    ola = someone("ola")
    original = mail(ola, "Kan ikke logge inn", "Hei, jeg får ikke logget inn i dag.", name="Ola Nordmann")
    send(setup.smtp_port, original)
    (ack,) = sink.wait_for(ola)
    (case,) = _cases(setup, 1, ola)
    assert ack["Subject"].startswith(f"[Sak #{case['id']}]")
    assert ack["In-Reply-To"] == original["Message-ID"]
    assert original["Message-ID"] in ack["References"]
    assert ack["Auto-Submitted"] == "auto-replied"
    assert ack["Message-ID"] and ack["Message-ID"] != original["Message-ID"]
    assert ack["Reply-To"].addresses[0].username.startswith("support+")
    body = ack.get_content()
    assert "Hei Ola," in body and f"sak #{case['id']}" in body


def test_english_mail_gets_an_english_acknowledgement(
    setup: Setup, server: CasebotProcess, sink: SmtpSink
) -> None:
    """The reply is in the customer's language: `[Case #N]` and English text for English mail."""
    john = someone("john", "globex.com")
    send(
        setup.smtp_port,
        mail(john, "Cannot export report", "Hello, the export button does nothing. Please help."),
    )
    (ack,) = sink.wait_for(john)
    assert ack["Subject"].startswith("[Case #")
    assert "Thank you for contacting us" in ack.get_content()


def test_reply_to_acknowledgement_lands_in_the_same_case(
    setup: Setup, server: CasebotProcess, sink: SmtpSink
) -> None:
    """A customer's reply (In-Reply-To the bot's message) joins the case instead of starting one."""
    kari = someone("kari")
    send(setup.smtp_port, mail(kari, "Rapport tom", "Rapporten viser ingen rader."))
    (ack,) = sink.wait_for(kari)
    send(setup.smtp_port, reply_to(ack, kari, "Det gjelder alle brukere."))
    (case,) = _cases(setup, 1, kari)
    detail = _processed(setup, case["id"], inbound=2)
    assert len(_cases(setup, 1, kari)) == 1
    assert [m["direction"] for m in detail["messages"]][:3] == ["in", "out", "in"]


def test_reply_token_alone_threads_for_the_reporter(
    setup: Setup, server: CasebotProcess, sink: SmtpSink
) -> None:
    """A new mail (no reply headers) to the case's +token address from the reporter joins that case."""
    kari = someone("kari")
    send(setup.smtp_port, mail(kari, "Utskrift", "Utskrift virker ikke."))
    (ack,) = sink.wait_for(kari)
    token_address = ack["Reply-To"].addresses[0].addr_spec
    send(setup.smtp_port, mail(kari, "Mer info", "Glemte å si: det er Edge.", to=token_address))
    (case,) = _cases(setup, 1, kari)
    _processed(setup, case["id"], inbound=2)
    assert len(_cases(setup, 1, kari)) == 1


def test_forged_subject_tag_from_a_stranger_starts_a_new_case(
    setup: Setup, server: CasebotProcess, sink: SmtpSink
) -> None:
    """A case tag in the subject is not trusted from someone outside the case's customer."""
    kari, mallory = someone("kari"), someone("mallory", "evil.example")
    send(setup.smtp_port, mail(kari, "Hemmelig sak", "Internt problem hos Acme."))
    (case,) = _cases(setup, 1, kari)
    send(setup.smtp_port, mail(mallory, f"Re: [Sak #{case['id']}] Hemmelig sak", "Please add me."))
    cases = _cases(setup, 2, kari, mallory)
    assert len(cases) == 2
    first = cli_json(setup, "cases", "show", str(case["id"]))
    assert all(m["sender"] != mallory for m in first["messages"])


def test_subject_tag_from_a_colleague_of_the_same_customer_threads(
    setup: Setup, server: CasebotProcess
) -> None:
    """The case tag is trusted from another person at the same customer (a colleague following up)."""
    kari, per = someone("kari"), someone("per")
    send(setup.smtp_port, mail(kari, "Treg side", "Siden er treg."))
    (case,) = _cases(setup, 1, kari)
    send(setup.smtp_port, mail(per, f"SV: [Sak #{case['id']}] Treg side", "Samme her hos meg."))
    _processed(setup, case["id"], inbound=2)
    wait_until(lambda: _all_processed(setup, per))
    assert len(_cases(setup, 1, kari, per)) == 1


def test_same_message_id_twice_is_one_message(setup: Setup, server: CasebotProcess, sink: SmtpSink) -> None:
    """A sender retrying the same message (same Message-ID) does not make a second case or reply."""
    kari = someone("kari")
    message = mail(kari, "Dobbel", "Denne kommer to ganger.")
    send(setup.smtp_port, message)
    send(setup.smtp_port, message)
    (case,) = _cases(setup, 1, kari)
    wait_until(lambda: _all_processed(setup, kari))
    detail = cli_json(setup, "cases", "show", str(case["id"]))
    assert sum(m["direction"] == "in" for m in detail["messages"]) == 1
    assert len(_cases(setup, 1, kari)) == 1
    assert len(sink.wait_for(kari)) == 1


def test_unknown_recipient_is_refused_with_550(setup: Setup, server: CasebotProcess) -> None:
    """Mail for an address that is not ours is refused at RCPT with 550 5.1.1, before any data."""
    with smtplib.SMTP("127.0.0.1", setup.smtp_port) as client:
        client.ehlo()
        client.mail(someone("kari"))
        code, text = client.rcpt("sales@vendor.example")
    assert code == 550 and text.startswith(b"5.1.1")


def test_oversized_message_is_refused_with_552(own_setup: Setup) -> None:
    """The size limit is advertised in EHLO and enforced with 552 5.3.4."""
    setup = own_setup
    setup.sections["smtp"] = {"max_message_bytes": 100_000}
    proc = CasebotProcess(setup).start()
    try:
        with smtplib.SMTP("127.0.0.1", setup.smtp_port) as client:
            client.ehlo()
            assert client.has_extn("size") and client.esmtp_features["size"] == "100000"
            big = mail(
                "kari@acme.no",
                "Stor",
                "x",
                attachments=[("big.bin", "application/octet-stream", b"x" * 200_000)],
            )
            # A client that declares the size is refused at MAIL FROM ...
            with pytest.raises(smtplib.SMTPSenderRefused) as declared:
                client.sendmail("kari@acme.no", ["support@vendor.example"], big.as_bytes())
            assert declared.value.smtp_code == 552 and b"5.3.4" in declared.value.smtp_error
            # ... one that does not is refused when the data runs over.
            client.mail("kari@acme.no")
            client.rcpt("support@vendor.example")
            code, text = client.data(big.as_bytes(policy=big.policy.clone(linesep="\r\n")))
        assert code == 552 and text.startswith(b"5.3.4")
        assert cli_json(setup, "cases", "list") == []
    finally:
        proc.stop()


@pytest.mark.parametrize(
    "headers,sender",
    [
        ({"Auto-Submitted": "auto-replied"}, "kari@acme.no"),
        ({"Precedence": "bulk"}, "news@acme.no"),
        ({}, ""),
        ({}, "MAILER-DAEMON@mx.acme.no"),
    ],
    ids=["auto-submitted", "bulk", "null-sender", "mailer-daemon"],
)
def test_machine_mail_is_kept_but_never_answered(
    setup: Setup, server: CasebotProcess, sink: SmtpSink, headers: dict[str, str], sender: str
) -> None:
    """Auto-replies, bulk mail and bounces are stored (and closed) but get no reply at all."""
    # Each of these senders writes in this test only, so its case is found by its reporter.
    author = sender or "mailer-daemon@acme.no"
    message = mail(author, "Out of office", "I am away.", headers=headers)
    send(setup.smtp_port, message, sender=sender, to=["support@vendor.example"])
    (case,) = _cases(setup, 1, author)
    detail = cli_json(setup, "cases", "show", str(case["id"]))
    assert detail["status"] == "closed" and detail["close_reason"] == "automatic"
    assert all(m["direction"] == "in" for m in detail["messages"])
    # A later human mail is answered, which shows the sink was reachable all along.
    human = someone("someone")
    send(setup.smtp_port, mail(human, "Hjelp", "Hei, noe er galt."))
    sink.wait_for(human)
    assert sink.to(author) == []


def test_replies_per_sender_are_rate_limited(own_setup: Setup, own_sink: SmtpSink) -> None:
    """Past the configured replies per hour the bot stays silent, but still registers the cases."""
    setup, sink = own_setup, own_sink
    setup.sections["limits"] = {"replies_per_sender_per_hour": 2}
    proc = CasebotProcess(setup).start()
    try:
        for i in range(4):
            send(setup.smtp_port, mail("loop@acme.no", f"Sak {i}", f"Melding nummer {i}."))
        _cases(setup, 4)
        wait_until(lambda: _all_processed(setup, "loop@acme.no"))
        sink.wait_for("loop@acme.no", 2)
        assert len(sink.to("loop@acme.no")) == 2
    finally:
        proc.stop()


def test_attachments_over_the_limit_are_named_in_the_reply(
    setup: Setup, server: CasebotProcess, sink: SmtpSink
) -> None:
    """The portal takes 5 files: the 6th and 7th are not stored, and the reply names them."""
    kari = someone("kari")
    files = [(f"bilde{i}.png", "image/png", PNG + bytes([i])) for i in range(7)]
    send(setup.smtp_port, mail(kari, "Mange bilder", "Se vedlagte bilder.", attachments=files))
    (case,) = _cases(setup, 1, kari)
    (ack,) = sink.wait_for(kari)
    detail = cli_json(setup, "cases", "show", str(case["id"]))
    assert [a["filename"] for a in detail["attachments"]] == [f"bilde{i}.png" for i in range(5)]
    body = ack.get_content()
    assert "bilde5.png" in body and "bilde6.png" in body and "bilde4.png" not in body


def test_hostile_file_names_are_metadata_only(own_setup: Setup) -> None:
    """`../../etc/passwd` and `C:\\x\\..\\y.exe` are kept as names; the files live under their hash.
    (A casebot of its own: the test looks at everything in its attachments folder.)"""
    setup = own_setup
    names = ["../../etc/passwd", "C:\\x\\..\\y.exe"]
    files = [(n, "application/octet-stream", n.encode() * 10) for n in names]
    with CasebotProcess(setup).start():
        send(setup.smtp_port, mail("kari@acme.no", "Filer", "Se filene.", attachments=files))
        (case,) = _cases(setup, 1)
        detail = cli_json(setup, "cases", "show", str(case["id"]))
    assert sorted(a["filename"] for a in detail["attachments"]) == sorted(names)
    stored = sorted(p.name for p in (setup.root / "attachments").rglob("*") if p.is_file())
    assert stored == sorted(hashlib.sha256(n.encode() * 10).hexdigest() for n in names)
    assert not any("passwd" in str(p) or "y.exe" in str(p) for p in setup.root.rglob("*"))


def test_failing_message_is_quarantined_then_retried(own_setup: Setup) -> None:
    """A message that fails processing 3 times is listed with its error; `inbox retry` processes it.
    (A casebot of its own: the hash's folder must not exist yet, whatever other tests stored.)"""
    setup = own_setup
    data = b"attachment that cannot be stored yet"
    digest = hashlib.sha256(data).hexdigest()
    with CasebotProcess(setup).start():
        blocker = setup.root / "attachments" / digest[:2]
        blocker.write_bytes(b"")  # a file where the hash's folder must go: saving fails until it is gone
        send(
            setup.smtp_port,
            mail("kari@acme.no", "Vedlegg", "Se vedlegg.", attachments=[("a.txt", "text/plain", data)]),
        )
        failed = wait_until(lambda: cli_json(setup, "inbox", "failed"), timeout=30)
        assert failed[0]["attempts"] == 3 and "Error" in failed[0]["error"]
        assert cli_json(setup, "cases", "list") == []
        blocker.unlink()
        cli(setup, "inbox", "retry", str(failed[0]["id"]))
        (case,) = _cases(setup, 1)
        assert cli_json(setup, "inbox", "failed") == []
        assert cli_json(setup, "cases", "show", str(case["id"]))["attachments"][0]["sha256"] == digest


def test_mail_without_a_date_is_dated_by_its_arrival(setup: Setup, server: CasebotProcess) -> None:
    """A mail with no Date header (a script's `sendmail`) still names a day: "i dag morges" is the day
    the SMTP edge took it, in the support team's zone (Europe/Oslo by default)."""
    ola = someone("ola")
    before = datetime.now(ZoneInfo("Europe/Oslo")).date()
    raw = (
        f"From: {ola}\r\nTo: support@vendor.example\r\nSubject: Avvik lagres ikke\r\n"
        f"Message-ID: <{ola.partition('@')[0]}.nodate@acme.no>\r\n\r\n"
        "Siden i dag morges får ingen av oss lagret avvik, knappen gjør ingenting.\r\n"
    ).encode()
    send(setup.smtp_port, raw, sender=ola)
    (case,) = _cases(setup, 1, ola)
    after = datetime.now(ZoneInfo("Europe/Oslo")).date()
    detail = cli_json(setup, "cases", "show", str(case["id"]))
    assert detail["observed_on"] in {before.isoformat(), after.isoformat()}
