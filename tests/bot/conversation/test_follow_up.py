"""The follow-up conversation over real SMTP, in both languages: it listens, says what it understood,
never asks a third time, follows the customer's language and consent, and asks only what fits.

The tests share one casebot per module (and xdist worker); each writes from addresses of its own
(`someone`) and reads only their cases and mail.
"""

from __future__ import annotations

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
    someone,
    wait_until,
)

BUG_NB = (
    "Hei,\n\nNår jeg lagrer et avvik får jeg feilmeldingen «Noe gikk galt». Vi bruker Chrome 131, og det "
    "gjelder alle brukerne våre. Det skjedde første gang 3. november og skjer hver gang.\n\nMvh\nKari\n"
)
BUG_EN = (
    "Hello,\n\nWhen I save a deviation the page says 'Something went wrong'. We use Chrome 131 and it "
    "affects all our users. It first happened on 3 November and it happens every time.\n\nJohn\n"
)


_casebot, setup, server, sink = module_casebot("follow_up")


def _case(setup: Setup, reporter: str, predicate: Any = lambda c: True, index: int = 0) -> dict[str, Any]:
    """The `index`th case `reporter` reported, once `predicate` holds for it."""

    def check() -> dict[str, Any] | None:
        rows = [row for row in cli_json(setup, "cases", "list") if row["reporter"] == reporter]
        if len(rows) <= index:
            return None
        detail: dict[str, Any] = cli_json(setup, "cases", "show", str(rows[index]["id"]))
        return detail if predicate(detail) else None

    return wait_until(check, timeout=30)


def _mail(sink: SmtpSink, address: str, n: int) -> Message:
    return sink.wait_for(address, n)[n - 1]


def _questions(message: Message) -> list[str]:
    return [line for line in message.get_content().splitlines() if line[:2].rstrip(".").isdigit()]


def test_consent_can_change_from_no_to_yes_on_an_open_case(
    setup: Setup, server: CasebotProcess, sink: SmtpSink
) -> None:
    """nb: a "nei" to login, then "ok, dere kan logge inn likevel": the grant opens and is confirmed."""
    kari = someone("kari")
    send(setup.smtp_port, mail(kari, "Avvik lagres ikke", BUG_NB))
    question = _mail(sink, kari, 1)
    send(setup.smtp_port, reply_to(question, kari, "1. Nei\n2. Nei"))
    _case(setup, kari, lambda c: c["status"] == "open" and c["login_allowed"] is False)
    confirmation = _mail(sink, kari, 2)
    send(setup.smtp_port, reply_to(confirmation, kari, "Ok, dere kan logge inn likevel."))
    case = _case(setup, kari, lambda c: c["login_allowed"] is True)
    assert case["login_grant"]["status"] == "active"
    told = _mail(sink, kari, 3).get_content()
    assert "kan nå logge på" in told
    audit = [e["action"] for e in cli_json(setup, "audit", "--case", str(case["id"]))]
    assert audit.count("consent.changed") == 2


def test_consent_withdrawn_by_a_later_no(setup: Setup, server: CasebotProcess, sink: SmtpSink) -> None:
    """en: a "yes" to login, then a withdrawal: the grant ends, and the customer is told."""
    john = someone("john", "globex.com")
    send(setup.smtp_port, mail(john, "Deviations not saved", BUG_EN))
    question = _mail(sink, john, 1)
    send(setup.smtp_port, reply_to(question, john, "1. Yes\n2. No"))
    _case(setup, john, lambda c: c["login_grant"]["status"] == "active")
    confirmation = _mail(sink, john, 2)
    send(setup.smtp_port, reply_to(confirmation, john, "Please withdraw the login access."))
    case = _case(setup, john, lambda c: c["login_grant"]["status"] == "revoked")
    assert case["login_allowed"] is False
    assert "withdrawn" in _mail(sink, john, 3).get_content()


@pytest.mark.parametrize(
    ("lang", "reply", "told"),
    [
        ("nb", "1. Ja, men bare i dag\n2. Nei", "bare en tid"),
        ("en", "1. Yes, but only until Friday\n2. No", "limited time only"),
    ],
)
def test_consent_for_a_while_is_left_to_staff_and_not_asked_again(
    setup: Setup, server: CasebotProcess, sink: SmtpSink, lang: str, reply: str, told: str
) -> None:
    """ "Ja, men bare i dag": no grant opens (it would last until the case closes), the customer is told
    staff agree the login with them, the question is not asked again, and the audit has it."""
    person = someone("kari") if lang == "nb" else someone("john", "globex.com")
    subject, body = ("Avvik lagres ikke", BUG_NB) if lang == "nb" else ("Deviations not saved", BUG_EN)
    send(setup.smtp_port, mail(person, subject, body))
    question = _mail(sink, person, 1)
    send(setup.smtp_port, reply_to(question, person, reply))
    case = _case(setup, person, lambda c: c["status"] == "open")
    assert case["login_allowed"] is None and case["unknown"] == ["login_allowed"]
    assert case["personal_data"] is False and case["login_grant"]["status"] == "none"
    assert told in _mail(sink, person, 2).get_content()
    audit = [e["action"] for e in cli_json(setup, "audit", "--case", str(case["id"]))]
    assert "consent.limited" in audit and "grant.opened" not in audit


def test_consent_withdrawn_in_nynorsk_ends_the_grant(
    setup: Setup, server: CasebotProcess, sink: SmtpSink
) -> None:
    """nb (nynorsk): "de får diverre ikkje logge inn hjå oss likevel" on an open case with a grant: the
    grant ends at once, the customer is told, and the audit has the withdrawal (seen in a trial, where the
    grant stayed active until the case closed)."""
    kari = someone("kari")
    send(setup.smtp_port, mail(kari, "Avvik lagres ikke", BUG_NB))
    question = _mail(sink, kari, 1)
    send(setup.smtp_port, reply_to(question, kari, "1. Ja\n2. Nei"))
    _case(setup, kari, lambda c: c["login_grant"]["status"] == "active")
    confirmation = _mail(sink, kari, 2)
    withdrawal = "Eg har snakka med IT-sjefen vår, og de får diverre ikkje logge inn hjå oss likevel."
    send(setup.smtp_port, reply_to(confirmation, kari, withdrawal))
    case = _case(setup, kari, lambda c: c["login_grant"]["status"] == "revoked")
    assert case["login_allowed"] is False
    assert "trukket tilbake" in _mail(sink, kari, 3).get_content()
    audit = [e["action"] for e in cli_json(setup, "audit", "--case", str(case["id"]))]
    assert "consent.withdrawn" in audit or "consent.changed" in audit


def test_a_reply_that_cannot_be_read_is_said_so_and_asked_differently(
    setup: Setup, server: CasebotProcess, sink: SmtpSink
) -> None:
    """nb: no "takk, vi har lagt det til" when nothing was added; the questions come again, shorter."""
    kari = someone("kari")
    send(setup.smtp_port, mail(kari, "Avvik lagres ikke", BUG_NB))
    first = _mail(sink, kari, 1)
    send(setup.smtp_port, reply_to(first, kari, "Hmm, skal sjekke med sjefen min."))
    second = _mail(sink, kari, 2)
    text = second.get_content()
    assert "klarte ikke" in text and "lagt det til" not in text
    assert _questions(second) != _questions(first) and "Svar «ja» eller «nei»" in text


def test_no_field_is_asked_a_third_time(setup: Setup, server: CasebotProcess, sink: SmtpSink) -> None:
    """en: asked twice without an answer, a field is not asked again: the case opens with it listed as
    not known, and the customer is told our staff take it from there."""
    john = someone("john", "globex.com")
    send(setup.smtp_port, mail(john, "Deviations not saved", BUG_EN))
    first = _mail(sink, john, 1)
    send(setup.smtp_port, reply_to(first, john, "1. Yes"))
    second = _mail(sink, john, 2)
    assert "personal data" in second.get_content()
    send(setup.smtp_port, reply_to(second, john, "I will have to check that."))
    case = _case(setup, john, lambda c: c["status"] == "open")
    assert case["unknown"] == ["personal_data"] and case["missing"] == []
    final = _mail(sink, john, 3).get_content()
    assert "Not known yet" in final and "support staff will take it from there" in final
    assert final.count("take it from there") == 1  # said once, in the summary


def test_a_reply_in_english_moves_a_norwegian_case_to_english(
    setup: Setup, server: CasebotProcess, sink: SmtpSink
) -> None:
    """A Norwegian case answered in English is answered in English from then on."""
    kari = someone("kari")
    send(setup.smtp_port, mail(kari, "Avvik lagres ikke", BUG_NB))
    first = _mail(sink, kari, 1)
    send(
        setup.smtp_port,
        reply_to(first, kari, "Sorry, I do not read Norwegian well. Yes, you may log in."),
    )
    second = _mail(sink, kari, 2).get_content()
    assert "personal data" in second and "personopplysninger" not in second
    assert _case(setup, kari)["language"] == "en"


def test_only_what_fits_is_asked(setup: Setup, server: CasebotProcess, sink: SmtpSink) -> None:
    """nb: an app problem on an iPhone is asked for the app's version, not the browser; "bare meg" needs no
    user list (the reporter, by address, is the affected user); the screenshot tip comes once."""
    kari = someone("kari")
    body = (
        "Hei,\n\nAppen på iPhone krasjer når jeg åpner en sjekkliste. Det skjedde i går og skjer hver gang. "
        "Det er bare meg.\n\nKari\n"
    )
    send(setup.smtp_port, mail(kari, "Appen krasjer", body, name="Kari Nordmann"))
    first = _mail(sink, kari, 1)
    text = first.get_content()
    asked = " ".join(_questions(first)).lower()
    assert "versjon av appen" in asked and "nettleser" not in asked and "nettleser" not in text.lower()
    assert "Hvilke brukere" not in text and "Tips:" in text
    case = _case(setup, kari)
    assert case["scope"] == "one" and case["affected_users"] == [kari]
    send(setup.smtp_port, reply_to(first, kari, "1. 5.12.3"))
    assert "Tips:" not in _mail(sink, kari, 2).get_content()


def test_reopening_a_closed_case_asks_for_consent_again(
    setup: Setup, server: CasebotProcess, sink: SmtpSink
) -> None:
    """en: a message on a closed case reopens it and asks for login consent again (no silent grant);
    a plain "thanks" after the close reopens nothing."""
    john = someone("john", "globex.com")
    send(setup.smtp_port, mail(john, "Deviations not saved", BUG_EN))
    question = _mail(sink, john, 1)
    send(setup.smtp_port, reply_to(question, john, "1. Yes\n2. No"))
    case = _case(setup, john, lambda c: c["status"] == "open")
    send(
        setup.smtp_port,
        reply_to(_mail(sink, john, 2), john, "You can close the case now."),
    )
    _case(setup, john, lambda c: c["status"] == "closed")
    closed = _mail(sink, john, 3)
    send(setup.smtp_port, reply_to(closed, john, "Thanks a lot!"))
    wait_until(lambda: sum(m["direction"] == "in" for m in _case(setup, john)["messages"]) == 4)
    assert _case(setup, john)["status"] == "closed"
    send(setup.smtp_port, reply_to(closed, john, "Sorry, the error is back today."))
    reopened = _case(setup, john, lambda c: c["status"] == "draft")
    assert reopened["login_allowed"] is None and reopened["login_grant"]["status"] == "revoked"
    text = _mail(sink, john, 4).get_content()
    assert f"#{case['id']} is open again" in text and "log in" in text


def test_a_colleague_who_answers_gets_the_confirmation_too(
    setup: Setup, server: CasebotProcess, sink: SmtpSink
) -> None:
    """nb: Kari's colleague Ola answers the questions Kari got: he takes part, and the confirmation goes to
    both of them."""
    kari = someone("kari")
    ola = someone("ola")
    send(setup.smtp_port, mail(kari, "Avvik lagres ikke", BUG_NB))
    question = _mail(sink, kari, 1)
    send(setup.smtp_port, reply_to(question, ola, "1. Ja\n2. Nei"))
    case = _case(setup, kari, lambda c: c["status"] == "open")
    assert case["participants"] == [ola]
    confirmation = _mail(sink, kari, 2)
    assert ola in str(confirmation["Cc"])
    assert any(rcpt == ola for _, rcpts in sink.envelopes for rcpt in rcpts)
