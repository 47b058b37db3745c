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
    ],
)
def test_own_message(reply: str, said: bool | None) -> None:
    assert own_message(reply) is said
