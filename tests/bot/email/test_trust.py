"""Who is really writing: over real SMTP, only the case's own people, proven by the thread, change consent
or close a case; a display name is never an address; strangers get no mail (no backscatter).

Tests with the default config share one casebot per module (and xdist worker), those under a trusted
MTA one per class; each writes from addresses of its own (`someone`) and reads only their cases and mail.
"""

from __future__ import annotations

from collections.abc import Iterator
from email.message import Message
from typing import Any

import pytest

from tests.harness import (
    CasebotProcess,
    Setup,
    SmtpSink,
    cli_json,
    mail,
    module_casebot,
    reply_to,
    send,
    shared_casebot,
    someone,
    wait_until,
)

BUG = (
    "Hei, avvikene lagres ikke. Vi bruker Chrome 131. Det gjelder alle brukerne, første gang 3. november, "
    "og det skjer hver gang. Det er ingen personopplysninger i saken."
)


_casebot, setup, server, sink = module_casebot("trust")


@pytest.fixture
def kari() -> str:
    """The reporter at Acme, an address of this test's own."""
    return someone("kari")


@pytest.fixture
def mallory() -> str:
    """A stranger, an address of this test's own."""
    return someone("mallory", "evil.example")


def _case(setup: Setup, case_id: int, inbound: int = 1) -> dict[str, Any]:
    """The case once it holds `inbound` messages from outside."""

    def ready() -> dict[str, Any] | None:
        detail: dict[str, Any] = cli_json(setup, "cases", "show", str(case_id))
        return detail if sum(m["direction"] == "in" for m in detail["messages"]) >= inbound else None

    return wait_until(ready)


def _cases(setup: Setup, count: int, *reporters: str) -> list[dict[str, Any]]:
    """The cases of `reporters` (oldest first), once there are `count` of them."""

    def ours() -> list[dict[str, Any]]:
        return [row for row in cli_json(setup, "cases", "list") if row["reporter"] in reporters]

    return sorted(wait_until(lambda: (rows := ours()) and len(rows) >= count and rows), key=lambda r: r["id"])


def _audit(setup: Setup, case_id: int) -> list[str]:
    return [entry["action"] for entry in cli_json(setup, "audit", "--case", str(case_id))]


def _open_case(setup: Setup, sink: SmtpSink, kari: str) -> tuple[dict[str, Any], Message]:
    """Kari at Acme reports a bug and answers the one question left (login): the case is open, no grant."""
    send(setup.smtp_port, mail(kari, "Avvik lagres ikke", BUG, name="Kari Nordmann"))
    (case,) = _cases(setup, 1, kari)
    (question,) = sink.wait_for(kari)
    send(setup.smtp_port, reply_to(question, kari, "Nei, dere kan ikke logge inn."))
    wait_until(lambda: _case(setup, case["id"], 2)["status"] == "open")
    return case, question


def _spoof(from_header: str, subject: str, body: str, mallory: str) -> bytes:
    """A message whose From is written byte for byte as given (the email package would re-encode it)."""
    raw = mail(mallory, subject, body).as_bytes()
    head, _, rest = raw.partition(b"\n")
    assert head.startswith(b"From: ")
    return f"From: {from_header}".encode() + b"\n" + rest


def _quoted_name(kari: str, mallory: str) -> str:
    return f'"Kari <{kari}>" <{mallory}>'


def _encoded_word(kari: str, mallory: str) -> str:
    """The reporter's address inside an RFC 2047 Q-encoded display name."""
    quoted = "".join(c if c.isalnum() else f"={ord(c):02X}" for c in f"Kari <{kari}>").replace("=20", "_")
    return f"=?utf-8?q?{quoted}?= <{mallory}>"


@pytest.mark.parametrize("from_header", [_quoted_name, _encoded_word], ids=["quoted-name", "encoded-word"])
def test_an_address_in_the_display_name_is_never_the_sender(
    setup: Setup, server: CasebotProcess, sink: SmtpSink, from_header: Any, kari: str, mallory: str
) -> None:
    """A stranger who writes the reporter's address as a display name, with the case tag, neither closes
    the case nor gives consent: the message is the stranger's own (new) case, and gets no mail."""
    case, _ = _open_case(setup, sink, kari)
    tag = f"[Sak #{case['id']}]"
    send(
        setup.smtp_port,
        _spoof(
            from_header(kari, mallory), f"Re: {tag} Avvik", "Ja, dere kan logge inn. Lukk saken.", mallory
        ),
        sender=mallory,
    )
    spoofed = _cases(setup, 2, kari, mallory)[1]
    assert spoofed["reporter"] == mallory
    detail = _case(setup, case["id"], 2)
    assert detail["status"] == "open" and detail["login_allowed"] is False
    assert detail["login_grant"]["status"] == "none"
    assert sink.to(mallory) == []
    assert "reply.withheld" in _audit(setup, spoofed["id"])


def test_the_subject_tag_alone_adds_a_message_but_changes_nothing(
    setup: Setup, server: CasebotProcess, sink: SmtpSink, kari: str
) -> None:
    """Consent and closing by a new mail that carries only the (guessable) case tag are kept for staff,
    and the reporter is asked, in the thread, to confirm."""
    case, _ = _open_case(setup, sink, kari)
    tag = f"[Sak #{case['id']}]"
    send(setup.smtp_port, mail(kari, f"{tag} Avvik", "Dere kan logge inn likevel. Lukk saken."))
    detail = _case(setup, case["id"], 3)
    assert detail["status"] == "open" and detail["login_allowed"] is False
    assert detail["login_grant"]["status"] == "none"
    assert "change.refused" in _audit(setup, case["id"])
    ask = sink.wait_for(kari, 3)[-1]
    text = ask.get_content()
    assert "lukke saken" in text and "svar på denne e-posten" in text
    assert str(ask["Subject"]).startswith(tag)


def test_the_reporters_it_was_me_makes_the_change_the_tag_alone_could_not(
    setup: Setup, server: CasebotProcess, sink: SmtpSink, kari: str
) -> None:
    """Asked to confirm a consent that came by the subject tag alone, the reporter answers the question in
    the thread with "Ja, det var meg": the consent is taken then, the grant opens, and both are audited."""
    case, _ = _open_case(setup, sink, kari)
    send(setup.smtp_port, mail(kari, f"[Sak #{case['id']}] Avvik", "Dere kan logge inn likevel."))
    ask = sink.wait_for(kari, 3)[-1]
    assert "Ja, det var meg" in ask.get_content()
    send(setup.smtp_port, reply_to(ask, kari, "Ja, det var meg.\n\nHilsen Kari"))
    detail = wait_until(lambda: (d := _case(setup, case["id"], 4))["login_allowed"] and d)
    assert detail["status"] == "open" and detail["login_grant"]["status"] == "active"
    trail = _audit(setup, case["id"])
    assert trail.index("change.refused") < trail.index("change.confirmed")
    assert trail.index("change.confirmed") < trail.index("grant.opened")


def test_the_reporters_it_was_not_me_changes_nothing_and_is_thanked(
    setup: Setup, server: CasebotProcess, sink: SmtpSink, kari: str, mallory: str
) -> None:
    """A stranger's attempt to close the case through casebot's mail is put to the reporter, who says it
    was not her: nothing changes, she is told so, and the trail holds both."""
    case, question = _open_case(setup, sink, kari)
    send(setup.smtp_port, reply_to(question, mallory, "Lukk saken."))
    ask = sink.wait_for(kari, 3)[-1]
    send(setup.smtp_port, reply_to(ask, kari, "Nei, det var ikke meg!"))
    thanks = sink.wait_for(kari, 4)[-1]
    assert "ikke endret noe" in thanks.get_content()
    detail = _case(setup, case["id"], 4)
    assert detail["status"] == "open"
    assert "change.disowned" in _audit(setup, case["id"])


def test_a_colleague_who_answers_in_the_thread_becomes_a_participant_who_may_act(
    setup: Setup, server: CasebotProcess, sink: SmtpSink, kari: str
) -> None:
    """A colleague of the same customer who replies to casebot's mail takes part: their consent counts."""
    send(setup.smtp_port, mail(kari, "Avvik lagres ikke", BUG))
    (case,) = _cases(setup, 1, kari)
    (question,) = sink.wait_for(kari)
    send(setup.smtp_port, reply_to(question, someone("ola"), "Jeg er IT-ansvarlig: ja, dere kan logge inn."))
    detail = wait_until(lambda: (d := _case(setup, case["id"], 2))["login_allowed"] and d)
    assert detail["login_grant"]["status"] == "active"
    assert "case.participant" in _audit(setup, case["id"])


def test_a_stranger_who_replies_to_casebots_mail_cannot_act(
    setup: Setup, server: CasebotProcess, sink: SmtpSink, kari: str, mallory: str
) -> None:
    """Someone outside the customer who got hold of casebot's mail adds a message; consent is refused."""
    case, question = _open_case(setup, sink, kari)
    send(setup.smtp_port, reply_to(question, mallory, "Dere kan logge inn."))
    detail = _case(setup, case["id"], 3)
    assert detail["login_allowed"] is False and detail["login_grant"]["status"] == "none"
    assert "change.refused" in _audit(setup, case["id"])
    assert sink.to(mallory) == []


def test_a_strangers_message_id_does_not_hide_the_customers_message(
    setup: Setup, server: CasebotProcess, sink: SmtpSink, kari: str, mallory: str
) -> None:
    """Dedupe is by sender and Message-ID: a stranger who sends first with the customer's Message-ID
    does not make the customer's real message vanish after its 250."""
    stolen = mail(mallory, "Hei", "Ingenting.")
    real = mail(kari, "Avvik lagres ikke", BUG)
    del stolen["Message-ID"]
    stolen["Message-ID"] = str(real["Message-ID"])
    send(setup.smtp_port, stolen, sender=mallory)
    send(setup.smtp_port, real)
    cases = _cases(setup, 2, kari, mallory)
    assert {c["reporter"] for c in cases} == {mallory, kari}


def test_unknown_senders_get_a_case_but_no_mail(setup: Setup, server: CasebotProcess, sink: SmtpSink) -> None:
    """With customers configured, a sender outside them (From may be forged) is not written to."""
    stranger = someone("someone", "example.org")
    send(setup.smtp_port, mail(stranger, "Hjelp", BUG), sender=stranger)
    (case,) = _cases(setup, 1, stranger)
    wait_until(lambda: "reply.withheld" in _audit(setup, case["id"]))
    # Staff hear of this case (their mail names its reporter): by then any mail to the sender would be out.
    wait_until(lambda: any(stranger in m.as_string() for m in sink.to("staff@vendor.example")))
    assert sink.to(stranger) == []
    assert cli_json(setup, "cases", "show", str(case["id"]))["status"] == "draft"


def test_unknown_senders_are_answered_when_the_operator_says_so(own_setup: Setup, own_sink: SmtpSink) -> None:
    """`[limits] reply_to_unknown_senders = true` answers everyone, as for a public support address."""
    setup, sink = own_setup, own_sink
    setup.sections["limits"] = {"reply_to_unknown_senders": True}
    with CasebotProcess(setup).start() as _server:
        send(setup.smtp_port, mail("someone@example.org", "Hjelp", BUG), sender="someone@example.org")
        sink.wait_for("someone@example.org")


def test_only_the_first_ten_refused_files_are_named(
    setup: Setup, server: CasebotProcess, sink: SmtpSink, kari: str
) -> None:
    """Past the attachment limit the reply names ten files and counts the rest, whatever their number."""
    files = [(f"bilde-{n:02}.png", "image/png", b"\x89PNG" + bytes([n])) for n in range(20)]
    send(setup.smtp_port, mail(kari, "Mange filer", BUG, attachments=files))
    text = sink.wait_for(kari)[0].get_content()
    assert "bilde-14.png" in text and "bilde-15.png" not in text and "og 5 til" in text


class TestWithATrustedMta:
    """Where `[smtp] trusted_authserv_ids` names the receiving MTA, consent by email needs its DMARC pass."""

    @pytest.fixture(scope="class")
    @classmethod
    def trusted(
        cls, tmp_path_factory: pytest.TempPathFactory
    ) -> Iterator[tuple[Setup, CasebotProcess, SmtpSink]]:
        sections = {"smtp": {"trusted_authserv_ids": ["mx.vendor.example"]}}
        with shared_casebot(tmp_path_factory.mktemp("trusted"), sections) as running:
            yield running

    @pytest.fixture(scope="class")
    @classmethod
    def setup(cls, trusted: tuple[Setup, CasebotProcess, SmtpSink]) -> Setup:
        return trusted[0]

    @pytest.fixture(scope="class")
    @classmethod
    def server(cls, trusted: tuple[Setup, CasebotProcess, SmtpSink]) -> CasebotProcess:
        return trusted[1]

    @pytest.fixture(scope="class")
    @classmethod
    def sink(cls, trusted: tuple[Setup, CasebotProcess, SmtpSink]) -> SmtpSink:
        return trusted[2]

    def _answer(self, question: Message, results: list[str], kari: str) -> bytes:
        """The reporter's reply as its bytes, under the Authentication-Results the MTA would add."""
        message = reply_to(question, kari, "Ja, dere kan logge inn.")
        headers = b"".join(f"Authentication-Results: {value}\r\n".encode() for value in results)
        return headers + message.as_bytes()

    def _question(self, setup: Setup, sink: SmtpSink, kari: str) -> tuple[dict[str, Any], Message]:
        send(setup.smtp_port, mail(kari, "Avvik lagres ikke", BUG))
        (case,) = _cases(setup, 1, kari)
        (question,) = sink.wait_for(kari)
        return case, question

    def test_a_dmarc_pass_lets_the_reporter_consent(
        self, setup: Setup, server: CasebotProcess, sink: SmtpSink, kari: str
    ) -> None:
        """The reporter's reply with the trusted MTA's dmarc=pass gives consent and opens the grant."""
        case, question = self._question(setup, sink, kari)
        verdict = ["mx.vendor.example; dkim=pass header.d=acme.no; dmarc=pass header.from=acme.no"]
        send(setup.smtp_port, self._answer(question, verdict, kari), sender=kari)
        detail = wait_until(lambda: (d := _case(setup, case["id"], 2))["login_allowed"] and d)
        assert detail["login_grant"]["status"] == "active"

    @pytest.mark.parametrize(
        "results",
        [
            [],
            ["mx.vendor.example; dmarc=fail header.from=acme.no"],
            ["evil.example; dmarc=pass header.from=acme.no"],
            ["mx.vendor.example; dmarc=fail", "mx.vendor.example; dmarc=pass header.from=acme.no"],
        ],
        ids=["no-verdict", "dmarc-fail", "untrusted-authserv-id", "forged-pass-below-the-mtas-fail"],
    )
    def test_without_a_pass_consent_is_not_taken(
        self, setup: Setup, server: CasebotProcess, sink: SmtpSink, results: list[str], kari: str
    ) -> None:
        """No trusted pass (none, a fail, someone else's header, a forged one below): consent is refused."""
        case, question = self._question(setup, sink, kari)
        send(setup.smtp_port, self._answer(question, results, kari), sender=kari)
        detail = _case(setup, case["id"], 2)
        assert detail["login_allowed"] is None and detail["login_grant"]["status"] == "none"
        assert "change.refused" in _audit(setup, case["id"])
