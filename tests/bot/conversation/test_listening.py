"""The follow-up conversation listens, over real SMTP, in both languages: each bullet of "what the
conversation must do" that test_follow_up.py does not already show in that language.

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

# A bug report that says when and how often, but not where nor whom it affects.
BARE = {
    "nb": (
        "kari@acme.no",
        "Avvik lagres ikke",
        "Hei,\n\nNår jeg lagrer et avvik får jeg feilmeldingen «Noe gikk galt». Det skjedde første gang "
        "3. november og skjer hver gang.\n\nMvh\nKari\n",
    ),
    "en": (
        "john@globex.com",
        "Deviations not saved",
        "Hello,\n\nWhen I save a deviation the page says 'Something went wrong'. It first happened on "
        "3 November and it happens every time.\n\nJohn\n",
    ),
}
# A bug report that says everything but consent and personal data.
FULL = {
    "nb": (
        "kari@acme.no",
        "Avvik lagres ikke",
        "Hei,\n\nNår jeg lagrer et avvik får jeg feilmeldingen «Noe gikk galt». Vi bruker Chrome 131, og det "
        "gjelder alle brukerne våre. Det skjedde første gang 3. november og skjer hver gang.\n\nMvh\nKari\n",
    ),
    "en": (
        "john@globex.com",
        "Deviations not saved",
        "Hello,\n\nWhen I save a deviation the page says 'Something went wrong'. We use Chrome 131 and it "
        "affects all our users. It first happened on 3 November and it happens every time.\n\nJohn\n",
    ),
}
BOTH = pytest.mark.parametrize("lang", ["nb", "en"])


_casebot, setup, server, sink = module_casebot("listening")


def _cases(setup: Setup, reporter: str) -> list[dict[str, Any]]:
    """Every case `reporter` reported, in full (`cases show`)."""
    rows = [row for row in cli_json(setup, "cases", "list") if row["reporter"] == reporter]
    return [cli_json(setup, "cases", "show", str(row["id"])) for row in rows]


def _case(
    setup: Setup, reporter: str, predicate: Any = lambda c: True, case_id: int | None = None
) -> dict[str, Any]:
    def check() -> dict[str, Any] | None:
        for case in _cases(setup, reporter):
            if (case_id is None or case["id"] == case_id) and predicate(case):
                return case
        return None

    return wait_until(check, timeout=30)


def _mail(sink: SmtpSink, address: str, n: int) -> Message:
    return sink.wait_for(address, n)[n - 1]


def _text(sink: SmtpSink, address: str, n: int) -> str:
    return _mail(sink, address, n).get_content()


def _start(setup: Setup, sink: SmtpSink, report: tuple[str, str, str]) -> tuple[str, Message]:
    """The report sent from an address of the test's own (`kari7@acme.no`); that address and the question."""
    local, _, domain = report[0].partition("@")
    address = someone(local, domain)
    send(setup.smtp_port, mail(address, report[1], report[2]))
    return address, _mail(sink, address, 1)


@pytest.mark.parametrize(
    ("lang", "answer", "expected"),
    [
        # Bare answers, one per line, in the bot's order.
        ("nb", "Firefox\nalle\nja\nnei", {"browser": "Firefox", "scope": "all", "login_allowed": True}),
        # The customer's own numbering, read by what each answer says.
        (
            "en",
            "1. No personal info\n2. Firefox\n3. Log in if needed\n4. only me",
            {"browser": "Firefox", "scope": "one", "login_allowed": True},
        ),
    ],
)
def test_bare_and_renumbered_answers_are_read_against_the_questions(
    setup: Setup, server: CasebotProcess, sink: SmtpSink, lang: str, answer: str, expected: dict[str, Any]
) -> None:
    """Bare "alle"/"ja"/"nei" by their place, "only me" and numbered answers by their content: the case
    completes with each in its field ("only me" makes the reporter the affected user)."""
    address, question = _start(setup, sink, BARE[lang])
    send(setup.smtp_port, reply_to(question, address, answer))
    case = _case(setup, address, lambda c: c["status"] == "open")
    assert {name: case[name] for name in expected} == expected
    assert case["personal_data"] is False
    if expected["scope"] == "one":
        assert case["affected_users"] == [address]
    assert "complete" in _text(sink, address, 2) or "komplett" in _text(sink, address, 2)


@pytest.mark.parametrize(
    ("lang", "refuse", "allow", "told"),
    [
        ("nb", "1. Nei", "Ok, dere kan logge inn likevel. Ingen personopplysninger.", "kan nå logge på"),
        ("en", "1. No", "Actually, you can log in after all. No personal data.", "may now log in"),
    ],
)
def test_consent_given_after_a_no_on_a_draft_is_taken_and_confirmed(
    setup: Setup, server: CasebotProcess, sink: SmtpSink, lang: str, refuse: str, allow: str, told: str
) -> None:
    """A "no" to login, then a yes while the case is still a draft: the yes is taken, audited twice,
    confirmed, and the grant opens when the case opens."""
    address, question = _start(setup, sink, FULL[lang])
    send(setup.smtp_port, reply_to(question, address, refuse))
    _case(setup, address, lambda c: c["login_allowed"] is False and c["status"] == "draft")
    send(setup.smtp_port, reply_to(_mail(sink, address, 2), address, allow))
    case = _case(setup, address, lambda c: c["status"] == "open" and c["login_allowed"] is True)
    assert case["login_grant"]["status"] == "active"
    assert told in _text(sink, address, 3)
    audit = [e["action"] for e in cli_json(setup, "audit", "--case", str(case["id"]))]
    assert audit.count("consent.changed") == 2


def test_a_later_no_withdraws_consent_nb(setup: Setup, server: CasebotProcess, sink: SmtpSink) -> None:
    """nb: a "ja" to login, then "dere kan ikke logge inn lenger": the grant ends and Kari is told."""
    address, question = _start(setup, sink, FULL["nb"])
    send(setup.smtp_port, reply_to(question, address, "1. Ja\n2. Nei"))
    _case(setup, address, lambda c: c["login_grant"]["status"] == "active")
    send(setup.smtp_port, reply_to(_mail(sink, address, 2), address, "Dere kan ikke logge inn lenger."))
    case = _case(setup, address, lambda c: c["login_grant"]["status"] == "revoked")
    assert case["login_allowed"] is False
    assert "trukket tilbake" in _text(sink, address, 3)


@pytest.mark.parametrize(
    ("lang", "answer", "not_known"),
    [
        (
            "nb",
            "1. Firefox\n2. alle\n3. ja\n4. vet ikke",
            "Ikke kjent ennå: behandling av personopplysninger",
        ),
        ("en", "1. Firefox\n2. all\n3. yes\n4. I don't know", "Not known yet: personal data processed"),
    ],
)
def test_i_do_not_know_ends_the_asking_for_that_field(
    setup: Setup, server: CasebotProcess, sink: SmtpSink, lang: str, answer: str, not_known: str
) -> None:
    """ "Vet ikke" / "I don't know" records the field as not known (not missing): the case opens at once
    and the confirmation lists it for staff."""
    address, question = _start(setup, sink, BARE[lang])
    send(setup.smtp_port, reply_to(question, address, answer))
    case = _case(setup, address, lambda c: c["status"] == "open")
    assert case["unknown"] == ["personal_data"] and case["personal_data"] is None and case["missing"] == []
    assert not_known in _text(sink, address, 2)


@pytest.mark.parametrize(
    ("lang", "answer", "noted"),
    [
        (
            "nb",
            "Nettleser: Firefox 128\nGjelder: alle",
            "Dette har vi notert: Nettleser: Firefox 128 · Gjelder: Alle brukere.",
        ),
        (
            "en",
            "Browser: Firefox 128\nAffected: everyone",
            "We have noted: Browser: Firefox 128 · Affected: All users.",
        ),
    ],
)
def test_each_follow_up_says_what_the_reply_added(
    setup: Setup, server: CasebotProcess, sink: SmtpSink, lang: str, answer: str, noted: str
) -> None:
    """The next question starts with what this reply added, in the portal's labels, and asks only the rest."""
    address, question = _start(setup, sink, BARE[lang])
    send(setup.smtp_port, reply_to(question, address, answer))
    follow_up = _text(sink, address, 2)
    assert noted in follow_up
    asked = [line for line in follow_up.splitlines() if line[:2] in ("1.", "2.", "3.")]
    assert len(asked) == 2 and not any("Firefox" in line or "Chrome" in line for line in asked)


def test_a_reply_that_cannot_be_read_is_said_so_in_english(
    setup: Setup, server: CasebotProcess, sink: SmtpSink
) -> None:
    """en: nothing read means no "thank you, we have noted"; the questions come again, shorter."""
    address, question = _start(setup, sink, FULL["en"])
    send(setup.smtp_port, reply_to(question, address, "Hmm, I'll check with my manager first."))
    text = _text(sink, address, 2)
    assert "could not quite read" in text and "We have noted" not in text
    assert 'Answer "yes" or "no"' in text


@pytest.mark.parametrize(
    ("lang", "answer", "explained"),
    [
        (
            "nb",
            "1. Hva betyr det at dere logger inn?\n2. Teller navn på ansatte som personopplysninger?",
            ("Om pålogging:", "Om personopplysninger:", "GDPR artikkel 30.2"),
        ),
        (
            "en",
            "1. What exactly would you see if you log in?\n"
            "2. Do the names of our employees count as personal data?",
            ("About logging in:", "About personal data:", "GDPR article 30(2)"),
        ),
    ],
)
def test_questions_about_the_questions_are_answered_and_asked_again(
    setup: Setup, server: CasebotProcess, sink: SmtpSink, lang: str, answer: str, explained: tuple[str, ...]
) -> None:
    """ "Teller navn som personopplysninger?": the explanation (what counts, why, GDPR art. 30(2)) and the
    question again, which does not count as asked in vain."""
    address, question = _start(setup, sink, FULL[lang])
    send(setup.smtp_port, reply_to(question, address, answer))
    text = _text(sink, address, 2)
    assert all(part in text for part in explained)
    case = _case(setup, address)
    assert case["status"] == "draft" and case["unknown"] == []
    assert case["login_allowed"] is None and case["personal_data"] is None


def _app_crash(lang: str, more: str = "") -> str:
    """A first mail about the iPhone app crashing, told by Kari (nb) or John (en), with `more` after it."""
    if lang == "nb":
        return (
            "Hei,\n\nAppen på iPhone krasjer når jeg åpner en sjekkliste. Det skjedde i går og skjer hver "
            f"gang. Det er bare meg.{more}\n\nKari\n"
        )
    return (
        "Hello,\n\nThe app on my iPhone crashes when I open a checklist. It happened yesterday and happens "
        f"every time. Only me.{more}\n\nJohn\n"
    )


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_app_version_question_is_explained(
    setup: Setup, server: CasebotProcess, sink: SmtpSink, lang: str
) -> None:
    """ "Where do I find the app version?" gets where it is, and the question again."""
    address = someone("kari") if lang == "nb" else someone("john", "globex.com")
    send(setup.smtp_port, mail(address, "App", _app_crash(lang)))
    question = _mail(sink, address, 1)
    ask = "1. Hvor finner jeg app-versjonen?" if lang == "nb" else "1. Where do I find the app version?"
    send(setup.smtp_port, reply_to(question, address, ask))
    text = _text(sink, address, 2)
    assert ("Om app-versjonen:" if lang == "nb" else "About the app version:") in text
    assert ("versjon" if lang == "nb" else "version") in text.split("\n1. ", 1)[1]


@pytest.mark.parametrize(
    ("lang", "answer", "said"),
    [
        ("nb", "Vet ikke hvilken versjon, den oppdaterer seg selv.", "Ikke kjent ennå: app-versjon."),
        ("en", "No idea which version, it updates itself.", "Not known yet: app version."),
    ],
)
def test_a_version_not_known_in_the_app_is_named_the_app_version(
    setup: Setup, server: CasebotProcess, sink: SmtpSink, lang: str, answer: str, said: str
) -> None:
    """For a problem in the app, "where it happens" is the app's version: a customer who does not know
    it is told "app version", not "browser"."""
    address = someone("kari") if lang == "nb" else someone("john", "globex.com")
    consent = (
        " Dere kan logge inn, og det er ingen personopplysninger."
        if lang == "nb"
        else " You may log in, and there is no personal data."
    )
    send(setup.smtp_port, mail(address, "App", _app_crash(lang, consent)))
    question = _mail(sink, address, 1)
    send(setup.smtp_port, reply_to(question, address, answer))
    assert _case(setup, address, lambda c: c["status"] == "open")["unknown"] == ["browser"]
    assert said in _text(sink, address, 2)


def test_an_english_case_answered_in_norwegian_moves_to_norwegian(
    setup: Setup, server: CasebotProcess, sink: SmtpSink
) -> None:
    """en -> nb: a reply written in Norwegian is answered in Norwegian from then on."""
    address, question = _start(setup, sink, FULL["en"])
    send(
        setup.smtp_port,
        reply_to(question, address, "Beklager, jeg skriver heller norsk. Ja, dere kan logge inn."),
    )
    text = _text(sink, address, 2)
    assert "personopplysninger" in text and "personal data" not in text
    assert _case(setup, address)["language"] == "nb"


def test_a_reply_in_our_labels_alone_keeps_the_language(
    setup: Setup, server: CasebotProcess, sink: SmtpSink
) -> None:
    """A reply that is only labels and yes/no ("Login allowed: Login: yes") has no word of either language:
    the case stays in English, and the answers are read."""
    address, question = _start(setup, sink, FULL["en"])
    reply = "Login allowed: Login: yes\nPersonal data processed: Personal data: no"
    send(setup.smtp_port, reply_to(question, address, reply))
    _text(sink, address, 2)
    case = _case(setup, address)
    assert case["language"] == "en"
    assert case["login_allowed"] is True and case["personal_data"] is False


def test_only_what_fits_is_asked_in_english(setup: Setup, server: CasebotProcess, sink: SmtpSink) -> None:
    """en: "it's in the app" turns the browser question into the app's; "only me" asks for no user list;
    the screenshot tip comes once."""
    address, question = _start(setup, sink, BARE["en"])
    first = question.get_content()
    assert "Tip:" in first and "browser" in first.lower()
    send(setup.smtp_port, reply_to(question, address, "1. It's in the app\n2. only me\n3. yes"))
    second = _text(sink, address, 2)
    asked = " ".join(line for line in second.splitlines() if line[:2] in ("1.", "2.", "3."))
    assert "app" in asked.lower() and "browser" not in asked.lower() and "Which users" not in second
    assert "Tip:" not in second
    case = _case(setup, address)
    assert case["scope"] == "one" and case["affected_users"] == [address]


@BOTH
def test_a_second_problem_is_offered_as_a_case_of_its_own(
    setup: Setup, server: CasebotProcess, sink: SmtpSink, lang: str
) -> None:
    """A reply that also describes another problem changes nothing of this case but what was asked; a "ja"
    to the offer opens the other problem as a new case with its words."""
    address, question = _start(setup, sink, FULL[lang])
    second = (
        "1. Ja\n2. Nei\n\nEt annet problem: rapportene viser feil dato når vi eksporterer til Excel, i "
        "Firefox."
        if lang == "nb"
        else "1. Yes\n2. No\n\nAnother problem: the reports show the wrong date when we export to Excel, "
        "in Firefox."
    )
    send(setup.smtp_port, reply_to(question, address, second))
    case = _case(setup, address, lambda c: c["status"] == "open")
    assert case["browser"] == "Chrome 131" and case["login_allowed"] is True
    offer = _text(sink, address, 3) if len(sink.to(address)) >= 3 else _text(sink, address, 2)
    assert ("egen sak" if lang == "nb" else "case of its own") in offer
    latest = sink.to(address)[-1]
    send(setup.smtp_port, reply_to(latest, address, "ja" if lang == "nb" else "yes"))
    other = _case(setup, address, lambda c: c["id"] != case["id"])
    assert "feil dato" in other["description"] or "wrong date" in other["description"]
    assert _case(setup, address, case_id=case["id"])["browser"] == "Chrome 131"


@BOTH
def test_same_as_an_earlier_case_takes_its_answers(
    setup: Setup, server: CasebotProcess, sink: SmtpSink, lang: str
) -> None:
    """ "Samme som sist (sak #N)": the technical answers of the customer's own earlier case, and the reply
    says which values it took."""
    address, question = _start(setup, sink, FULL[lang])
    send(setup.smtp_port, reply_to(question, address, "1. ja 2. nei" if lang == "nb" else "1. yes 2. no"))
    first = _case(setup, address, lambda c: c["status"] == "open")
    body = (
        "Hei,\n\nNå kommer feilmeldingen når jeg lagrer en risikovurdering også. Det skjedde i dag.\n\nKari\n"
        if lang == "nb"
        else "Hello,\n\nNow the error also comes when I save a risk assessment. It happened today.\n\nJohn\n"
    )
    send(setup.smtp_port, mail(address, "Risiko" if lang == "nb" else "Risk", body))
    question = _mail(sink, address, 3)
    same = (
        f"Samme som sist (sak #{first['id']})."
        if lang == "nb"
        else f"Same as last time (case #{first['id']})."
    )
    send(setup.smtp_port, reply_to(question, address, same))
    second = _case(setup, address, lambda c: c["id"] != first["id"] and c["browser"] == "Chrome 131")
    assert second["scope"] == "all"
    text = _text(sink, address, 4)
    taken = (
        f"Fra sak #{first['id']} har vi hentet:"
        if lang == "nb"
        else f"From case #{first['id']} we have taken:"
    )
    assert taken in text and "Chrome 131" in text


def test_reopening_a_closed_case_asks_for_consent_again_nb(
    setup: Setup, server: CasebotProcess, sink: SmtpSink
) -> None:
    """nb: writing again on a closed case reopens it, says so, and asks for login consent again."""
    address, question = _start(setup, sink, FULL["nb"])
    send(setup.smtp_port, reply_to(question, address, "1. Ja\n2. Nei"))
    case = _case(setup, address, lambda c: c["status"] == "open")
    send(setup.smtp_port, reply_to(_mail(sink, address, 2), address, "Saken kan lukkes."))
    _case(setup, address, lambda c: c["status"] == "closed")
    send(setup.smtp_port, reply_to(_mail(sink, address, 3), address, "Beklager, feilen er tilbake i dag."))
    reopened = _case(setup, address, lambda c: c["status"] == "draft")
    assert reopened["login_allowed"] is None and reopened["login_grant"]["status"] == "revoked"
    text = _text(sink, address, 4)
    assert f"Sak #{case['id']} er åpnet igjen" in text and "logge på" in text
    assert "klarte ikke helt å lese" not in text


def test_a_complaint_that_reopens_a_case_is_not_called_unreadable_en(
    setup: Setup, server: CasebotProcess, sink: SmtpSink
) -> None:
    """en: "It's NOT fixed. Why was this closed?" reopens the case; the mail says so and asks for consent
    again, and does not answer the complaint with "we could not read your answer"."""
    address, question = _start(setup, sink, FULL["en"])
    send(setup.smtp_port, reply_to(question, address, "1. Yes\n2. No"))
    case = _case(setup, address, lambda c: c["status"] == "open")
    send(setup.smtp_port, reply_to(_mail(sink, address, 2), address, "Please close this case."))
    _case(setup, address, lambda c: c["status"] == "closed")
    send(setup.smtp_port, reply_to(_mail(sink, address, 3), address, "It's NOT fixed. Why was this closed?"))
    _case(setup, address, lambda c: c["status"] == "draft")
    text = _text(sink, address, 4)
    assert f"Case #{case['id']} is open again" in text and "log in" in text
    assert "could not quite read" not in text


def test_a_colleague_who_answers_gets_the_confirmation_too_en(
    setup: Setup, server: CasebotProcess, sink: SmtpSink
) -> None:
    """en: John's colleague Jane answers the questions John got: she takes part, and the confirmation goes
    to both of them."""
    address, question = _start(setup, sink, FULL["en"])
    jane = someone("jane", "globex.com")
    send(setup.smtp_port, reply_to(question, jane, "1. Yes\n2. No"))
    case = _case(setup, address, lambda c: c["status"] == "open")
    assert case["participants"] == [jane]
    assert jane in str(_mail(sink, address, 2)["Cc"])
    assert any(rcpt == jane for _, rcpts in sink.envelopes for rcpt in rcpts)


USERS = {
    "nb": ("Edge\nflere\nja\nnei", "brukernavn", "Hvilke brukere", "ok"),
    "en": ("Edge\nseveral\nyes\nno", "usernames", "Which users", "ok"),
}


@BOTH
def test_who_is_affected_asks_for_the_names_with_it_and_once_more_at_most(
    setup: Setup, server: CasebotProcess, sink: SmtpSink, lang: str
) -> None:
    """The scope question asks for the users' names too; "several" without names is asked for them once
    more, then the case opens with them listed as not known."""
    answer, names, again, last = USERS[lang]
    address, question = _start(setup, sink, BARE[lang])
    scope_line = next(line for line in question.get_content().splitlines() if line.startswith("2."))
    assert names in scope_line
    send(setup.smtp_port, reply_to(question, address, answer))
    second = _mail(sink, address, 2)
    assert again in second.get_content()
    send(setup.smtp_port, reply_to(second, address, last))
    case = _case(setup, address, lambda c: c["status"] == "open")
    assert case["scope"] == "several" and case["unknown"] == ["affected_users"]
    assert again not in _text(sink, address, 3)


LATER = {
    "nb": (
        "Hei,\n\nNår jeg lagrer et avvik får jeg «Noe gikk galt». Vi bruker Chrome 131, det gjelder alle "
        "brukerne våre, og det skjedde første gang 3. november.\n\nKari\n",
        "2. ja\n3. nei",
        "Det må jeg sjekke.",
        "Har sjekket nå: det feiler ved hver lagring.",
        "Gjentakende",
    ),
    "en": (
        "Hello,\n\nWhen I save a deviation the page says 'Something went wrong'. We use Chrome 131, it "
        "affects all our users, and it first happened on 3 November.\n\nJohn\n",
        "2. yes\n3. no",
        "I will have to check that.",
        "Checked now: it happens with every save.",
        "Recurring",
    ),
}


@BOTH
def test_a_later_message_answers_a_question_given_up_on(
    setup: Setup, server: CasebotProcess, sink: SmtpSink, lang: str
) -> None:
    """A question asked twice in vain is given up; when a later message answers it unasked, the open case
    takes the answer, no longer lists it as not known, and says what it understood."""
    local, _, domain = BARE[lang][0].partition("@")
    address, subject = someone(local, domain), BARE[lang][1]
    body, first_answer, put_off, later, label = LATER[lang]
    send(setup.smtp_port, mail(address, subject, body))
    send(setup.smtp_port, reply_to(_mail(sink, address, 1), address, first_answer))
    send(setup.smtp_port, reply_to(_mail(sink, address, 2), address, put_off))
    _case(setup, address, lambda c: c["status"] == "open" and c["unknown"] == ["recurring"])
    send(setup.smtp_port, reply_to(_mail(sink, address, 3), address, later))
    case = _case(setup, address, lambda c: c["recurring"] is True)
    assert case["unknown"] == [] and case["status"] == "open"
    assert label in _text(sink, address, 4)


@pytest.mark.parametrize(
    ("lang", "answers", "close", "ended"),
    [
        ("nb", "1. Ja\n2. Nei", "Takk, det virker nå. Dokker kan berre lukk saka.", True),
        ("en", "1. No\n2. No", "Thanks, it works now. Please close this case.", False),
    ],
)
def test_the_closing_mail_speaks_of_login_access_only_where_staff_had_it(
    setup: Setup, server: CasebotProcess, sink: SmtpSink, lang: str, answers: str, close: str, ended: bool
) -> None:
    """A case closed at the customer's word (dialect too): the mail says login access has ended only when
    a grant was active until then; after a "no" there was none to end, and saying so would be untrue."""
    address, question = _start(setup, sink, FULL[lang])
    send(setup.smtp_port, reply_to(question, address, answers))
    _case(setup, address, lambda c: c["status"] == "open")
    send(setup.smtp_port, reply_to(_mail(sink, address, 2), address, close))
    case = _case(setup, address, lambda c: c["status"] == "closed")
    closing = _text(sink, address, 3)
    assert ("nå lukket" if lang == "nb" else "now closed") in closing
    ended_texts = ("påloggingstilgang er avsluttet", "Login access for our staff has ended")
    said_ended = any(text in closing for text in ended_texts)
    assert said_ended is ended
    assert case["login_grant"]["status"] == ("revoked" if ended else "none")


@pytest.mark.parametrize(
    ("lang", "first_wish", "later_wish", "noted", "unread", "phone"),
    [
        (
            "nb",
            "Kan noen ringe meg i dag?",
            "Kan nån ring mæ i stedet? 900 12 345",
            "Du ønsker å bli ringt",
            "klarte ikke helt å lese",
            "på 900 12 345",
        ),
        (
            "en",
            "Please call me ASAP.",
            "I would really rather discuss this by phone. Can you call me on +47 911 22 333?",
            "You would like a call",
            "could not quite read",
            "on +47 911 22 333",
        ),
    ],
)
def test_a_wish_to_be_called_is_acknowledged_not_read_as_an_unreadable_answer(
    setup: Setup,
    server: CasebotProcess,
    sink: SmtpSink,
    lang: str,
    first_wish: str,
    later_wish: str,
    noted: str,
    unread: str,
    phone: str,
) -> None:
    """ "Please call me" in the first mail and "can someone ring me instead?" as the only words of a reply:
    each mail says the wish is on the case (audited each time, with the number when one is given, and the
    number read back to the customer), and the reply is not answered with "we could not read your
    answer"; the questions still follow, as the case still needs the answers."""
    sender, subject, body = BARE[lang]
    local, _, domain = sender.partition("@")
    address = someone(local, domain)
    send(setup.smtp_port, mail(address, subject, body.replace("\n\n", f"\n\n{first_wish} ", 1)))
    question = _mail(sink, address, 1)
    assert noted in question.get_content()
    send(setup.smtp_port, reply_to(question, address, later_wish))
    assert phone not in question.get_content()
    second = _text(sink, address, 2)
    assert noted in second and unread not in second and phone in second
    case = _case(setup, address, lambda c: c["status"] == "draft")
    entries = cli_json(setup, "audit", "--case", str(case["id"]))
    wishes = [e for e in entries if e["action"] == "contact.requested"]
    assert len(wishes) == 2 and wishes[-1]["detail"]["phone"] == phone.split(" ", 1)[1]


@pytest.mark.parametrize(
    ("lang", "correction", "noted"),
    [
        ("nb", "Beklager, det startet 2. november, ikke 3. Og modulen er sjekklister, ikke avvik.", "notert"),
        (
            "en",
            "Sorry, it first happened on 2 November, not the 3rd. The module is checklists, not deviations. "
            "Did you see the PDF problem too?",
            "noted",
        ),
    ],
)
def test_a_correction_after_the_case_opened_changes_it_and_is_confirmed(
    setup: Setup, server: CasebotProcess, sink: SmtpSink, lang: str, correction: str, noted: str
) -> None:
    """On an open case, "it started on the 2nd, not the 3rd" and "the module is X, not Y" replace the
    values given before (a value set against the one it replaces is a correction), and the reply says what
    was noted."""
    address, question = _start(setup, sink, FULL[lang])
    send(setup.smtp_port, reply_to(question, address, "1. Nei\n2. Nei" if lang == "nb" else "1. No\n2. No"))
    opened = _case(setup, address, lambda c: c["status"] == "open")
    assert opened["observed_on"].endswith("-11-03") and opened["module"] == "deviations"
    send(setup.smtp_port, reply_to(_mail(sink, address, 2), address, correction))
    case = _case(setup, address, lambda c: c["module"] == "checklists")
    assert case["observed_on"].endswith("-11-02") and case["status"] == "open"
    reply = _text(sink, address, 3)
    assert noted in reply
    # a question beside the correction is told it arrived, too
    assert ("Your question is on case" in reply) is ("?" in correction)


@pytest.mark.parametrize(
    ("lang", "subject", "body", "tip"),
    [
        ("nb", "Bestilling", "Hei,\n\nVi ønsker å bestille 10 nye brukerlisenser.\n\nMvh\nKari\n", "Tips:"),
        ("en", "Order", "Hello,\n\nWe would like to order 10 more user licences.\n\nJohn\n", "Tip:"),
    ],
)
def test_an_order_gets_no_screenshot_tip_but_a_problem_does(
    setup: Setup, server: CasebotProcess, sink: SmtpSink, lang: str, subject: str, body: str, tip: str
) -> None:
    """An order has nothing to show in a screenshot: its questions come without the tip a problem gets."""
    order = someone("buyer", "acme.no")
    send(setup.smtp_port, mail(order, subject, body))
    question = _text(sink, order, 1)
    case = _case(setup, order)
    assert case["type"] == "order" and case["status"] == "draft"
    assert tip not in question
    _, problem = _start(setup, sink, BARE[lang])
    assert tip in problem.get_content()


@pytest.mark.parametrize(
    ("lang", "question", "told"),
    [
        ("nb", "Fekk de med dykk PDF-problemet eg nemnde?", "Spørsmålet ditt er lagt til i sak"),
        ("en", "Did you see the PDF problem I mentioned as well?", "Your question is on case"),
    ],
)
def test_a_question_on_an_open_case_is_told_it_arrived(
    setup: Setup, server: CasebotProcess, sink: SmtpSink, lang: str, question: str, told: str
) -> None:
    """A question to staff on an open case changes nothing the bot reads, but the customer is told it is on
    the case and who answers it: without a word back they cannot tell it was not lost."""
    address, first = _start(setup, sink, FULL[lang])
    send(setup.smtp_port, reply_to(first, address, "1. Nei\n2. Nei" if lang == "nb" else "1. No\n2. No"))
    _case(setup, address, lambda c: c["status"] == "open")
    send(setup.smtp_port, reply_to(_mail(sink, address, 2), address, question))
    assert told in _text(sink, address, 3)


@pytest.mark.parametrize(
    ("lang", "answers", "close", "complaint", "told"),
    [
        ("nb", "1. Nei\n2. Nei", "Saken kan lukkes.", "Det er ikkje fiksa likevel!", "er åpnet igjen"),
        ("en", "1. No\n2. No", "Please close this case.", "It's not fixed!", "is open again"),
    ],
)
def test_reopening_after_a_refused_login_keeps_the_no_and_opens_at_once(
    setup: Setup,
    server: CasebotProcess,
    sink: SmtpSink,
    lang: str,
    answers: str,
    close: str,
    complaint: str,
    told: str,
) -> None:
    """A customer who refused login reopens the case: no permission ended, so none is said to have ended
    or asked for again; the refusal stands and the case is open for staff at once."""
    address, question = _start(setup, sink, FULL[lang])
    send(setup.smtp_port, reply_to(question, address, answers))
    _case(setup, address, lambda c: c["status"] == "open")
    send(setup.smtp_port, reply_to(_mail(sink, address, 2), address, close))
    _case(setup, address, lambda c: c["status"] == "closed")
    send(setup.smtp_port, reply_to(_mail(sink, address, 3), address, complaint))
    case = _case(setup, address, lambda c: c["status"] == "open" and c["closed_at"] is None)
    assert case["login_allowed"] is False
    text = _text(sink, address, 4)
    assert told in text
    assert "ble lukket, så vi spør på nytt" not in text and "ended when the case closed" not in text
    assert "Takk! Sak" not in text and "Thank you! Case" not in text  # no thanks for a complaint


@pytest.mark.parametrize(
    ("lang", "subject", "body", "said"),
    [
        (
            "nb",
            "HASTER: ingen får logget inn",
            "Hei,\n\nIngen av oss får logget inn i Landax, og produksjonen står stille.\n\nMvh\nKari\n",
            "prioritet Kritisk",
        ),
        (
            "en",
            "URGENT: nobody can log in",
            "Hello,\n\nNobody can log in to Landax and production is down. Please help us fast!\n\nJohn\n",
            "priority Critical",
        ),
    ],
)
def test_an_outage_is_read_back_as_urgent_before_the_questions(
    setup: Setup, server: CasebotProcess, sink: SmtpSink, lang: str, subject: str, body: str, said: str
) -> None:
    """A critical first mail gets its urgency read back, before the questions, rather than a routine list of
    questions alone."""
    address = someone("outage", "acme.no")
    send(setup.smtp_port, mail(address, subject, body))
    text = _text(sink, address, 1)
    case = _case(setup, address)
    assert case["priority"] == "critical"
    assert said in text and text.index(said) < text.index("1. ")
