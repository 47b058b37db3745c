"""Out-of-office replies without RFC 3834 headers, end to end: the real SMTP server, a real client, the
real store and a local relay. One that reaches a case is noted in it and changes nothing else."""

from __future__ import annotations

import email
import email.policy
import email.utils
import time
from email.message import EmailMessage, Message
from typing import Any

import pytest

from tests.corpora import REALMAIL, needs_realmail
from tests.harness import CasebotProcess, Setup, SmtpSink, cli_json, mail, send, wait_until

# What a case shows that may change when a message is only noted: its message list and its clock.
_NOTED_ONLY = {"messages", "updated_at", "last_customer_at"}


def _case_after_first_mail(setup: Setup, sink: SmtpSink, sender: str) -> tuple[dict[str, Any], Message]:
    """A draft case opened by a person's bug report, and the acknowledgement casebot sent."""
    body = (
        "Hei,\n\nNår vi lagrer et avvik med vedlegg kommer det en feilmelding. Det gjelder bare meg.\n"
        "Vi bruker Edge.\n\nKari"
    )
    send(setup.smtp_port, mail(sender, "Feil ved lagring av avvik", body, name="Kari Nordmann"))
    (ack,) = sink.wait_for(sender)
    (case,) = wait_until(lambda: cli_json(setup, "cases", "list") or None)
    return cli_json(setup, "cases", "show", str(case["id"])), ack


def _with_inbound(setup: Setup, case_id: int, count: int) -> dict[str, Any]:
    def ready() -> dict[str, Any] | None:
        detail: dict[str, Any] = cli_json(setup, "cases", "show", str(case_id))
        return detail if sum(m["direction"] == "in" for m in detail["messages"]) >= count else None

    result: dict[str, Any] = wait_until(ready)
    return result


def _unchanged(before: dict[str, Any], after: dict[str, Any]) -> None:
    assert {k: v for k, v in after.items() if k not in _NOTED_ONLY} == {
        k: v for k, v in before.items() if k not in _NOTED_ONLY
    }


def _settled(sink: SmtpSink, address: str, count: int) -> None:
    """Nothing more reaches `address` while casebot has time to answer (it answers in well under this)."""
    time.sleep(2.0)
    assert len(sink.to(address)) == count


@needs_realmail
def test_outlook_out_of_office_gets_no_answer_and_changes_no_field(setup: Setup, sink: SmtpSink) -> None:
    """../shared/realmail/12, sent as Exchange would send it in answer to casebot's acknowledgement:
    kept in the case, no reply, no field changed."""
    setup.customers.append(
        {"name": "Fjord Test AS", "domains": ["fjord-test.no"], "instance": "fjord.landax.no"}
    )
    proc = CasebotProcess(setup).start()
    try:
        before, ack = _case_after_first_mail(setup, sink, "kari@fjord-test.no")
        raw = (REALMAIL / "12-outlook-auto-reply-no-rfc3834.eml").read_bytes()
        out_of_office = email.message_from_bytes(raw, policy=email.policy.default)
        out_of_office.replace_header("In-Reply-To", ack["Message-ID"])
        send(setup.smtp_port, out_of_office.as_bytes(), sender="kari@fjord-test.no")
        after = _with_inbound(setup, before["id"], 2)
        _settled(sink, "kari@fjord-test.no", 1)
    finally:
        proc.stop()
    _unchanged(before, after)
    assert any("ferie" in m["text"] for m in after["messages"] if m["direction"] == "in")


@pytest.mark.parametrize(
    ("subject", "headers"),
    [
        ("Abwesenheitsnotiz: {subject}", {"X-MS-Exchange-Inbox-Rules-Loop": "kari@acme.no"}),
        ("Out of Office: {subject}", {"X-Auto-Response-Suppress": "All", "X-MS-Has-Attach": ""}),
    ],
    ids=["german-exchange-loop-header", "english-auto-response-suppress"],
)
def test_out_of_office_threaded_by_case_tag_is_only_noted(
    setup: Setup, server: CasebotProcess, sink: SmtpSink, subject: str, headers: dict[str, str]
) -> None:
    """An out-of-office that finds the case by its subject tag (no reply headers) answers nothing and
    changes nothing; a later mail from a person on another case is answered, so the relay was there."""
    before, ack = _case_after_first_mail(setup, sink, "kari@acme.no")
    body = (
        "Ich bin bis 7. Dezember nicht im Büro. Es betrifft alle Benutzer, jeden Tag, seit gestern.\n"
        "Dringend? Rufen Sie +47 22 12 34 56 an."
    )
    reply = EmailMessage()
    reply["From"] = "Kari Nordmann <kari@acme.no>"
    reply["To"] = "support@vendor.example"
    reply["Subject"] = subject.format(subject=ack["Subject"])
    reply["Date"] = email.utils.format_datetime(email.utils.localtime())
    reply["Message-ID"] = email.utils.make_msgid(domain="acme.no")
    for name, value in headers.items():
        reply[name] = value
    reply.set_content(body)
    send(setup.smtp_port, reply)
    after = _with_inbound(setup, before["id"], 2)
    send(setup.smtp_port, mail("ola@acme.no", "Utskrift", "Hei, utskriften er tom."))
    sink.wait_for("ola@acme.no")
    assert len(sink.to("kari@acme.no")) == 1
    _unchanged(before, after)
