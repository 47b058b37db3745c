"""Whole conversations over the real SMTP server: question, answer, complete, in both languages.

The tests share one casebot per module (and xdist worker); each writes from addresses of its own
(`someone`) and reads only their cases and mail. The restart test has a casebot of its own.
"""

from __future__ import annotations

from email.message import Message

from tests.harness import (
    CasebotProcess,
    Setup,
    SmtpSink,
    cli_json,
    mail,
    module_casebot,
    reply_to,
    send,
    someone,
    wait_until,
)

BUG_NB = (
    "Hei,\n\nNår jeg prøver å lagre et nytt avvik i avviksmodulen får jeg feilmeldingen "
    "«Noe gikk galt». Det skjedde i går.\n\nMvh\nKari Nordmann\nAcme AS\n"
)
BUG_EN = (
    "Hello,\n\nWhen I try to save a new deviation the page shows 'Something went wrong'. "
    "It started yesterday.\n\nKind regards,\nJohn Smith\n"
)


_casebot, setup, server, sink = module_casebot("conversation")


def _rows(setup: Setup, reporter: str) -> list[dict]:
    return [row for row in cli_json(setup, "cases", "list") if row["reporter"] == reporter]


def _case(setup: Setup, reporter: str) -> dict:
    (row,) = wait_until(lambda: _rows(setup, reporter))
    return cli_json(setup, "cases", "show", str(row["id"]))


def _wait_case(setup: Setup, reporter: str, predicate) -> dict:  # type: ignore[no-untyped-def]
    def check() -> dict | None:
        rows = _rows(setup, reporter)
        if not rows:
            return None
        detail = cli_json(setup, "cases", "show", str(rows[0]["id"]))
        return detail if predicate(detail) else None

    return wait_until(check, timeout=30)


def _question(sink: SmtpSink, address: str, n: int = 1) -> Message:
    return sink.wait_for(address, n)[n - 1]


def _to_staff(sink: SmtpSink, case_id: int) -> list[Message]:
    """What staff were sent about this case (its subjects name `#<id>`)."""
    return [m for m in sink.to("staff@vendor.example") if f"#{case_id} " in str(m["Subject"])]


def test_norwegian_bug_report_labelled_answers_complete_the_case(
    setup: Setup, server: CasebotProcess, sink: SmtpSink
) -> None:
    """nb: the bot asks in one numbered message; labelled answers fill every field; the case opens."""
    kari = someone("kari")
    send(setup.smtp_port, mail(kari, "Feil ved lagring av avvik", BUG_NB, name="Kari Nordmann"))
    question = _question(sink, kari)
    body = question.get_content()
    assert "1. " in body and "nettleser" in body.lower() and "personopplysninger" in body
    assert "trekke den tilbake" in body  # what the login consent means
    case = _case(setup, kari)
    assert case["status"] == "draft" and case["type"] == "bug" and case["module"] == "deviations"
    assert "browser" in case["missing"] and "login_allowed" in case["missing"]
    answer = (
        "Nettleser: Firefox 128\nGjelder: alle brukere\nGjentakende: ja, hver gang\n"
        "Pålogging: ja, dere kan logge inn\nPersonopplysninger: nei\n"
    )
    send(setup.smtp_port, reply_to(question, kari, answer, name="Kari Nordmann"))
    case = _wait_case(setup, kari, lambda c: c["status"] == "open")
    assert case["browser"] == "Firefox 128" and case["scope"] == "all" and case["recurring"] is True
    assert case["login_allowed"] is True and case["personal_data"] is False
    assert case["observed_on"] is not None and case["missing"] == []
    confirmation = _question(sink, kari, 2)
    assert "komplett" in confirmation.get_content() and "Firefox 128" in confirmation.get_content()
    staff = wait_until(lambda: (found := _to_staff(sink, case["id"])) and len(found) >= 2 and found)
    assert any("komplett" in m["Subject"] for m in staff)
    assert case["login_grant"]["status"] == "active"


def test_english_numbered_answers_complete_the_case(
    setup: Setup, server: CasebotProcess, sink: SmtpSink
) -> None:
    """en: answers given by number, in the order the bot asked, fill the right fields."""
    john = someone("john", "globex.com")
    send(setup.smtp_port, mail(john, "Error when saving deviations", BUG_EN, name="John Smith"))
    question = _question(sink, john)
    asked = _case(setup, john)["missing"]
    values = {
        "browser": "Edge 131",
        "scope": "only me",
        "affected_users": "john.smith",
        "observed_on": "yesterday",
        "recurring": "every time",
        "login_allowed": "yes",
        "personal_data": "no",
    }
    numbered = "\n".join(f"{i}. {values[name]}" for i, name in enumerate(asked, start=1))
    send(setup.smtp_port, reply_to(question, john, numbered))
    case = _wait_case(setup, john, lambda c: c["status"] == "open")
    assert case["browser"] == "Edge 131" and case["login_allowed"] is True and case["personal_data"] is False
    assert case["recurring"] is True
    assert "complete" in _question(sink, john, 2).get_content()


def test_free_text_answer_in_english(setup: Setup, server: CasebotProcess, sink: SmtpSink) -> None:
    """en: one free sentence answers several questions ("I'm on Chrome, feel free to log in")."""
    john = someone("john", "globex.com")
    send(
        setup.smtp_port,
        mail(
            john,
            "How do I export the risk report?",
            "Hi, how do I export the risk report to Excel?",
        ),
    )
    question = _question(sink, john)
    assert _case(setup, john)["missing"] == ["login_allowed", "personal_data"]
    send(
        setup.smtp_port,
        reply_to(question, john, "Feel free to log in. No personal data is involved."),
    )
    case = _wait_case(setup, john, lambda c: c["status"] == "open")
    assert case["login_allowed"] is True and case["personal_data"] is False


def test_answers_written_between_the_quoted_questions(
    setup: Setup, server: CasebotProcess, sink: SmtpSink
) -> None:
    """nb: a customer who answers under each quoted question is understood."""
    kari = someone("kari")
    send(
        setup.smtp_port,
        mail(kari, "Hvordan legger jeg til en bruker?", "Hei, hvordan legger jeg til en ny bruker?"),
    )
    question = _question(sink, kari)
    quoted = question.get_content().splitlines()
    lines: list[str] = []
    for line in quoted:
        lines.append(f"> {line}")
        if line.startswith("1. "):
            lines.append("Ja, det er greit.")
        if line.startswith("2. "):
            lines.append("Nei.")
    message = reply_to(question, kari, "Se svar under.")
    message.set_content("Se svar under.\n\n" + "\n".join(lines) + "\n")
    send(setup.smtp_port, message)
    case = _wait_case(setup, kari, lambda c: c["status"] == "open")
    assert case["login_allowed"] is True and case["personal_data"] is False


def test_bare_yes_answers_the_only_open_question(
    setup: Setup, server: CasebotProcess, sink: SmtpSink
) -> None:
    """en: with one yes/no question left, a bare "yes" answers it."""
    john = someone("john", "globex.com")
    send(
        setup.smtp_port,
        mail(
            john,
            "Question about invoices",
            "Hi, where do I find our invoices? No personal data involved.",
        ),
    )
    question = _question(sink, john)
    assert _case(setup, john)["missing"] == ["login_allowed"]
    send(setup.smtp_port, reply_to(question, john, "Yes"))
    case = _wait_case(setup, john, lambda c: c["status"] == "open")
    assert case["login_allowed"] is True


def test_correction_replaces_the_earlier_value(setup: Setup, server: CasebotProcess, sink: SmtpSink) -> None:
    """nb: "beklager, det var Edge, ikke Chrome" replaces the browser the customer gave first."""
    kari = someone("kari")
    first = BUG_NB.replace("Det skjedde i går.", "Det skjedde i går, i Chrome.")
    send(setup.smtp_port, mail(kari, "Feil ved lagring av avvik", first))
    question = _question(sink, kari)
    assert _case(setup, kari)["browser"].startswith("Chrome")
    send(setup.smtp_port, reply_to(question, kari, "Beklager, det var Edge, ikke Chrome."))
    _wait_case(setup, kari, lambda c: c["browser"] == "Edge")


def test_everything_in_the_first_email_gets_only_a_confirmation(
    setup: Setup, server: CasebotProcess, sink: SmtpSink
) -> None:
    """A customer who gave every answer at once gets no question, only the confirmation."""
    kari = someone("kari")
    text = (
        "Hei,\n\nAvviksmodulen krasjer hver gang jeg lagrer et avvik. Vi bruker Chrome 131. "
        "Det gjelder alle brukere, og startet 3. november. Dere kan gjerne logge inn. "
        "Saken gjelder ingen personopplysninger.\n\nMvh\nKari\n"
    )
    send(setup.smtp_port, mail(kari, "Avvik krasjer", text))
    case = _wait_case(setup, kari, lambda c: c["status"] == "open")
    assert case["missing"] == [] and case["browser"] == "Chrome 131"
    (only,) = sink.wait_for(kari)
    assert "sendt den videre" in only.get_content()
    wait_until(lambda: len(_to_staff(sink, case["id"])) >= 1)


def test_withdrawal_of_login_consent_ends_the_grant(
    setup: Setup, server: CasebotProcess, sink: SmtpSink
) -> None:
    """en: "please withdraw login access" revokes the grant on an open case and is confirmed."""
    john = someone("john", "globex.com")
    text = (
        "Hello, how do I add a checklist template? You may log in to our system. "
        "No personal data is involved.\n\nRegards,\nJohn\n"
    )
    send(setup.smtp_port, mail(john, "Checklist templates", text))
    case = _wait_case(setup, john, lambda c: c["status"] == "open")
    assert case["login_grant"]["status"] == "active"
    confirmation = _question(sink, john)
    send(setup.smtp_port, reply_to(confirmation, john, "Please withdraw login access, thanks."))
    case = _wait_case(setup, john, lambda c: c["login_grant"]["status"] == "revoked")
    assert case["login_allowed"] is False and case["status"] == "open"
    assert "withdrawn" in _question(sink, john, 2).get_content()


def test_customer_can_close_the_case_by_email(setup: Setup, server: CasebotProcess, sink: SmtpSink) -> None:
    """nb: "lukk saken" closes the case and says how to reopen it."""
    kari = someone("kari")
    send(setup.smtp_port, mail(kari, "Spørsmål om kurs", "Hei, hvordan melder jeg på et kurs?"))
    question = _question(sink, kari)
    send(setup.smtp_port, reply_to(question, kari, "Jeg fant ut av det selv. Dere kan lukke saken."))
    case = _wait_case(setup, kari, lambda c: c["status"] == "closed")
    assert case["close_reason"] == "customer"
    assert "åpnes saken igjen" in _question(sink, kari, 2).get_content()


def test_restart_between_two_messages_changes_nothing(own_setup: Setup, own_sink: SmtpSink) -> None:
    """The conversation state is in the store: a reply after a restart is understood the same way."""
    setup, sink = own_setup, own_sink
    john = someone("john", "globex.com")
    proc = CasebotProcess(setup).start()
    send(setup.smtp_port, mail(john, "Invoices", "Hi, where are our invoices?"))
    question = _question(sink, john)
    proc.stop()
    proc = CasebotProcess(setup).start()
    try:
        send(setup.smtp_port, reply_to(question, john, "1. yes\n2. no"))
        case = _wait_case(setup, john, lambda c: c["status"] == "open")
        assert case["login_allowed"] is True and case["personal_data"] is False
    finally:
        proc.stop()
