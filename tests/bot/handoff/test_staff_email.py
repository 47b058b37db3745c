"""Staff and hand-off by email, end to end: the real `casebot serve`, real SMTP both ways, the CLI."""

from __future__ import annotations

import base64
import hashlib
import time
from collections.abc import Iterator
from email.message import EmailMessage, Message

import mailparser
import pytest

from tests.harness import CasebotProcess, Setup, SmtpSink, cli, cli_json, mail, reply_to, send, wait_until

STAFF = "siri@vendor.example"
TEAM = "team@vendor.example"
HELPDESK = "intake@helpdesk.example"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
PDF = b"%PDF-1.4\n" + bytes(255 - i % 256 for i in range(3000))
COMPLETE_NB = (
    "Hei,\n\nHvordan eksporterer jeg risikorapporten til Excel? Dere kan gjerne logge inn hos oss. "
    "Saken gjelder ikke personopplysninger.\n\nMvh\nKari\n"
)


@pytest.fixture
def staffed(setup: Setup) -> Iterator[CasebotProcess]:
    """`casebot serve` with staff, a notify list and a helpdesk intake address configured."""
    setup.sections["staff"] = {"addresses": [STAFF], "domains": ["vendor.example"], "notify": [TEAM]}
    setup.sections["handoff"] = {"email": HELPDESK}
    proc = CasebotProcess(setup).start()
    try:
        yield proc
    finally:
        proc.stop()


def _show(setup: Setup, case_id: int) -> dict:
    return dict(cli_json(setup, "cases", "show", str(case_id)))


def _only_case(setup: Setup) -> dict:
    (row,) = wait_until(lambda: cli_json(setup, "cases", "list"))
    return _show(setup, row["id"])


def _files(message: Message) -> dict[str, bytes]:
    return {
        str(part.get_filename()): bytes(part.get_payload(decode=True) or b"")
        for part in message.walk()
        if part.get_filename()
    }


def _text(message: Message) -> str:
    part = message.get_body(preferencelist=("plain",)) if hasattr(message, "get_body") else message
    assert part is not None
    return str(part.get_content())


def _open_case(setup: Setup, sink: SmtpSink) -> tuple[EmailMessage, dict, Message]:
    """Kari's complete case with a screenshot: her mail, the case, and the staff notification."""
    original = mail(
        "kari@acme.no",
        "Eksport av risikorapport",
        COMPLETE_NB,
        name="Kari Nordmann",
        attachments=[("skjerm.png", "image/png", PNG)],
    )
    send(setup.smtp_port, original)
    (notification,) = sink.wait_for(TEAM)
    case = _only_case(setup)
    assert case["status"] == "open"
    return original, case, notification


def test_staff_notification_carries_the_case_and_routes_answers_back(
    setup: Setup, staffed: CasebotProcess, sink: SmtpSink
) -> None:
    """The notification has the portal's fields, the description, every file, and the case's Reply-To."""
    _, case, notification = _open_case(setup, sink)
    body = _text(notification)
    assert f"#{case['id']}" in notification["Subject"] and "komplett" in notification["Subject"]
    assert "Kunde:" in body and "Acme AS" in body and "Pålogging tillatt:" in body
    assert "risikorapporten til Excel" in body and "Svar ved å svare på denne e-posten" in body
    assert _files(notification) == {"skjerm.png": PNG}
    assert "support+" in str(notification["Reply-To"]) and "@vendor.example" in str(notification["Reply-To"])
    assert STAFF not in str(notification["To"]) and notification["Auto-Submitted"] == "auto-generated"


def test_staff_reply_reaches_the_customer_in_the_case_thread_with_its_attachment(
    setup: Setup, staffed: CasebotProcess, sink: SmtpSink
) -> None:
    """A staff reply to the notification goes to the customer, threaded, quote-stripped, file attached;
    it opens no case, asks no questions, and is recorded with the staff member as author."""
    original, case, notification = _open_case(setup, sink)
    answer = reply_to(
        notification,
        STAFF,
        "Hei Kari,\n\nDu finner eksporten under Rapporter → Eksporter. Se veiledningen.\n\nHilsen Siri",
        name="Siri Support",
    )
    answer.add_attachment(PDF, maintype="application", subtype="pdf", filename="veiledning.pdf")
    send(setup.smtp_port, answer)

    confirmation, relayed = sink.wait_for("kari@acme.no", 2)
    text = _text(relayed)
    assert "Rapporter → Eksporter" in text and "Siri Support" in text
    assert "komplett" not in text and "\n>" not in text  # the quoted notification stays behind
    assert relayed["Subject"].startswith(f"[Sak #{case['id']}]")
    # Threaded onto casebot's last mail to her, which answered her own.
    assert relayed["In-Reply-To"] == confirmation["Message-ID"] in relayed["References"]
    assert confirmation["In-Reply-To"] == original["Message-ID"]
    assert "Siri Support" in str(relayed["From"]) and "support@vendor.example" in str(relayed["From"])
    assert "support+" in str(relayed["Reply-To"])
    assert _files(relayed) == {"veiledning.pdf": PDF}

    rows = cli_json(setup, "cases", "list")
    assert [r["id"] for r in rows] == [case["id"]]  # no case #2 for the staff member
    detail = _show(setup, case["id"])
    last = detail["messages"][-1]
    assert (last["direction"], last["author"], last["kind"]) == ("out", f"staff:{STAFF}", "staff-reply")
    assert [m["author"] for m in detail["messages"]][:2] == ["customer", "casebot"]
    assert hashlib.sha256(PDF).hexdigest() in {a["sha256"] for a in detail["attachments"]}
    assert not sink.to(STAFF)  # nobody asked her anything


def test_customer_follow_up_reaches_staff_and_the_helpdesk_with_its_file(
    setup: Setup, staffed: CasebotProcess, sink: SmtpSink
) -> None:
    """A customer's later message on an open case is sent to [staff] notify and threaded onto the
    helpdesk ticket, attachment included."""
    _, case, _ = _open_case(setup, sink)
    confirmation = sink.wait_for("kari@acme.no")[0]
    follow_up = reply_to(confirmation, "kari@acme.no", "Her er eksporten som feiler.", name="Kari Nordmann")
    follow_up.add_attachment(PDF, maintype="application", subtype="pdf", filename="eksport.pdf")
    send(setup.smtp_port, follow_up)

    told = sink.wait_for(TEAM, 2)[1]
    assert "Nytt fra kunden" in told["Subject"] and f"#{case['id']}" in told["Subject"]
    assert "Her er eksporten som feiler." in _text(told) and "kari@acme.no" in _text(told)
    assert _files(told) == {"eksport.pdf": PDF}
    assert "support+" in str(told["Reply-To"])
    ticket, later = sink.wait_for(HELPDESK, 2)
    assert later["In-Reply-To"] == ticket["Message-ID"] and ticket["Message-ID"] in later["References"]
    assert _files(later) == {"eksport.pdf": PDF}


def test_handoff_email_reads_as_a_ticket_in_mail_parser(
    setup: Setup, staffed: CasebotProcess, sink: SmtpSink
) -> None:
    """The hand-off email, parsed by mail-parser: the case's subject, the customer as Reply-To, every
    attachment byte-identical, a stable Message-ID."""
    _, case, _ = _open_case(setup, sink)
    (handoff,) = sink.wait_for(HELPDESK)
    parsed = mailparser.parse_from_bytes(handoff.as_bytes())
    assert parsed.subject == f"[Sak #{case['id']}] Eksport av risikorapport"
    assert [address for _, address in parsed.reply_to] == ["kari@acme.no"]
    got = {a["filename"]: a["payload"] for a in parsed.attachments}
    assert set(got) == {"skjerm.png"}
    assert base64.b64decode(got["skjerm.png"]) == PNG
    assert parsed.message_id == f"<casebot-case-{case['id']}@vendor.example>"
    assert "Acme AS" in parsed.body and "risikorapporten til Excel" in parsed.body


def test_staff_mail_that_answers_no_case_gets_an_answer_not_a_case(
    setup: Setup, staffed: CasebotProcess, sink: SmtpSink
) -> None:
    """A staff member's mail with nothing that names a case (a subject tag alone is not enough) opens
    no case and reaches no customer; she is told so."""
    _, case, _ = _open_case(setup, sink)
    stray = mail(STAFF, f"[Sak #{case['id']}] Ang. eksport", "Kan noen se på denne?", name="Siri Support")
    send(setup.smtp_port, stray)
    (answer,) = sink.wait_for(STAFF)
    assert answer["Subject"].startswith("Ikke sendt:") and answer["In-Reply-To"] == stray["Message-ID"]
    assert "ikke sendt til noen kunde" in _text(answer) and answer["Auto-Submitted"] == "auto-replied"
    assert len(cli_json(setup, "cases", "list")) == 1
    assert len(sink.to("kari@acme.no")) == 1  # the confirmation only


def test_forwarded_customer_mail_is_the_customers_case(
    setup: Setup, staffed: CasebotProcess, sink: SmtpSink
) -> None:
    """A staff member forwards a customer's mail to support: the case is the customer's."""
    forwarded = (
        "Hei, se under.\n\nSiri\n\n---------- Forwarded message ---------\n"
        "From: Ola Nordmann <ola@acme.no>\nDate: Mon, 30 Nov 2026 at 09:12\n"
        "Subject: Kan ikke logge inn\nTo: Siri Support <siri@vendor.example>\n\n"
        "Hei Siri,\n\nJeg får ikke logget inn i Landax i dag, den sier at passordet er feil.\n\nOla\n"
    )
    send(setup.smtp_port, mail(STAFF, "Fwd: Kan ikke logge inn", forwarded, name="Siri Support"))
    case = _only_case(setup)
    assert case["reporter"] == "ola@acme.no" and case["customer"] == "Acme AS"
    assert case["subject"] == "Kan ikke logge inn" and "passordet er feil" in case["description"]
    (question,) = sink.wait_for("ola@acme.no")
    assert question["Subject"].startswith(f"[Sak #{case['id']}]")
    assert not sink.to(STAFF)


def test_close_silently_and_merge(setup: Setup, staffed: CasebotProcess, sink: SmtpSink) -> None:
    """close --silent and --reason spam tell no one; merge moves messages and files and closes the
    duplicate silently."""
    for n, sender in enumerate(("kari@acme.no", "ola@acme.no", "per@acme.no")):
        message = mail(
            sender, f"Eksport {n}", COMPLETE_NB, attachments=[(f"fil{n}.png", "image/png", PNG + bytes([n]))]
        )
        send(setup.smtp_port, message)
    rows = wait_until(lambda: (r := cli_json(setup, "cases", "list")) and len(r) == 3 and r)
    ids = {r["reporter"]: r["id"] for r in rows}
    wait_until(lambda: all(sink.to(a) for a in ids))
    before = len(sink.messages)

    assert (
        "without telling anyone" in cli(setup, "cases", "close", str(ids["kari@acme.no"]), "--silent").stdout
    )
    cli(setup, "cases", "close", str(ids["ola@acme.no"]), "--reason", "spam")
    merged = cli(setup, "cases", "merge", str(ids["per@acme.no"]), "--into", str(ids["kari@acme.no"])).stdout
    assert "merged into" in merged

    target = _show(setup, ids["kari@acme.no"])
    duplicate = _show(setup, ids["per@acme.no"])
    assert {"fil0.png", "fil2.png"} <= {a["filename"] for a in target["attachments"]}
    assert any(m["sender"] == "per@acme.no" for m in target["messages"])
    assert (duplicate["status"], duplicate["close_reason"], duplicate["messages"]) == (
        "closed",
        "duplicate",
        [],
    )
    assert _show(setup, ids["ola@acme.no"])["close_reason"] == "spam"
    time.sleep(3)  # a sweep of the outbox or two: nothing may go out
    assert len(sink.messages) == before
