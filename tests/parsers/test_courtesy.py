"""The reporter's word on whether a message that could not prove it was theirs was theirs."""

from __future__ import annotations

import pytest

from parsers.courtesy import own_message


@pytest.mark.parametrize(
    ("reply", "said"),
    [
        # It was me: bokmål, nynorsk, dialect, English, with a greeting, a sign-off or the quoted question.
        ("Ja, det var meg", True),
        ("Ja det var meg.\n\nHilsen Kari", True),
        ("Hei, ja det va æ", True),
        ("Jepp, det var eg.", True),
        ("Ja, det stemmer", True),
        ("Jeg sendte den.", True),
        ("Yes, that was me!", True),
        ("yes it was me who sent it", True),
        ("Yes, that's correct", True),
        ("I sent it.\n\nCheers, Dave", True),
        ("Det var meg\n\n> Var det deg, svar på denne e-posten\n", True),
        # It was not.
        ("Nei, det var ikke meg", False),
        ("Nei det var ikkje meg", False),
        ("No, that was not me", False),
        ("That wasn't me", False),
        ("I did not send that", False),
        ("Jeg har ikke sendt noe", False),
        # Neither: a bare yes is left to the open questions, more words are an answer of their own, "det
        # var i går" is a date, a question is a question.
        ("Ja", None),
        ("Det var meg, men hvorfor spør dere?", None),
        ("Det var meg som ba om å lukke saken, men nå er feilen tilbake igjen i dag", None),
        ("Det var i går", None),
        ("Chrome 131, alle brukere", None),
        # A greeting and a sign-off around the words still confirm; anything more is read as an answer.
        ("Hei igjen, ja det var meg 👍\n\nMed vennlig hilsen\nKari Nordmann\nSendt fra min iPhone", True),
        ("Good morning,\nYes, that was me.\nKind regards\nJohn Smith\nSite Manager, Acme Ltd", True),
        ("Det var jeg ikke", False),
        ("Jeg sendte det aldri.", False),
        ("Det var jeg ikke klar over", None),
        ("Det var meg en glede", None),
        ("Ja, det var meg, men vent med å lukke", None),
        ("Yes it was me but leave it open for now", None),
        ("Ja det var meg\nHilsen Kari\nPS: ikke gjør noe før mandag", None),
        ("It was me who reported the problem", None),
        ("Det var meg som fikk feilen", None),
        ("I sent it to the wrong case by mistake", None),
        ("Ja, det stemmer ikke", None),
        ("Det var meg eller sjefen, usikker", None),
        ("Det var meg?", None),
    ],
)
def test_own_message(reply: str, said: bool | None) -> None:
    assert own_message(reply) is said
