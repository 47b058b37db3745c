"""read_answer and read_commands understand customers' replies to the bot's numbered questions."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest

from parsers.answers import contact_phone, read_answer, read_commands

SENT = datetime(2026, 11, 4, 9, 0, tzinfo=timezone(timedelta(hours=1)))  # Wednesday
ALL = ["browser", "scope", "observed_on", "recurring", "login_allowed", "personal_data"]

QUOTED_NB = """Hei

> 1. Hvilken nettleser bruker dere, eller hvilken app-plattform og versjon?
Edge
> 2. Gjelder problemet én bruker, flere eller alle?
alle
> 3. Når oppdaget dere problemet?
i går
> 4. Skjer det hver gang?
ja
> 5. Kan saksbehandler logge inn i systemet deres?
nei
> 6. Skal det behandles personopplysninger?
nei

Mvh Ola"""

QUOTED_EN_TOP = """Chrome 131, all users, and it happens every time. Feel free to log in, no personal data.

On Wed, Nov 4, 2026 at 8:00 AM Landax Support <support@landax.no> wrote:
> 1. Which browser do you use?
> 2. Does it affect one user, several or all?
> 3. Does it happen every time?
> 4. May we log in to your system?
> 5. Will personal data be processed?
"""

OUTLOOK_HISTORY = """Ja, det går fint.

Fra: Landax Support <support@landax.no>
Sendt: 4. november 2026 08:00
Til: Ola
Emne: Sak 1234: spørsmål

1. Kan vi logge inn? Svar nei hvis ikke.
"""

# (reply, asked, expected stated fields)
_TABLE: list[tuple[str, list[str], dict[str, Any]]] = [
    ("1. Edge  2. ja", ["browser", "login_allowed"], {"browser": "Edge", "login_allowed": True}),
    ("1) Edge\n2) alle", ["browser", "scope"], {"browser": "Edge", "scope": "all"}),
    (
        "1. chrome 131\n2. bare meg\n3. 3. november\n4. nei, bare én gang\n5. ok\n6. nei",
        ALL,
        {
            "browser": "Chrome 131",
            "scope": "one",
            "observed_on": date(2026, 11, 3),
            "recurring": False,
            "login_allowed": True,
            "personal_data": False,
        },
    ),
    (
        "Nettleser: Firefox\nPåloggingstilgang: ja\nPersonopplysninger: nei",
        ALL,
        {"browser": "Firefox", "login_allowed": True, "personal_data": False},
    ),
    (
        "Browser: Safari 17\nLogin access: no\nPersonal data: yes",
        ALL,
        {"browser": "Safari 17", "login_allowed": False, "personal_data": True},
    ),
    ("I'm on Chrome, feel free to log in.", ALL, {"browser": "Chrome", "login_allowed": True}),
    ("Vi bruker Edge, og dere kan gjerne logge inn.", ALL, {"browser": "Edge", "login_allowed": True}),
    ("ja", ["login_allowed"], {"login_allowed": True}),
    ("Ja!", ["scope", "login_allowed"], {"login_allowed": True}),
    ("gjerne", ["login_allowed"], {"login_allowed": True}),
    ("nope", ["personal_data"], {"personal_data": False}),
    ("Nei takk.", ["login_allowed"], {"login_allowed": False}),
    ("ok", ["recurring"], {"recurring": True}),
    ("ja", ["login_allowed", "personal_data"], {}),
    ("ja", ["browser"], {}),
    ("iPhone, 5.12.3", ["browser"], {"app_platform": "ios", "app_version": "5.12.3"}),
    ("Android, app version 5.11.0", ["browser"], {"app_platform": "android", "app_version": "5.11.0"}),
    (
        "ola.hansen og kari.berg",
        ["scope"],
        {"scope": "several", "affected_users": ("ola.hansen", "kari.berg")},
    ),
    ("jane.doe@acme.com", ["affected_users"], {"affected_users": ("jane.doe@acme.com",)}),
    ("forrige fredag", ["observed_on"], {"observed_on": date(2026, 10, 30)}),
    ("yesterday", ["observed_on"], {"observed_on": date(2026, 11, 3)}),
    ("Only once.", ["recurring"], {"recurring": False}),
    (
        QUOTED_NB,
        ALL,
        {
            "browser": "Edge",
            "scope": "all",
            "observed_on": date(2026, 11, 3),
            "recurring": True,
            "login_allowed": False,
            "personal_data": False,
        },
    ),
    (
        QUOTED_EN_TOP,
        ALL[:2] + ALL[3:],
        {
            "browser": "Chrome 131",
            "scope": "all",
            "recurring": True,
            "login_allowed": True,
            "personal_data": False,
        },
    ),
    (OUTLOOK_HISTORY, ["login_allowed"], {"login_allowed": True}),
    (
        "Personopplysninger: ja. Innlogging: nei.",
        ["login_allowed", "personal_data"],
        {"personal_data": True, "login_allowed": False},
    ),
    ("Login: no. Personal data: yes.", ALL, {"personal_data": True, "login_allowed": False}),
    ("Nettleser: Edge. Takk for hjelpen.", ALL, {"browser": "Edge"}),
]


@pytest.mark.parametrize(
    ("reply", "asked", "expected"), _TABLE, ids=[f"{i}:{r[0][:30]}" for i, r in enumerate(_TABLE)]
)
def test_answer_table(reply: str, asked: list[str], expected: dict[str, Any]) -> None:
    """Numbered, labelled, free, interleaved and bare answers map to the asked fields, in both languages."""
    answer = read_answer(reply, asked=asked, sent_at=SENT)
    assert answer.fields.stated() == expected


@pytest.mark.parametrize(
    ("reply", "field", "value"),
    [
        ("Beklager, det var Edge, ikke Chrome.", "browser", "Edge"),
        ("Sorry, I meant Firefox, not Chrome.", "browser", "Firefox"),
        ("Rettelse: det gjelder alle brukerne.", "scope", "all"),
    ],
)
def test_corrections_are_marked(reply: str, field: str, value: Any) -> None:
    """A correction sets the value and names the field in `corrections`, so it may replace an earlier one."""
    answer = read_answer(reply, asked=["browser"], sent_at=SENT)
    assert getattr(answer.fields, field) == value
    assert field in answer.corrections


def test_plain_answer_is_not_a_correction() -> None:
    """An ordinary answer changes no earlier value: `corrections` stays empty."""
    assert read_answer("Edge", asked=["browser"]).corrections == frozenset()


@pytest.mark.parametrize(
    ("reply", "commands"),
    [
        ("Problemet er løst, saken kan lukkes.", {"close"}),
        ("Takk, dere kan lukke saken.", {"close"}),
        ("Lukk saken, takk.", {"close"}),
        ("All good now, please close this case.", {"close"}),
        ("The ticket can be closed.", {"close"}),
        ("Ikke lukk saken ennå, feilen kom tilbake.", set()),
        ("Dokker kan berre lukk saka.", {"close"}),
        ("Saka kan lukkast no, takk.", {"close"}),
        ("Ikkje lukk saka enno.", set()),
        ("Please do not close the case yet.", set()),
        ("Vi trekker tilbake påloggingen.", {"withdraw_login"}),
        ("Trekk tilbake påloggingen, takk.", {"withdraw_login"}),
        ("Dere kan ikke logge inn lenger.", {"withdraw_login"}),
        ("Please withdraw login access.", {"withdraw_login"}),
        ("You can no longer log in to our system.", {"withdraw_login"}),
        ("Saken kan lukkes, og trekk tilbake tilgangen.", {"close", "withdraw_login"}),
        # withdrawal in nynorsk and other words (a trial: these left the grant active)
        ("Eg trekkjer tilbake samtykket til pålogging.", {"withdraw_login"}),
        ("Jeg trekker tilbake samtykket til pålogging.", {"withdraw_login"}),
        ("Vi trekker herved tilbake tillatelsen.", {"withdraw_login"}),
        ("De får diverre ikkje logge inn hjå oss likevel.", {"withdraw_login"}),
        ("I withdraw my consent to log in.", {"withdraw_login"}),
        ("De kan ikke logge inn lenger, det er feilen.", set()),
        ("Trekk tilbake søknaden om kurs.", set()),
        # a withdrawal denied, asked about, put later, of something else, or a button's name
        ("Please don't withdraw my consent, I only asked a question.", set()),
        ("Skal jeg trekke tilbake samtykket når dere er ferdige?", set()),
        ("Ja, men vi trekker tilbake samtykket når saken er løst.", set()),
        ("Vi trekker tilbake samtykket til nyhetsbrevet.", set()),
        ("Eg trekkjer tilbake løyvet til Kari som har slutta.", set()),
        ("The withdraw consent button doesn't work.", set()),
        ("Brukeren trekker tilbake samtykket i appen og da krasjer den.", set()),
        ("Brukerne sier at de får ikkje logge inn på appen lenger.", set()),
        ("Du kan ikke logge inn på mer enn to enheter samtidig, stemmer det?", set()),
        ("Jeg trekker samtykket mitt tilbake.", {"withdraw_login"}),
        ("Husk å trekke tilbake tilgangen deres når dere er ferdige.", set()),
        ("We'll revoke your access on Friday when you're done.", set()),
        ("With the new version you can no longer log on from the tablet.", set()),
        ("Vi trekker tilbake påloggingen, etter en intern vurdering.", {"withdraw_login"}),
        ("I withdraw my consent, after discussing it with our DPO.", {"withdraw_login"}),
        ("We will revoke your access today.", {"withdraw_login"}),
        ("Hvorfor ble saken lukket?", set()),
        ("Ok.\n\n> Svar «lukk saken» for å lukke saken.", set()),
    ],
)
def test_commands(reply: str, commands: set[str]) -> None:
    """Close and withdraw-login commands in both languages; negated or quoted ones are not commands."""
    assert read_commands(reply) == frozenset(commands)
    assert read_answer(reply, asked=["login_allowed"]).commands == frozenset(commands)


@pytest.mark.parametrize(
    ("reply", "wants_contact"),
    [
        ("I would really rather discuss this by phone. Can you call me on +47 911 22 333?", True),
        ("1. no 2. yes ... please CALL me", True),
        ("Kan nån ring mæ i stedet? 900 12 345", True),
        ("Kan noen ringe meg? Tlf 22 33 44 55", True),
        ("Kan vi ta et Teams-møte om dette?", True),
        ("Can somebody give me a call?", True),
        ("I'd like to speak to someone about our contract.", True),
        # offers, refusals and calls that were, not wishes
        ("Ring meg om dere lurer på noe.", False),
        ("Call me if you need more information.", False),
        ("Feel free to call me on 555 1234.", False),
        ("Du kan ringe meg på 900 00 000 hvis det trengs.", False),
        ("No need to call me, email is fine.", False),
        ("Ikke ring meg, jeg sitter i møter hele dagen.", False),
        ("Jeg ringte dere i går.", False),
        ("Ok.\n\n> Please call me.", False),
        # from a hostile review: refusals after the verb, names, quotes, past calls, the customer's own
        # meetings, a request taken back; and nynorsk, a quick call, being called
        ("Ring meg ikkje, skriv heller.", False),
        ("Please call me Kari, not Mrs Nordmann.", False),
        ('"Please call me" is what the error popup says.', False),
        ("Nån ring mæ i går, men æ va ikkje tel stede.", False),
        ("You said you would call me, but nobody did.", False),
        ("We had a Teams meeting last week about this.", False),
        ("Vi har et Teams-møte i morgen der vi skal vise Landax internt.", False),
        ("Could you call me back when the API call works? No wait, just email.", False),
        ("The API call fails with 500.", False),
        ("Kan nokon ringje meg?", True),
        ("Would it be possible to have a quick call?", True),
        ("Jeg vil heller bli ringt opp.", True),
        ("Please call me Monday morning.", True),
        ("It would be easier if someone could just give me a ring.", True),
        ("If you need anything, call me.", False),
    ],
)
def test_a_wish_to_talk_rather_than_write(reply: str, wants_contact: bool) -> None:
    """ "contact": the customer asks to be called or to meet; an offer in a signature's words is none."""
    assert ("contact" in read_commands(reply)) is wants_contact


@pytest.mark.parametrize(
    ("message", "phone"),
    [
        ("Kan noen ringe meg? 900 11 222", "900 11 222"),
        ("Please call me on +47 911 22 333.", "+47 911 22 333"),
        ("Can someone call me?\n\nKari\nMob: 480 12 345", "480 12 345"),
        ("Ring meg på 22 33 44 55 etter kl 12.", "22 33 44 55"),
        ("Call me please. Case 2026-11-04, version 5.14.2, record 12345678.", None),
        ("Kan noen ringe meg? Org.nr 987 654 321", None),
        ("Kan noen ringe meg?\n> Tlf 22 00 00 00", None),
    ],
)
def test_the_number_to_call(message: str, phone: str | None) -> None:
    """The number a wish to be called gives, as written; dates, versions, ids, organisation numbers and
    quoted numbers are none."""
    assert contact_phone(message) == phone


def test_withdrawal_also_states_login_not_allowed() -> None:
    """ "Dere kan ikke logge inn lenger" both withdraws and answers login_allowed = False."""
    answer = read_answer("Dere kan ikke logge inn lenger.", asked=[])
    assert answer.fields.login_allowed is False
    assert answer.commands == frozenset({"withdraw_login"})


def test_a_date_line_is_not_a_numbered_answer() -> None:
    """ "3. november" on its own line is a date, not the answer to question 3."""
    answer = read_answer("3. november", asked=["browser", "scope", "observed_on"], sent_at=SENT)
    assert answer.fields.stated() == {"observed_on": date(2026, 11, 3)}


def test_empty_reply_states_nothing() -> None:
    """An empty reply or one with only the quoted question gives no fields and no commands."""
    for reply in ("", "> 1. Hvilken nettleser?\n> 2. Gjelder det alle?"):
        answer = read_answer(reply, asked=["browser", "scope"])
        assert answer.fields.stated() == {} and answer.commands == frozenset()


LOGIN_PERSONAL = ["login_allowed", "personal_data"]
BUG = ["browser", "scope", "login_allowed", "personal_data", "recurring", "observed_on"]

# (reply, asked, expected stated fields): answers read by what they say, then by number or place.
_IN_THE_LIGHT: list[tuple[str, list[str], dict[str, Any]]] = [
    ("yes\nno", LOGIN_PERSONAL, {"login_allowed": True, "personal_data": False}),
    (
        "Nei, det trengs ikke for dette. Nei.",
        LOGIN_PERSONAL,
        {"login_allowed": False, "personal_data": False},
    ),
    (
        "1. Firefox 2. Log in if needed 3. No personal info",
        ["login_allowed", "personal_data", "browser"],
        {"browser": "Firefox", "login_allowed": True, "personal_data": False},
    ),
    (
        "3) Edge\n4) Vi er fire som jobber i prosjektet\n2) Ja, dere kan logge inn\n"
        "1) Nei, ingen personopplysninger",
        BUG,
        {"browser": "Edge", "scope": "several", "login_allowed": True, "personal_data": False},
    ),
    (
        "#1 Edge #2 alle #3 ja #4 nei",
        BUG[:4],
        {"browser": "Edge", "scope": "all", "login_allowed": True, "personal_data": False},
    ),
    ("alle", ["scope", "login_allowed"], {"scope": "all"}),
    ("only me", ["scope"], {"scope": "one"}),
    (
        "Kari Hansen og Ola Nordmann",
        ["scope"],
        {"scope": "several", "affected_users": ("Kari Hansen", "Ola Nordmann")},
    ),
    ("Just me and Ola (username ola.h)", ["scope"], {"scope": "several", "affected_users": ("ola.h",)}),
    # one plain word after a plural "users" is the sentence going on, not a login
    (
        "It went away for some users after a restart, most still have it.",
        ["scope", "affected_users"],
        {"scope": "several"},
    ),
    ("users jdoe and msmith", ["affected_users"], {"scope": "several", "affected_users": ("jdoe", "msmith")}),
    ("sure, go ahead and log in", ["scope", "login_allowed"], {"login_allowed": True}),
    ("Nettleser: Edge\nGjelder: alle", BUG, {"browser": "Edge", "scope": "all"}),
    ("Tror det er Chrome, men er ikke sikker.", ["browser"], {}),
    ("I think it's Edge, not sure", ["browser"], {}),
    (
        "The screenshots show no names, but the records have employee names in them.",
        ["personal_data"],
        {"personal_data": True},
    ),
]


@pytest.mark.parametrize(
    ("reply", "asked", "expected"),
    _IN_THE_LIGHT,
    ids=[f"{i}:{r[0][:30]}" for i, r in enumerate(_IN_THE_LIGHT)],
)
def test_answers_read_in_the_light_of_the_questions(
    reply: str, asked: list[str], expected: dict[str, Any]
) -> None:
    """Bare answers by place, the customer's own numbering by content, names, labels; a hedge is no value."""
    assert read_answer(reply, asked=asked, sent_at=SENT).fields.stated() == expected


@pytest.mark.parametrize(
    ("reply", "asked", "unknown", "stated"),
    [
        ("1. Chrome\n2. vet ikke", ["browser", "recurring"], {"recurring"}, {"browser": "Chrome"}),
        ("1. Edge 2. I don't know", ["browser", "observed_on"], {"observed_on"}, {"browser": "Edge"}),
        ("Vet ikke om andre har samme problem, har ikke spurt.", ["scope"], {"scope"}, {}),
        ("No idea which browser Kjell uses.", ["browser", "scope"], {"browser"}, {}),
    ],
)
def test_i_do_not_know_is_recorded_per_question(
    reply: str, asked: list[str], unknown: set[str], stated: dict[str, Any]
) -> None:
    """ "Vet ikke" / "I don't know" marks that question's field as not known, and takes no value from it."""
    answer = read_answer(reply, asked=asked, sent_at=SENT)
    assert answer.unknown == frozenset(unknown) and answer.fields.stated() == stated


@pytest.mark.parametrize(
    ("reply", "asked", "about"),
    [
        ("Do the names of our employees count as personal data?", ["personal_data"], {"personal_data"}),
        ("Teller navn på ansatte som personopplysninger?", ["personal_data"], {"personal_data"}),
        ("Hva betyr det at dere logger inn?", LOGIN_PERSONAL, {"login_allowed"}),
        ("1) Hvor ser jeg versjonen?\n2) iPhone", ["app_version", "app_platform"], {"app_version"}),
        ("Where do I find the app version?", ["app_version"], {"app_version"}),
        # not knowing what the question means, without a question mark (a trial)
        ("Veit itj ka personopplysninga dokker meine", ["personal_data"], {"personal_data"}),
        ("Not sure what you mean by personal data.", LOGIN_PERSONAL, {"personal_data"}),
        ("Vet ikke hva dere mener med pålogging", LOGIN_PERSONAL, {"login_allowed"}),
    ],
)
def test_questions_about_the_questions(reply: str, asked: list[str], about: set[str]) -> None:
    """A question about a question is returned in `asks_about`, and is not read as an answer."""
    answer = read_answer(reply, asked=asked, sent_at=SENT)
    assert answer.asks_about == frozenset(about)
    assert not set(about) & set(answer.fields.stated())


def test_a_second_problem_and_an_earlier_case() -> None:
    """A second problem is returned with its own words; "same as case #12" names the case."""
    answer = read_answer(
        "1. Edge\nEt annet problem: rapportene viser feil dato.", asked=["browser"], sent_at=SENT
    )
    assert answer.new_problem and answer.second_problem.startswith("Et annet problem")
    assert answer.fields.browser == "Edge"
    assert read_answer("Same as last time (case #12).", asked=["browser"]).same_as_case == 12
    assert read_answer("Samme som sist, se sak #4471", asked=["app_version"]).same_as_case == 4471


@pytest.mark.parametrize(
    ("reply", "asked", "expected"),
    [
        ("Jorunn", ["affected_users"], {"affected_users": ("Jorunn",)}),
        ("Hei\nJorunn og Per\nKari", ["affected_users"], {"affected_users": ("Jorunn", "Per")}),
        ("Hi,\nyes\nno\nJohn", LOGIN_PERSONAL, {"login_allowed": True, "personal_data": False}),
        (
            "Takk for rask tilbakemelding.\nja\nnei\nmvh Kari",
            LOGIN_PERSONAL,
            {"login_allowed": True, "personal_data": False},
        ),
    ],
)
def test_greetings_and_names_around_the_answers(
    reply: str, asked: list[str], expected: dict[str, Any]
) -> None:
    """A greeting, a thank-you or a name on the first or last line is not an answer; a name between is."""
    assert read_answer(reply, asked=asked, sent_at=SENT).fields.stated() == expected


def test_a_huge_reply_is_read_in_bounded_time() -> None:
    """Hang guard: 100 KB of answer-like words in lines is read within a few seconds of CPU."""
    phrase = "ja nei 1. 2) #3 users ola.h , og Kari Nordmann Edge 131 versjon 6.2.4 16.11 i går vet ikke ?"
    words = phrase.split(" ")
    text = "\n".join(" ".join(words[(i + j) % len(words)] for j in range(8)) for i in range(2500))
    start = time.process_time()
    read_answer(text, asked=["browser", "scope", "login_allowed", "personal_data", "recurring"], sent_at=SENT)
    assert time.process_time() - start < 10


APP_BUG = ["app_platform", "scope", "observed_on", "recurring", "login_allowed", "personal_data"]

# (reply, asked, expected stated fields, expected unknown): kinds of answers that were misread.
_KINDS: list[tuple[str, list[str], dict[str, Any], set[str]]] = [
    # An answer whose words place it nowhere takes the question between the placed answers around it.
    (
        "Android. Det gjeld fire av mekanikarane. Måndag. Ja, det er greitt. Nei.",
        APP_BUG,
        {
            "app_platform": "android",
            "scope": "several",
            "observed_on": date(2026, 11, 2),
            "login_allowed": True,
            "personal_data": False,
        },
        set(),
    ),
    (
        "iPhone. Just me. Monday. Yes, no problem. No.",
        APP_BUG,
        {
            "app_platform": "ios",
            "scope": "one",
            "observed_on": date(2026, 11, 2),
            "login_allowed": True,
            "personal_data": False,
        },
        set(),
    ),
    (
        "Hei!\nEdge\nusikker\nhver gang\nJa, dere kan logge inn\n"
        "Det gjelder kontrakt K-2207 i kontraktsmodulen.",
        ["browser", "observed_on", "recurring", "login_allowed"],
        {
            "browser": "Edge",
            "recurring": True,
            "login_allowed": True,
            "module": "contracts",
            "record_id": "K-2207",
        },
        {"observed_on"},
    ),
    (
        "Hi\nChrome\nI don't know if anyone else has it.\nnot sure\nevery time\nThat's all from me.",
        ["browser", "scope", "observed_on", "recurring"],
        {"browser": "Chrome", "recurring": True},
        {"scope", "observed_on"},
    ),
    # "Vet ikke" and its reason: the reason may name the question, or name one another line answered.
    (
        "1. Chrome\n2. Bare meg\n3. Vet ikke, jeg har ikke lagt inn flere nye ansatte etterpå\n4. Ja\n5. Nei",
        ["browser", "scope", "recurring", "login_allowed", "personal_data"],
        {
            "browser": "Chrome",
            "scope": "one",
            "login_allowed": True,
            "personal_data": False,
        },
        {"recurring"},
    ),
    (
        "1. Edge\n2. Just me\n3. Not sure, I have not added more users since\n4. Yes\n5. No",
        ["browser", "scope", "recurring", "login_allowed", "personal_data"],
        {"browser": "Edge", "scope": "one", "login_allowed": True, "personal_data": False},
        {"recurring"},
    ),
    (
        "#1 Chrome #2 Vet ikke, det var en kollega som oppdaget det. #3 Det var én gang.",
        ["browser", "recurring", "observed_on"],
        {"browser": "Chrome", "recurring": False},
        {"observed_on"},
    ),
    # An answer given to its own question stands against a day mentioned elsewhere in the reply.
    (
        "Nettleser: Edge\nObservert: I går\nPS: Kollegaen min fikk samme feil i dag.",
        ["browser", "observed_on"],
        # the PS says a colleague has it too: several, told unasked
        {"browser": "Edge", "observed_on": date(2026, 11, 3), "scope": "several"},
        set(),
    ),
    (
        "1. Firefox\n2. Monday\nBy the way, my colleague saw it again today.",
        ["browser", "observed_on"],
        # the remark after the numbered answers says the problem came back: recurring, told unasked
        {"browser": "Firefox", "observed_on": date(2026, 11, 2), "recurring": True},
        set(),
    ),
    # How often, in the words of what fails ("with every request", "ved hver lagring").
    (
        "It happens with every request, yes you can log in.",
        ["recurring", "login_allowed"],
        {"recurring": True, "login_allowed": True},
        set(),
    ),
    ("Det feiler ved hver lagring.", ["recurring"], {"recurring": True}, set()),
    ("Yes, every single submit", ["recurring"], {"recurring": True}, set()),
    # A browser named in passing, misspelt; a module named with the record's id, unasked.
    (
        "1. Two people\n2. Yes\nWe use Firefx.",
        ["scope", "login_allowed"],
        {"scope": "several", "login_allowed": True, "browser": "Firefox"},
        set(),
    ),
    (
        "Ja.\nForresten er det ROS-analysen ROS-2026-031 det gjelder.",
        ["login_allowed"],
        {"login_allowed": True, "module": "risk", "record_id": "ROS-2026-031"},
        set(),
    ),
    (
        "Personopplysninger: ja, det gjelder sykefravær.",
        ["personal_data"],
        {"personal_data": True},
        set(),
    ),
    # A bare answer on the last lines is no signature.
    (
        "Thanks for getting back to me.\n\nFirefox\nA few of us\nYes\nSince 24 October",
        ["browser", "scope", "recurring", "observed_on"],
        {"browser": "Firefox", "scope": "several", "recurring": True, "observed_on": date(2026, 10, 24)},
        set(),
    ),
    (
        "Takk for svar.\n\nEdge\nalle\nJa\nMandag",
        ["browser", "scope", "recurring", "observed_on"],
        {"browser": "Edge", "scope": "all", "recurring": True, "observed_on": date(2026, 11, 2)},
        set(),
    ),
]


@pytest.mark.parametrize(
    ("reply", "asked", "expected", "unknown"),
    _KINDS,
    ids=[f"{i}:{r[0][:30]}" for i, r in enumerate(_KINDS)],
)
def test_answers_placed_by_their_order_and_their_words(
    reply: str, asked: list[str], expected: dict[str, Any], unknown: set[str]
) -> None:
    """Unplaced answers by their place between placed ones, "vet ikke" by what it names, a placed date
    against a passing one, how often in other words, a browser or module said in passing."""
    answer = read_answer(reply, asked=asked, sent_at=SENT)
    assert answer.fields.stated() == expected
    assert answer.unknown == frozenset(unknown)


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ("Sorry for the slow reply. It happens with every request.", {"recurring": True}),
        (
            "Beklager sent svar. Det feiler ved hver lagring.",
            {"recurring": True},
        ),
    ],
)
def test_a_reply_answers_a_question_asked_earlier(reply: str, expected: dict[str, Any]) -> None:
    """A field still open from an earlier round is taken from the reply's own words; not asked and not
    open, the same words give nothing."""
    answer = read_answer(reply, asked=["affected_users"], sent_at=SENT, still_open=["recurring"])
    assert answer.fields.stated() == expected
    assert "recurring" not in read_answer(reply, asked=["affected_users"], sent_at=SENT).fields.stated()


# (reply, asked, expected stated fields, expected unknown): kinds from the second batch of replies.
_MORE_KINDS: list[tuple[str, list[str], dict[str, Any], set[str]]] = [
    # Lines numbered without a stop, when the numbers run 1, 2, 3.
    (
        "1 ja, helseopplysninger\n2 ja\n3 nei",
        ["personal_data", "login_allowed", "recurring"],
        {"personal_data": True, "login_allowed": True, "recurring": False},
        set(),
    ),
    (
        "1 yes\n2 no\n3 yes",
        ["login_allowed", "personal_data", "recurring"],
        {"login_allowed": True, "personal_data": False, "recurring": True},
        set(),
    ),
    # Once, in other words; a correction that takes back what came first.
    ("just the once", ["recurring"], {"recurring": False}, set()),
    (
        "Happened twice. Actually scratch that, I just refreshed. So once.",
        ["recurring"],
        {"recurring": False},
        set(),
    ),
    ("Ja, to ganger. Glem det, bare én gang.", ["recurring"], {"recurring": False}, set()),
    # Only the writer, said with "I".
    (
        "We all use Chrome but only I am affected as far as I know.",
        ["browser", "scope"],
        {"browser": "Chrome", "scope": "one"},
        set(),
    ),
    (
        "Vi bruker alle Chrome, men det er bare jeg som har feilen.",
        ["browser", "scope"],
        {"browser": "Chrome", "scope": "one"},
        set(),
    ),
    # A day of the month alone: this month, or the one before when it is still to come.
    (
        "Det skjedde den 6. og har ikke skjedd igjen.",
        ["observed_on", "recurring"],
        {"observed_on": date(2026, 10, 6), "recurring": False},
        set(),
    ),
    ("First seen: around the 1st", ["observed_on"], {"observed_on": date(2026, 11, 1)}, set()),
    # "Last week" names no day.
    ("i forrige uke en gang", ["observed_on"], {}, set()),
    ("Sometime last week", ["observed_on"], {}, set()),
    # A note in parentheses after a browser or a module is no list of users.
    (
        "Nettleser: Chrome (nyeste)\nBrukere: alle",
        ["browser", "scope"],
        {"browser": "Chrome", "scope": "all"},
        set(),
    ),
    ("Browser: Edge (latest)\nUsers: all", ["browser", "scope"], {"browser": "Edge", "scope": "all"}, set()),
    (
        "Two users (akhan, b.jones)",
        ["scope"],
        {"scope": "several", "affected_users": ("akhan", "b.jones")},  # in the order written
        set(),
    ),
    # A "platform" label under the app's questions answers the app's platform.
    (
        "Versjon: aner ikke\nPlattform: aner ikke",
        ["app_version", "app_platform"],
        {},
        {"app_version", "app_platform"},
    ),
    (
        "Platform: no idea\nVersion: no idea",
        ["app_platform", "app_version"],
        {},
        {"app_version", "app_platform"},
    ),
    # A browser on a phone is the web, not the app; both platforms name none.
    ("Safari på iPhonen", ["browser"], {"browser": "Safari"}, set()),
    ("Safari on my iPhone", ["browser"], {"browser": "Safari"}, set()),
    ("begge deler, iphone og android", ["app_platform"], {}, set()),
    ("Both, Android and iPhone", ["app_platform"], {}, set()),
    # "Login is fine" names no user; "brukeren kari.n" does.
    (
        "Login allowed: yes\nLogin is fine, same as last time.",
        ["login_allowed"],
        {"login_allowed": True},
        set(),
    ),
    (
        "Pålogging: ja. Det gjelder brukeren kari.n",
        ["login_allowed", "scope"],
        {"login_allowed": True, "scope": "one", "affected_users": ("kari.n",)},
        set(),
    ),
    # A routine recurs.
    ("Hvor ofte: hver mandag når rapporten kjøres", ["recurring"], {"recurring": True}, set()),
    ("It fails every Monday when the report runs", ["recurring"], {"recurring": True}, set()),
]


@pytest.mark.parametrize(
    ("reply", "verdict"),
    [
        ("ja men hvorfor det?", True),
        ("yes, but why do you need that?", True),
        ("Nei, hva skal dere med det?", False),
    ],
)
def test_a_yes_with_a_question_is_both(reply: str, verdict: bool) -> None:
    """ "Ja, men hvorfor?" answers the login question and asks about it: both are kept."""
    answer = read_answer(reply, asked=["login_allowed"], sent_at=SENT)
    assert answer.fields.login_allowed is verdict and answer.asks_about == frozenset({"login_allowed"})


# Kinds seen in the third batch's tune half, each with wordings of our own beside it.
_THIRD_KINDS: list[tuple[str, list[str], dict[str, Any], set[str]]] = [
    # Answers lettered a), b), c) are numbered answers.
    (
        "a) alle\nb) ja\nc) nei",
        ["scope", "recurring", "login_allowed"],
        {"scope": "all", "recurring": True, "login_allowed": False},
        set(),
    ),
    ("a. Edge\nb. nei", ["browser", "personal_data"], {"browser": "Edge", "personal_data": False}, set()),
    # Bare numbers on one line, one per question asked.
    (
        "1 firefox 2 alle 3 nei",
        ["browser", "scope", "personal_data"],
        {"browser": "Firefox", "scope": "all", "personal_data": False},
        set(),
    ),
    # "All" of a part of the company is several.
    ("Alle på lageret i Drammen, ikke de andre avdelingene", ["scope"], {"scope": "several"}, set()),
    ("Everyone in the Bergen office, the other sites are fine", ["scope"], {"scope": "several"}, set()),
    (
        "Alle på avdelingen, ca 12 personer. Resten av firmaet merker ingenting.",
        ["scope"],
        {"scope": "several"},
        set(),
    ),
    ("all of the drivers at the Oslo depot", ["scope"], {"scope": "several"}, set()),
    # Everyone who uses the thing is all.
    ("Alle som bruker modulen, rundt 30 stk", ["scope"], {"scope": "all"}, set()),
    ("everybody who uses the app, about 25 people", ["scope"], {"scope": "all"}, set()),
    # The writer alone, in more words.
    (
        "Only happened once, and only to me.",
        ["recurring", "scope"],
        {"recurring": False, "scope": "one"},
        set(),
    ),
    ("only on my laptop", ["scope"], {"scope": "one"}, set()),
    ("Eg er den einaste som har det", ["scope"], {"scope": "one"}, set()),
    ("Jeg er den eneste", ["scope"], {"scope": "one"}, set()),
    ("I'm the only one with the problem", ["scope"], {"scope": "one"}, set()),
    # The writer and others are several.
    (
        "Det gjelder Per (per.h) og meg (lise.k).",
        ["scope"],
        {"scope": "several", "affected_users": ("per.h", "lise.k")},
        set(),
    ),
    ("Me and one colleague", ["scope"], {"scope": "several"}, set()),
    ("Har bare hørt det fra meg selv og en til", ["scope"], {"scope": "several"}, set()),
    # "The first time" is a one-off so far.
    ("Det er første gang", ["recurring"], {"recurring": False}, set()),
    ("This is the first time it has happened", ["recurring"], {"recurring": False}, set()),
    # A stated day of the month beats the weekday beside it; a plan is no observation.
    (
        "Det begynte tirsdag den 27., og har skjedd hver dag siden.",
        ["observed_on", "recurring"],
        {"observed_on": date(2026, 10, 27), "recurring": True},
        set(),
    ),
    (
        "Vi så det i morges. Vi har revisjon på fredag.",
        ["observed_on"],
        {"observed_on": date(2026, 11, 4)},
        set(),
    ),
    (
        "Det var 2. oktober. Vi har nytt kurs 20. november.",
        ["observed_on"],
        {"observed_on": date(2026, 10, 2)},
        set(),
    ),
    # Usernames and ids listed after a count or a colon.
    (
        "Hele lønn, 3 stk: kari.n, oddvar, p.berg",
        ["scope", "affected_users"],
        {"scope": "several", "affected_users": ("kari.n", "oddvar", "p.berg")},
        set(),
    ),
    ("Bare sjefen min, bruker-id 2207", ["scope"], {"scope": "one", "affected_users": ("2207",)}, set()),
    # Not knowing the version or the usernames ends the asking for them.
    (
        "Android. No idea which version, it updates by itself.",
        ["app_platform", "app_version"],
        {"app_platform": "android"},
        {"app_version"},
    ),
    (
        "Several, the weekend crew. I don't have their usernames.",
        ["scope", "affected_users"],
        {"scope": "several"},
        {"affected_users"},
    ),
    # "Not sure" about personal data, with a reason, is not a no.
    (
        "Personopplysninger vet jeg ikke helt, det er bilder av de ansatte på kortene.",
        ["personal_data"],
        {},
        {"personal_data"},
    ),
    # A browser named first, another in passing.
    ("Chrome (men det skjer i Firefox også)", ["browser"], {"browser": "Chrome"}, set()),
    # Answers on one line, between slashes.
    (
        "Firefox / alle / nei",
        ["browser", "scope", "personal_data"],
        {"browser": "Firefox", "scope": "all", "personal_data": False},
        set(),
    ),
    # "Don't know the version" is the version's, whatever its place.
    (
        "iPhone. Vet ikke hvilken versjon.",
        ["app_version", "app_platform"],
        {"app_platform": "ios"},
        {"app_version"},
    ),
    # A plan in the same answer as the day it was seen.
    (
        "Vi oppdaget det i går. Vi skal ha tilsyn på torsdag, så det må løses før.",
        ["observed_on"],
        {"observed_on": date(2026, 11, 3)},
        set(),
    ),
    # Those with a role, or a count out of all, are several.
    ("Everyone with the Supervisor role, about 10 people", ["scope"], {"scope": "several"}, set()),
    ("Alle med rollen avdelingsleder", ["scope"], {"scope": "several"}, set()),
    ("12 av 40 brukere", ["scope"], {"scope": "several"}, set()),
    # A named day.
    ("First time was on Halloween.", ["observed_on"], {"observed_on": date(2026, 10, 31)}, set()),
    ("Feilen kom første juledag", ["observed_on"], {"observed_on": date(2025, 12, 25)}, set()),
    # Unsure how long it has been, sure when it was first seen.
    (
        "Not sure, we first noticed it on Monday but it may be older",
        ["observed_on"],
        {"observed_on": date(2026, 11, 2)},
        set(),
    ),
    ("Usikker, men vi oppdaget det i går", ["observed_on"], {"observed_on": date(2026, 11, 3)}, set()),
    ("Not sure, maybe Monday", ["observed_on"], {}, set()),
    # Words that hold a cue inside them ("happened" holds "appen") name no question.
    (
        "Any browser.\nNo, never happened before.\nYes.\nNo.",
        ["browser", "observed_on", "recurring", "login_allowed", "personal_data"],
        {"recurring": False, "login_allowed": True, "personal_data": False},
        set(),
    ),
    ("Nei, det har aldri skjedd før", ["recurring"], {"recurring": False}, set()),
    # The office alone may be the whole company; a named one, or "not the office", is a part of it.
    ("Alle på kontoret", ["scope"], {"scope": "all"}, set()),
    ("All of the warehouse staff, not the office", ["scope"], {"scope": "several"}, set()),
    # "Nobody else" after two people does not make them one.
    (
        "Det er Jens (jens.h) og meg (marit.s). Ingen andre.",
        ["affected_users", "scope"],
        {"scope": "several", "affected_users": ("jens.h", "marit.s")},
        set(),
    ),
    ("The day before yesterday", ["observed_on"], {"observed_on": date(2026, 11, 2)}, set()),
    # Some of a group, or those on one kind of device, are several; a reply that starts with "all" is all.
    (
        "About eight of the drivers, everyone who uses a phone.",
        ["scope"],
        {"scope": "several"},
        set(),
    ),
    ("Alle sammen, vi er 9 brukere.", ["scope"], {"scope": "all"}, set()),
    ("Everyone. We are 12 users in all.", ["scope"], {"scope": "all"}, set()),
    ("tre av oss", ["scope"], {"scope": "several"}, set()),
    ("Vi er fire som har det", ["scope"], {"scope": "several"}, set()),
    # "aa" for "å".
    ("i gaar", ["observed_on"], {"observed_on": date(2026, 11, 3)}, set()),
    # Our label kept in front of the customer's own.
    (
        "Login allowed: Login: sure.\nPersonal data processed: Personal data: no",
        ["login_allowed", "personal_data"],
        {"login_allowed": True, "personal_data": False},
        set(),
    ),
]


# Kinds seen in the fourth batch's tune half, each with wordings of our own beside it.
_FOURTH_KINDS: list[tuple[str, list[str], dict[str, Any], set[str]]] = [
    # A correction on its own line replaces the numbered answer before it.
    (
        "1. Chrome\n2. alle\nRettelse: det er Firefox, ikke Chrome.",
        ["browser", "scope"],
        {"browser": "Firefox", "scope": "all"},
        set(),
    ),
    (
        "Edge. Sorry, scratch that - it's Chrome, Edge is on my home laptop.",
        ["browser"],
        {"browser": "Chrome"},
        set(),
    ),
    # A browser used before is not today's.
    ("We used to use Firefox, now everyone is on Edge.", ["browser"], {"browser": "Edge"}, set()),
    ("Vi brukte Firefox før, nå Chrome", ["browser"], {"browser": "Chrome"}, set()),
    # One verdict for every yes/no question.
    (
        "No to both.",
        ["login_allowed", "personal_data"],
        {"login_allowed": False, "personal_data": False},
        set(),
    ),
    (
        "Ja til begge",
        ["login_allowed", "personal_data"],
        {"login_allowed": True, "personal_data": True},
        set(),
    ),
    # ... also after an acknowledgement that is no verdict ("OK" once read as a yes to login)
    (
        "OK then - no to both. Just tell me where the setting is.",
        ["login_allowed", "personal_data"],
        {"login_allowed": False, "personal_data": False},
        set(),
    ),
    (
        "Ok, nei til begge.",
        ["login_allowed", "personal_data"],
        {"login_allowed": False, "personal_data": False},
        set(),
    ),
    (
        "Greit, ja til begge.",
        ["login_allowed", "personal_data"],
        {"login_allowed": True, "personal_data": True},
        set(),
    ),
    # "Not a one-off" recurs; a bare "first time" does not; "always" with a typo recurs.
    ("Monday and Wednesday, so not a one-off.", ["recurring"], {"recurring": True}, set()),
    ("Det er ikke et engangstilfelle", ["recurring"], {"recurring": True}, set()),
    ("First time.", ["recurring"], {"recurring": False}, set()),
    ("it happen allways", ["recurring"], {"recurring": True}, set()),
    # Two guesses are no answer.
    ("Torsdag, eller kanskje fredag", ["observed_on"], {}, set()),
    # The others being fine is not "all".
    (
        "Just two of us - k.lie and p.moe. Everyone else in the office is fine.",
        ["scope", "affected_users"],
        {"scope": "several", "affected_users": ("k.lie", "p.moe")},
        set(),
    ),
    # "All" of a part, with "but not" and no comma.
    ("alle på verkstedet (ca 10) men ikke kontoret", ["scope"], {"scope": "several"}, set()),
    ("Alle sammen her, 30 brukere", ["scope"], {"scope": "all"}, set()),
    # Labelled lists of users and of user ids.
    (
        "Usernames are: aberg, cdahl, and maybe also e.foss but I'm not sure",
        ["affected_users"],
        {"scope": "several", "affected_users": ("aberg", "cdahl")},
        set(),
    ),
    (
        "Bruker-id: 2201, 2202 og 2210",
        ["affected_users"],
        {"scope": "several", "affected_users": ("2201", "2202", "2210")},
        set(),
    ),
    (
        "kari.n og oddvar",
        ["affected_users"],
        {"scope": "several", "affected_users": ("kari.n", "oddvar")},
        set(),
    ),
    # Once and no more, in more words; a routine beside the day it was seen; a week before its weekday; a
    # second possibility after the day; a browser of an earlier try.
    (
        "It happened just the once, on Monday, and it hasn't come back.",
        ["recurring"],
        {"recurring": False, "observed_on": date(2026, 11, 2)},
        set(),
    ),
    (
        "Vi har vernerunde hver mandag, og det var på den vi så feilen, altså sist mandag.",
        ["observed_on"],
        {"observed_on": date(2026, 11, 2)},
        set(),
    ),
    (
        "We run the audit every Tuesday; the error showed up in yesterday's run.",
        ["observed_on"],
        {"observed_on": date(2026, 11, 3)},
        set(),
    ),
    ("Det skjedde i forrige uke tirsdag.", ["observed_on"], {"observed_on": date(2026, 10, 27)}, set()),
    ("Fredag tror jeg, men det kan ha vært torsdag.", ["observed_on"], {}, set()),
    ("Edge på jobb. Prøvde Firefox en gang tidligere, men ikke nå.", ["browser"], {"browser": "Edge"}, set()),
    ("1. Edge. Before we had Chrome but now it's Edge.", ["browser", "scope"], {"browser": "Edge"}, set()),
    # every browser a reply names, as staff would note them (asking again for one would ask what was answered)
    (
        "Alle sammen, som jeg skrev: Firefox, Edge og Safari.",
        ["browser"],
        {"browser": "Firefox, Edge, Safari"},
        set(),
    ),
    # a yes to both with a reason after it; "can't do it without logging in" needs a login, it refuses none
    (
        "Yes to both, of course - you can't fix it without logging in, and it's about Tom's user.",
        ["login_allowed", "personal_data"],
        {"login_allowed": True, "personal_data": True},
        set(),
    ),
    # "not sure why" asks why; the "no" after it answers
    (
        "Not sure why you need to log in to send us a quote, so no thanks.",
        ["login_allowed"],
        {"login_allowed": False},
        set(),
    ),
    # a phone named and its version not known, to "where does it happen?"
    ("Samsung-telefon, vet ikke versjonen.", ["browser"], {"app_platform": "android"}, {"app_version"}),
    ("Skrev jo at jeg ikke vet versjonen.", ["app_version"], {}, {"app_version"}),
    # everyone in a group but the writer is several ("alle sjåførene unntatt meg", typed without æøå too)
    ("alle sjaforene unntatt meg", ["scope"], {"scope": "several"}, set()),
    ("All the nurses except me.", ["scope"], {"scope": "several"}, set()),
    # "So no for now" beside a check with someone else is a no; the answer said as one after an "ok"; a
    # colleague who does not have it; a dialect's "vet itj".
    ("Må sjekke med IT-sjefen først, så nei foreløpig.", ["login_allowed"], {"login_allowed": False}, set()),
    (
        "Ok, so the answer is no, there are no names in it.",
        ["personal_data"],
        {"personal_data": False},
        set(),
    ),
    ("Only me, my colleague has no problem with it.", ["scope"], {"scope": "one"}, set()),
    ("Vet itj hvilke brukernavn de har.", ["affected_users"], {}, {"affected_users"}),
    # After a hostile review of the rows above: none of them reaches further than its kind.
    (
        "It worked fine last week, Monday this week it broke",
        ["observed_on"],
        {"observed_on": date(2026, 11, 2)},
        set(),
    ),
    (
        "Ja, hver dag. Teknikeren deres har ikke kommet tilbake til meg.",
        ["recurring"],
        {"recurring": True},
        set(),
    ),
    (
        "I går, men det kan ha vært nettverket vårt som var tregt",
        ["observed_on"],
        {"observed_on": date(2026, 11, 3)},
        set(),
    ),
    ("No idea, I'll have to ask my manager", ["login_allowed"], {}, {"login_allowed"}),
    ("Har itte funnet den, beklager.", ["app_version"], {}, {"app_version"}),
    # a value beside "not found" is the answer; a yes stays a yes beside a practical detail
    (
        "Har ikke funnet det i menyen, men det står 4.12.1 på oppstartsbildet.",
        ["app_version"],
        {"app_version": "4.12.1"},
        set(),
    ),
    (
        "Yes, let me check with Tom which account you should use.",
        ["login_allowed"],
        {"login_allowed": True},
        set(),
    ),
    (
        "Ja, logg inn. Vent, jeg skal sjekke versjonen: 4.8.2.",
        ["login_allowed", "app_version"],
        {"login_allowed": True, "app_version": "4.8.2"},
        set(),
    ),
    # a yes taken back to ask someone first is no yes; the other answers stand
    ("Sure. Let me check with my manager first.", ["login_allowed"], {}, {"login_allowed"}),
    ("Ja. Jeg må høre med IT-sjefen først.", ["login_allowed"], {}, {"login_allowed"}),
    ("Yes. I'll ask Per to send you the password.", ["login_allowed"], {"login_allowed": True}, set()),
    (
        "Ja, bare logg inn. Nei vent, jeg må høre med IT-sjefen først.",
        ["login_allowed"],
        {},
        {"login_allowed"},
    ),
    (
        "1. Firefox 2. Sure. Hold on, let me check with our security officer first.",
        ["browser", "login_allowed"],
        {"browser": "Firefox"},
        {"login_allowed"},
    ),
    ("Hver mandag, jeg ringte dere om det på fredag", ["observed_on"], {}, set()),
    # Login on a condition is neither yes nor no.
    ("Please don't log in before you call me.", ["login_allowed"], {}, set()),
    ("Ikke logg inn før dere har ringt meg", ["login_allowed"], {}, set()),
    ("Ja, men ring meg før dere logger inn", ["login_allowed"], {}, set()),
    ("My manager doesn't want you to log in before he has talked to you.", ["login_allowed"], {}, set()),
    # ... unless a plain no stands beside the condition
    (
        "Nei. IT-sjefen vil ikke at dere logger inn før han har snakket med dere.",
        ["login_allowed"],
        {"login_allowed": False},
        set(),
    ),
    (
        "IT-sjefen vil ikke at dere logger inn før han har snakket med dere. Så nei.",
        ["login_allowed"],
        {"login_allowed": False},
        set(),
    ),
    ("IT-sjefen vil ikke at dere logger inn.", ["login_allowed"], {"login_allowed": False}, set()),
    ("Login OK", ["login_allowed"], {"login_allowed": True}, set()),
    # A day named beside "before the audit" is a plan; "i forrigårs" is a typo of the day before yesterday.
    ("Vi må ha det klart før revisjonen 20. november.", ["observed_on"], {}, set()),
    ("i forrigårs", ["observed_on"], {"observed_on": date(2026, 11, 2)}, set()),
    # A date ending a sentence ("October 28.") does not swallow the next one.
    (
        "October 28. Every time she logs in. Sure. No.\nCorrection: it's Edge, not Chrome - sorry!",
        ["observed_on", "recurring", "login_allowed", "personal_data"],
        {
            "observed_on": date(2026, 10, 28),
            "recurring": True,
            "login_allowed": True,
            "personal_data": False,
            "browser": "Edge",
        },
        set(),
    ),
    # A guess at how many does not make "several" a guess; a guess at the category does.
    ("Several, maybe 6 case handlers", ["scope"], {"scope": "several"}, set()),
    ("Flere, kanskje fem stykker", ["scope"], {"scope": "several"}, set()),
    ("Kanskje alle, usikker", ["scope"], {}, set()),
    # A word that leads the message is nobody's name.
    ("Update - one more of the drivers can't see it now.", ["affected_users"], {}, set()),
]


_FIFTH_KINDS: list[tuple[str, list[str], dict[str, Any], set[str]]] = [
    # Not knowing one thing in one clause leaves the others to read.
    (
        "Husker ikke datoen, men det skjer stadig vekk",
        ["observed_on", "recurring"],
        {"recurring": True},
        {"observed_on"},
    ),
    (
        "no clue which version, but it's an iPhone 13",
        ["app_platform", "app_version"],
        {"app_platform": "ios"},
        {"app_version"},
    ),
    (
        "He told me about it today, but I don't know when it started",
        ["observed_on"],
        {},
        {"observed_on"},
    ),
    # "I think" alone softens a value; "maybe" or a reason to doubt it does not give one.
    ("Chrome 130 tror jeg", ["browser"], {"browser": "Chrome 130"}, set()),
    ("It's only me I think, haven't asked the rest", ["scope"], {}, set()),
    # It happened again: it recurs; it has not happened again: once. The day in its own clause is kept.
    (
        "Fredag. Og nå har det skjedd igjen",
        ["observed_on", "recurring"],
        {"observed_on": date(2026, 10, 30), "recurring": True},
        set(),
    ),
    (
        "Tuesday, and it happened again this morning",
        ["observed_on", "recurring"],
        {"observed_on": date(2026, 11, 3), "recurring": True},
        set(),
    ),
    ("It hasn't happened again since", ["recurring"], {"recurring": False}, set()),
    # Logins after "the usernames are", "for example", or alone before a remark.
    (
        "Brukernavna er siv.a, hrolf og BENTE",
        ["affected_users"],
        {"scope": "several", "affected_users": ("siv.a", "hrolf", "bente")},
        set(),
    ),
    (
        "Hele kveldsskiftet, f.eks. tove.l og arnfinn",
        ["scope", "affected_users"],
        {"scope": "several", "affected_users": ("tove.l", "arnfinn")},
        set(),
    ),
    (
        "pkvist, lhovde - nobody else",
        ["affected_users"],
        {"scope": "several", "affected_users": ("pkvist", "lhovde")},
        set(),
    ),
    ("The user is 'mjo'", ["affected_users"], {"affected_users": ("mjo",)}, set()),
    # The whole of a part of the company is several; a possessive count is several; "only one" is one.
    ("the entire day shift", ["scope"], {"scope": "several"}, set()),
    ("Heile driftsavdelinga", ["scope"], {"scope": "several"}, set()),
    ("Just our three planners", ["scope"], {"scope": "several"}, set()),
    ("Bare én: evaage", ["scope"], {"scope": "one", "affected_users": ("evaage",)}, set()),
    # Dialect pronouns, "går fint", colloquial permission and a verdict given last.
    ("Dykk kan logge inn", ["login_allowed"], {"login_allowed": True}, set()),
    ("Pålogging går bra", ["login_allowed"], {"login_allowed": True}, set()),
    ("yep, go for it", ["login_allowed"], {"login_allowed": True}, set()),
    (
        "Vi har strenge regler for tilgang utenfra, så nei.",
        ["login_allowed"],
        {"login_allowed": False},
        set(),
    ),
    # A date before a comma is a date.
    (
        "så det første gang 12.10, ikke siden",
        ["observed_on", "recurring"],
        {"observed_on": date(2026, 10, 12), "recurring": False},
        set(),
    ),
    # Asked which phone, a brand is the platform; the browser of that name is still a browser.
    ("Telefonen er en Samsung, tror jeg den er ny", ["app_platform"], {"app_platform": "android"}, set()),
    (
        "On my iPad, no idea about the version",
        ["app_platform", "app_version"],
        {"app_platform": "ios"},
        {"app_version"},
    ),
    ("Samsung Internet", ["browser"], {"browser": "Samsung Internet"}, set()),
    # An "og" that starts a new clause joins no one to the writer.
    (
        "Kun meg og skjer hver gang jeg lagrer",
        ["scope", "recurring"],
        {"scope": "one", "recurring": True},
        set(),
    ),
    ("meg og vaktmesteren", ["scope"], {"scope": "several"}, set()),
    # Lettered answers on one line.
    (
        "a) just me b) no c) yes",
        ["scope", "login_allowed", "personal_data"],
        {"scope": "one", "login_allowed": False, "personal_data": True},
        set(),
    ),
    ("A) alle B) nei", ["scope", "recurring"], {"scope": "all", "recurring": False}, set()),
    # One login alone answers "which users" among other questions; a version or a host is no login. The
    # list after "for example" is the logins.
    ("t.hauge", ["affected_users", "scope"], {"affected_users": ("t.hauge",), "scope": "one"}, set()),
    ("v6.1", ["app_version", "affected_users"], {"app_version": "6.1"}, set()),
    (
        "Brukere: t.d. siri.n og omar",
        ["affected_users"],
        {"scope": "several", "affected_users": ("siri.n", "omar")},
        set(),
    ),
    # A browser named alone at the start answers; one said to work fine does not.
    ("Firefox. (Edge is fine by the way.)", ["browser"], {"browser": "Firefox"}, set()),
]


_SIXTH_KINDS: list[tuple[str, list[str], dict[str, Any], set[str]]] = [
    # Logins answering "which users" say who, and two of them are several, never one.
    (
        "ane.s, tor.b og liv",
        ["affected_users"],
        {"scope": "several", "affected_users": ("ane.s", "tor.b", "liv")},
        set(),
    ),
    # two or more users named answer "which users" and say again that several are affected
    ("bkarl and j.ng", ["affected_users"], {"scope": "several", "affected_users": ("bkarl", "j.ng")}, set()),
    (
        "Det skjer hver gang. Brukernavn: siv.m",
        ["recurring", "affected_users"],
        {"recurring": True, "affected_users": ("siv.m",)},
        set(),
    ),
    (
        "olav.r og pia - ingen andre",
        ["affected_users", "scope"],
        {"affected_users": ("olav.r", "pia"), "scope": "several"},
        set(),
    ),
    # Everyone, counted, is all; the whole company or office is all; a part summed up as all is all.
    ("Alle 25 ansatte hos oss", ["scope"], {"scope": "all"}, set()),
    ("All 60 of us, the whole staff.", ["scope"], {"scope": "all"}, set()),
    ("det gjeld heile firmaet", ["scope"], {"scope": "all"}, set()),
    ("The entire office has it", ["scope"], {"scope": "all"}, set()),
    ("Dag- og kveldsvakta, altså alle mann", ["scope"], {"scope": "all"}, set()),
    ("Both depots, i.e. everyone", ["scope"], {"scope": "all"}, set()),
    ("everyone, i.e. all of us", ["scope"], {"scope": "all"}, set()),
    ("all 4 of the electricians", ["scope"], {"scope": "several"}, set()),
    # Permission to log in in so many words.
    ("You are hereby authorised to access the system.", ["login_allowed"], {"login_allowed": True}, set()),
    ("You may certainly log in.", ["login_allowed"], {"login_allowed": True}, set()),
    ("You are not allowed to access it", ["login_allowed"], {"login_allowed": False}, set()),
    ("Dere har lov til å logge inn.", ["login_allowed"], {"login_allowed": True}, set()),
    ("Tilgang er innvilget.", ["login_allowed"], {"login_allowed": True}, set()),
    # A browser used at home is not where the problem is.
    ("Edge at work, Firefox at home; it fails at work", ["browser"], {"browser": "Edge"}, set()),
    ("Chrome hjemme, men Safari på jobbmaskina", ["browser"], {"browser": "Safari"}, set()),
    # A plain answer, then a labelled one, on one line.
    (
        "fint med pålogging. Personopplysninger: ja",
        ["login_allowed", "personal_data"],
        {"login_allowed": True, "personal_data": True},
        set(),
    ),
    # One sentence of short answers, one per question, in order; two parts only as two bare verdicts.
    (
        "Tuesday, only me, no",
        ["observed_on", "scope", "recurring"],
        {"observed_on": date(2026, 11, 3), "scope": "one", "recurring": False},
        set(),
    ),
    (
        "Jeg svarte jo på dette. I GÅR, BARE MEG, EN GANG.",
        ["observed_on", "scope", "recurring"],
        {"observed_on": date(2026, 11, 3), "scope": "one", "recurring": False},
        set(),
    ),
    (
        "no and yes",
        ["login_allowed", "personal_data"],
        {"login_allowed": False, "personal_data": True},
        set(),
    ),
    ("Yes, every time", ["recurring", "login_allowed"], {"recurring": True}, set()),
    ("once", ["recurring"], {"recurring": False}, set()),
    # Numbers that share one answer, and answers out of order after a full stop.
    (
        "1 og 3: nei. 2: hver gang",
        ["login_allowed", "recurring", "personal_data"],
        {"login_allowed": False, "recurring": True, "personal_data": False},
        set(),
    ),
    (
        "2 and 3) yes. 1) just me",
        ["scope", "login_allowed", "personal_data"],
        {"scope": "one", "login_allowed": True, "personal_data": True},
        set(),
    ),
    ("2 og 3 brukere", ["scope"], {"scope": "several"}, set()),
    # What follows a labelled list of users is read as an answer of its own.
    (
        "Brukere: a.berg, k.li. Bare de to.",
        ["affected_users", "scope"],
        {"affected_users": ("a.berg", "k.li"), "scope": "several"},
        set(),
    ),
    (
        "Usernames: hpaul, r.dias. It started yesterday.",
        ["affected_users", "observed_on"],
        {"scope": "several", "affected_users": ("hpaul", "r.dias"), "observed_on": date(2026, 11, 3)},
        set(),
    ),
    ("just the two of us", ["scope"], {"scope": "several"}, set()),
    # Only someone else can allow a login: not known. Not finding the version, beside asking where it is,
    # is not knowing it; asking where it is, alone, only asks.
    ("Det må jeg høre med daglig leder først", ["login_allowed"], {}, {"login_allowed"}),
    ("I'll have to clear it with our IT manager", ["login_allowed"], {}, {"login_allowed"}),
    (
        "iPhone. Can't find the version anywhere, where is it?",
        ["app_platform", "app_version"],
        {"app_platform": "ios"},
        {"app_version"},
    ),
    ("Fann ikkje versjonen, kor står den?", ["app_version"], {}, {"app_version"}),
    ("Hvor ser jeg versjonen?", ["app_version"], {}, set()),
    ("null peiling", ["app_version"], {}, {"app_version"}),
    # Swedish and Danish words in Norwegian replies.
    (
        "1. alla 2. varje gång 3. nej",
        ["scope", "recurring", "personal_data"],
        {"scope": "all", "recurring": True, "personal_data": False},
        set(),
    ),
    ("alla på lagret, inte kontoret", ["scope"], {"scope": "several"}, set()),
    # All who have one role are some of the users.
    ("Det gjelder alle prosjektlederne, vi er fem", ["scope"], {"scope": "several"}, set()),
    ("all the shift supervisors", ["scope"], {"scope": "several"}, set()),
    ("Det gjelder alle brukerne", ["scope"], {"scope": "all"}, set()),
    # More ways to give permission; "whenever" says when staff may log in, not that it recurs.
    ("You're permitted to log in whenever", ["login_allowed"], {"login_allowed": True}, set()),
    ("We permit you to access it.", ["login_allowed"], {"login_allowed": True}, set()),
    ("Vi gir dere tilgang.", ["login_allowed"], {"login_allowed": True}, set()),
    # A range or a group of numbers shares its answer, up to the next number; a browser after "hjemme:".
    (
        "1-2: yes 3: no",
        ["login_allowed", "recurring", "personal_data"],
        {"login_allowed": True, "recurring": True, "personal_data": False},
        set(),
    ),
    ("Jobb: Firefox. Hjemme: Edge.", ["browser"], {"browser": "Firefox"}, set()),
    ("At home I use Safari, at work Chrome", ["browser"], {"browser": "Chrome"}, set()),
    ("every one of our 18 users", ["scope"], {"scope": "all"}, set()),
    # Labelled answers parted by commas.
    (
        "Login: yes, personal data: no",
        ["login_allowed", "personal_data"],
        {"login_allowed": True, "personal_data": False},
        set(),
    ),
    # Words that look like answers and are not: a word after "the user is", a courtesy before a yes,
    # "and again" as "once more", a login that works for the customer, access granted to their own people.
    ("The user is blocked.", ["affected_users"], {}, set()),
    ("Brukernavnet mitt er tnilsen.", ["affected_users"], {"affected_users": ("tnilsen",)}, set()),
    (
        "For example hnygaard and psolberg.",
        ["affected_users"],
        {"scope": "several", "affected_users": ("hnygaard", "psolberg")},
        set(),
    ),
    ("Such as documents and checklists.", ["affected_users"], {}, set()),
    ("No worries, go right ahead.", ["login_allowed"], {"login_allowed": True}, set()),
    ("Ikke noe problem.", ["login_allowed"], {"login_allowed": True}, set()),
    ("Hei, takk for raskt svar, nei.", ["personal_data", "login_allowed"], {}, set()),
    ("Yes. And again, thanks for the quick help.", ["login_allowed"], {"login_allowed": True}, set()),
    ("Innlogging går fint nå, det er lagringen som feiler.", ["login_allowed"], {}, set()),
    ("Access is granted to our own staff only, not to suppliers.", ["login_allowed"], {}, set()),
]


# Kinds the seventh batch's tune half showed, in wordings of our own.
_SEVENTH_KINDS: list[tuple[str, list[str], dict[str, Any], set[str]]] = [
    # the customer changes their mind within the reply: the later word wins
    (
        "Nei, helst ikke. Forresten, jo, det er greit at dere logger inn.",
        ["login_allowed"],
        {"login_allowed": True},
        set(),
    ),
    ("No. On second thought, yes, go ahead and log in.", ["login_allowed"], {"login_allowed": True}, set()),
    # consent in more everyday forms; "aye" is a yes
    (
        "Just me I reckon, and by all means log in.",
        ["scope", "login_allowed"],
        {"scope": "one", "login_allowed": True},
        set(),
    ),
    ("Yes please log in and have a look.", ["login_allowed"], {"login_allowed": True}, set()),
    ("firefox. aye", ["browser", "login_allowed"], {"browser": "Firefox", "login_allowed": True}, set()),
    ("Aye, there's personal data in the notes.", ["personal_data"], {"personal_data": True}, set()),
    ("Det er personopplysninger i vedlegget, ja.", ["personal_data"], {"personal_data": True}, set()),
    # a label and a spaced dash; "login id" labels a user, not login consent
    (
        "Browser - Edge 131\nLogin - yes",
        ["browser", "login_allowed"],
        {"browser": "Edge 131", "login_allowed": True},
        set(),
    ),
    ("Alle - hele lageret", ["scope"], {"scope": "several"}, set()),
    (
        "Just one user - login id: mwong@harbour.example",
        ["affected_users", "scope"],
        {"scope": "one", "affected_users": ("mwong@harbour.example",)},
        set(),
    ),
    # dialect: "bare æ", "heile tida"
    ("Det e bare æ som får feilen.", ["scope"], {"scope": "one"}, set()),
    ("Det skjer heile tida.", ["recurring"], {"recurring": True}, set()),
    # an app version after the platform's name; an operating system's own version is no app version
    (
        "Android 6.12.0",
        ["app_platform", "app_version"],
        {"app_platform": "android", "app_version": "6.12.0"},
        set(),
    ),
    ("Android 6.0.1 on an old scanner", ["app_platform", "app_version"], {"app_platform": "android"}, set()),
    ("Android 14", ["app_platform", "app_version"], {"app_platform": "android"}, set()),
    # the platform is known, the version is not (and someone else must be asked)
    (
        "An Android phone, but I don't know the version, I'll have to ask our IT guy.",
        ["app_platform", "app_version"],
        {"app_platform": "android"},
        {"app_version"},
    ),
    # asked whether something counts as personal data, then a description: no verdict
    (
        "Do customer numbers count as personal data? The export has customer numbers but no names.",
        ["personal_data"],
        {},
        set(),
    ),
    # whose data it is says nothing of who is affected
    ("Ja, det står personnummer på noen av de ansatte.", ["personal_data"], {"personal_data": True}, set()),
    # a list of logins after a colon, some without a dot
    (
        "Det gjelder tre av oss: anne.b, kjb og t.moe. Det begynte i går.",
        ["scope", "affected_users", "observed_on"],
        {"scope": "several", "affected_users": ("anne.b", "kjb", "t.moe"), "observed_on": date(2026, 11, 3)},
        set(),
    ),
    ("Gjelder disse: rapporter og sjekklister.", ["scope"], {}, set()),
    # all but some is several; "except" is no login
    ("All users except admins", ["scope"], {"scope": "several"}, set()),
    ("alle unntatt de to på lageret", ["scope"], {"scope": "several"}, set()),
    # a visit to come is no day the problem was seen
    ("Forresten, revisoren kommer på fredag, så det haster.", ["observed_on"], {"priority": "high"}, set()),
    # from a hostile review of these kinds: what they must not read
    ("It says 'Session expired, please log in again' and nothing more.", ["login_allowed"], {}, set()),
    ("Aye right, as if. No logging in.", ["login_allowed"], {"login_allowed": False}, set()),
    ("If there's personal data in the logs, please tell us.", ["personal_data"], {}, set()),
    (
        "Access - none of us can open the reports since the update.",
        ["login_allowed"],
        {"scope": "all"},
        set(),
    ),
    (
        "Hvorfor spør dere om det? Ja, det er personnummer i fila.",
        ["personal_data"],
        {"personal_data": True},
        set(),
    ),
    ("Det gjelder rommene: 2.01, 2.02 og 3.10", ["affected_users"], {}, set()),
    ("Nei, den har virka fint hele tida før dette.", ["recurring"], {"recurring": False}, set()),
    # not finding the version is not knowing it
    ("finner ikke versjonen", ["app_version"], {}, {"app_version"}),
    (
        "Android, but I can't find the version anywhere.",
        ["app_platform", "app_version"],
        {"app_platform": "android"},
        {"app_version"},
    ),
    # a standstill is critical
    (
        "1) alle\n2) ja\nVi står helt!",
        ["scope", "recurring"],
        {"scope": "all", "recurring": True, "priority": "critical"},
        set(),
    ),
]


# Kinds seen by people trying casebot as customers, with wordings of our own beside them.
_TRIAL_KINDS: list[tuple[str, list[str], dict[str, Any], set[str]]] = [
    # a no said again, after a question back, to a question by its subject; a limited yes is for staff
    ("As I said - no.", ["login_allowed"], {"login_allowed": False}, set()),
    ("Som sagt: nei.", ["login_allowed"], {"login_allowed": False}, set()),
    (
        "Kvifor må de logge inn for å endre ein avtale? Det ser eg ikkje behovet for, så nei.",
        ["login_allowed", "personal_data"],
        {"login_allowed": False},
        set(),
    ),
    (
        "Dere trenger vel ikke det for et passordbytte? Og nei til personopplysninger.",
        ["login_allowed", "personal_data"],
        {"personal_data": False},
        set(),
    ),
    (
        "De får ikkje logge inn. Personopplysningar: nei.",
        LOGIN_PERSONAL,
        {"login_allowed": False, "personal_data": False},
        set(),
    ),
    ("Alle nye ansatte, de får ikke logget inn.", ["scope"], {"scope": "all"}, set()),
    ("Ja, men bare i dag. Ingen personopplysninger.", LOGIN_PERSONAL, {"personal_data": False}, set()),
    ("Yes, but only until Friday.", ["login_allowed"], {}, set()),
    # symptoms in nynorsk are no refusal; a question's verdict only when it is bare; a limit is on login only
    ("Ja. Me får ikkje logge oss inn.", ["login_allowed"], {"login_allowed": True}, set()),
    ("Alle, de får ikkje logge inn.", ["scope"], {"scope": "all"}, set()),
    (
        "Ja, men merk at de får ikkje logge inn med BankID lenger.",
        ["login_allowed"],
        {"login_allowed": True},
        set(),
    ),
    ("Hva? Nei altså, det går fint.", ["login_allowed"], {}, set()),
    ("Som sagt: nei til oppdatering, men ja, logg inn.", ["login_allowed"], {}, set()),
    ("Everyone. When we click yes to the login prompt it hangs.", ["scope"], {"scope": "all"}, set()),
    ("Ja, de kan bruke testbrukaren no til innlogginga.", ["login_allowed"], {"login_allowed": True}, set()),
    (
        "1) 3. november 2) ja, men bare i dag",
        ["observed_on", "login_allowed"],
        {"observed_on": date(2026, 11, 3)},
        set(),
    ),
    ("Alle. Fra og med mandag.", ["scope"], {"scope": "all", "observed_on": date(2026, 11, 2)}, set()),
    ("Ja, men bare fram til fredag.", ["login_allowed"], {}, set()),
    # a third review: a limit only as an answer's opening; a time inside a symptom is no limit
    (
        "Det fungerte fint fram til fredag, nå feiler det",
        ["observed_on"],
        {"observed_on": date(2026, 10, 30)},
        set(),
    ),
    ("Ja. Sure, just today I noticed it again", ["login_allowed"], {"login_allowed": True}, set()),
    (
        "Nei til personopplysninger i loggen, men rapporten har navn på ansatte.",
        ["personal_data"],
        {"personal_data": True},
        set(),
    ),
    # batch 10: a bare two-part version, an American month first, "sia", questions by their order, "til"
    ("5.12", ["app_version"], {"app_version": "5.12"}, set()),
    ("Browser: Not applicable, issue is in app only", ["browser"], {}, set()),
    ("Too many to write, all have username like lier01, lier02 and so on", ["affected_users"], {}, set()),
    # a second review: ordinals only in a sentence of ordinal verdicts; nynorsk "no" only before an event verb
    (
        "Chrome. Yes to the first one, no to the second.",
        ["browser", "login_allowed", "personal_data"],
        {"browser": "Chrome", "login_allowed": True, "personal_data": False},
        set(),
    ),
    ("Ja på andre pcer også", ["recurring", "login_allowed"], {}, set()),
    (
        "Brukeren svarte ja til den første dialogboksen og nei til den andre. Dere kan ikke logge inn.",
        LOGIN_PERSONAL,
        {"login_allowed": False},
        set(),
    ),
    ("No e-mail addresses or names in there.", ["personal_data"], {"personal_data": False}, set()),
    (
        "Nei til personopplysninger, ja til pålogging.",
        LOGIN_PERSONAL,
        {"login_allowed": True, "personal_data": False},
        set(),
    ),
    (
        "Ja til pålogging og nei til personopplysningar.",
        LOGIN_PERSONAL,
        {"login_allowed": True, "personal_data": False},
        set(),
    ),
    (
        "Vet ikke hva dere mener med pålogging, men nei, dere får ikke logge inn.",
        ["login_allowed"],
        {"login_allowed": False},
        set(),
    ),
    (
        "kari.n, ola.b\nnei\nNo har det skjedd på nattevakta òg.",
        ["affected_users", "login_allowed"],
        {"affected_users": ("kari.n", "ola.b"), "scope": "several", "login_allowed": False},
        set(),
    ),
    ("Since 3/20.", ["observed_on"], {"observed_on": date(2026, 3, 20)}, set()),
    (
        "Det har skjedd hver dag sia mandag",
        ["recurring", "observed_on"],
        {"recurring": True, "observed_on": date(2026, 11, 2)},
        set(),
    ),
    (
        "Yes to the first one, no to the second.",
        LOGIN_PERSONAL,
        {"login_allowed": True, "personal_data": False},
        set(),
    ),
    (
        "Ja til det første, nei til det andre.",
        LOGIN_PERSONAL,
        {"login_allowed": True, "personal_data": False},
        set(),
    ),
    (
        "Firefox. And please hurry, we are stuck.",
        ["browser"],
        {"browser": "Firefox", "priority": "high"},
        set(),
    ),
    (
        "Det er brukeren til Kari, ho heter kari.n i systemet. Bare ho.",
        ["affected_users"],
        {"affected_users": ("kari.n",), "scope": "one"},
        set(),
    ),
    # a date beside other answers is no day the problem was seen
    ("Ja takk, og set av 3 plassar 14. mars.", ["login_allowed"], {"login_allowed": True}, set()),
    (
        "Yes. We first noticed it on 2 November.",
        ["login_allowed", "observed_on"],
        {"login_allowed": True, "observed_on": date(2026, 11, 2)},
        set(),
    ),
    # a later "also" adds a browser; every browser is an answer, not a reason to ask again
    ("Chrome, nyeste versjon tror jeg. Også Edge.", ["browser"], {"browser": "Chrome, Edge"}, set()),
    ("Edge 131. Happens in Firefox too.", ["browser"], {"browser": "Edge 131, Firefox"}, set()),
    ("Chrome. Sorry, I mean Edge.", ["browser"], {"browser": "Edge"}, set()),
    ("It happens in all browsers.", ["browser"], {"browser": "all browsers"}, set()),
    ("Det skjer i alle nettlesere vi har prøvd.", ["browser"], {"browser": "alle nettlesere"}, set()),
    ("Spelar inga rolle kva nettlesar.", ["browser"], {"browser": "alle nettlesere"}, set()),
    ("Doesn't matter which browser, same everywhere.", ["browser"], {"browser": "all browsers"}, set()),
    ("Not in all browsers, only in Safari.", ["browser"], {"browser": "Safari"}, set()),
    ("Does it happen in all browsers? I only use Edge.", ["browser"], {"browser": "Edge"}, set()),
    # the whole site: the browser does not matter, it is down all along; "no login needed" is a no
    (
        "The whole site! Browser doesn't matter, it has been down continuously since 7.",
        ["browser", "recurring"],
        {"browser": "all browsers", "recurring": True, "scope": "all"},
        set(),
    ),
    (
        "Every browser. Every time.",
        ["browser", "recurring"],
        {"browser": "all browsers", "recurring": True},
        set(),
    ),
    ("Nettleseren spiller ingen rolle.", ["browser"], {"browser": "alle nettlesere"}, set()),
    ("I told you - all browsers!", ["browser"], {"browser": "all browsers"}, set()),
    ("We updated all browsers last week, still Edge 131.", ["browser"], {"browser": "Edge 131"}, set()),
    # from a hostile review: the browser named stands; one said to work, or not tried, is not added
    ("Edge. Browser doesn't matter much to us, but IT decides.", ["browser"], {"browser": "Edge"}, set()),
    (
        "We only use Chrome. Every browser update breaks something, though.",
        ["browser"],
        {"browser": "Chrome"},
        set(),
    ),
    ("Chrome. Også Edge, der virker det.", ["browser"], {"browser": "Chrome"}, set()),
    ("Chrome. Also Edge? Haven't tried.", ["browser"], {"browser": "Chrome"}, set()),
    (
        "Nothing personal in it, except the names of the injured.",
        ["personal_data"],
        {"personal_data": True},
        set(),
    ),
    ("3. november, ikke tidligere.", ["observed_on"], {"observed_on": date(2026, 11, 3)}, set()),
    ("no login needed, it's just an order", ["login_allowed"], {"login_allowed": False}, set()),
    ("Ingen pålogging nødvendig.", ["login_allowed"], {"login_allowed": False}, set()),
]


# Kinds seen in the ninth batch's tune half, each with wordings of our own.
_NINTH_KINDS: list[tuple[str, list[str], dict[str, Any], set[str]]] = [
    # logins with a hyphen; "f.eks"/"feks" before a list; "all of the three" is a count, not everyone
    (
        "Brukernavnene er t.berg, k.lie og lager-nord.",
        ["affected_users"],
        {"affected_users": ("t.berg", "k.lie", "lager-nord"), "scope": "several"},
        set(),
    ),
    (
        "feks ola.h, kari.b og k-vik",
        ["affected_users"],
        {"affected_users": ("ola.h", "kari.b", "k-vik"), "scope": "several"},
        set(),
    ),
    ("Alle de fire formennene på lageret.", ["scope"], {"scope": "several"}, set()),
    ("All the three shift leaders.", ["scope"], {"scope": "several"}, set()),
    # counts since, seen once, a user id, a version that is no date, nothing personal, "bara meg"
    ("Det har skjedd tre gonger sidan.", ["recurring"], {"recurring": True}, set()),
    ("Har berre sett det ein gong.", ["recurring"], {"recurring": False}, set()),
    ("User id is mhansen.", ["affected_users"], {"affected_users": ("mhansen",)}, set()),
    ("It started after the v3.12 update, not sure of the day.", ["observed_on"], {}, {"observed_on"}),
    (
        "No login please. There's nothing personal in it.",
        ["login_allowed", "personal_data"],
        {"login_allowed": False, "personal_data": False},
        set(),
    ),
    ("Gjelder bara meg.", ["scope"], {"scope": "one"}, set()),
    (
        "Hver gang. Og nå står produksjonen.",
        ["recurring"],
        {"recurring": True, "priority": "critical"},
        set(),
    ),
    # urgency in dialect and "now critical" said beside an answer
    ("5.14.2\nDet hastær litt no.", ["app_version"], {"app_version": "5.14.2", "priority": "high"}, set()),
    (
        "All of us. This is now critical: the audit is tomorrow.",
        ["scope"],
        {"scope": "all", "priority": "critical"},
        set(),
    ),
]


# Every table of kinds above, in one test: the tables are kept apart by where their kinds came from.
# Batch 11: a yes taken back and summed up, trøndersk "dokker", health "info", nothing personal "in there".
_ELEVENTH_KINDS: list[tuple[str, list[str], dict[str, Any], set[str]]] = [
    (
        "Sure.\nActually no - our IT says we must sign your NDA first. So no for now.",
        ["login_allowed"],
        {"login_allowed": False},
        set(),
    ),
    (
        "Ja. Nei vent, sjefen vil ha en avtale først. Så nei inntil videre.",
        ["login_allowed"],
        {"login_allowed": False},
        set(),
    ),
    ("The attachment contains a patient's medical info.", ["personal_data"], {"personal_data": True}, set()),
    (
        "No, there's nothing personal in there, only machine data.",
        ["personal_data"],
        {"personal_data": False},
        set(),
    ),
]

_ELEVENTH_KINDS += [
    # everyone with the same problem is everyone; a word of regret is no login
    ("Alle brukarane våre har same problemet.", ["scope"], {"scope": "all"}, set()),
    ("Kollegaen min har samme problem.", ["scope"], {"scope": "several"}, set()),
    ("Det gjeld alle, som sagt. Beklagar.", ["affected_users"], {"scope": "all"}, set()),
]

_KINDS_TABLES = {
    "more": _MORE_KINDS,
    "batch3": _THIRD_KINDS,
    "batch4": _FOURTH_KINDS,
    "batch5": _FIFTH_KINDS,
    "batch6": _SIXTH_KINDS,
    "batch7": _SEVENTH_KINDS,
    "batch9": _NINTH_KINDS,
    "trial": _TRIAL_KINDS,
    "batch11": _ELEVENTH_KINDS,
}


@pytest.mark.parametrize(
    ("reply", "asked", "expected", "unknown"),
    [row for rows in _KINDS_TABLES.values() for row in rows],
    ids=[f"{name}{i}:{r[0][:30]}" for name, rows in _KINDS_TABLES.items() for i, r in enumerate(rows)],
)
def test_more_kinds_of_answers(
    reply: str, asked: list[str], expected: dict[str, Any], unknown: set[str]
) -> None:
    """Each kind of answer is read as the customer meant it: bare-numbered, lettered and one-line numbered
    answers, once and corrections (also on a line of their own), "only I", the writer alone or with others,
    "all" of a part of the company, the others being fine, days of the month, named days, "last week",
    plans, notes in parentheses, labelled and listed users and ids, the app's labels, routines, "not a
    one-off", two guesses, login on a condition, and not knowing the version, the usernames or whether
    there is personal data; rows of short answers, shared numbers, everyone counted, all of a role,
    permission in so many words, a browser used at home, and leaving a login to someone else."""
    answer = read_answer(reply, asked=asked, sent_at=SENT)
    assert answer.fields.stated() == expected
    assert answer.unknown == frozenset(unknown)
