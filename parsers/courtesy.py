"""Short social replies: a plain thank-you, a plain yes or no.

They carry no field, but they matter to the conversation: a thank-you after a case closed should not
reopen it, and a bare "ja" answers an offer the bot made (open a second problem as a case of its own).
"""

from __future__ import annotations

import re

from parsers.clean import reply_lines

__all__ = ["only_thanks", "own_message", "plain_no", "plain_yes"]

_THANKS = re.compile(
    r"^(?:(?:hei|hi|hello|ok|okay|flott|supert?|fint|great|perfekt|perfect|topp|bra|good|nice)[\s,.!:)-]*)*"
    r"(?:tusen\s+takk|mange\s+takk|takk\s+skal\s+(?:du|dere)\s+ha|takk|tack|thanks?(?:\s+(?:a\s+lot|so\s+much))?"
    r"|thank\s+you(?:\s+(?:very|so)\s+much)?|cheers|ty)\b[^?]{0,60}$",
    re.IGNORECASE,
)
_YES = re.compile(
    r"^(?:ja|jo|jepp|japp|jada|yes|yep|yeah|sure|ok|okay|gjerne|takk|ja\s+takk|yes\s+please|please\s+do"
    r"|gjør\s+det|do\s+it|go\s+ahead|det\s+er\s+greit|that'?s\s+fine)[\s,.!:)]*$",
    re.IGNORECASE,
)
_NO = re.compile(
    r"^(?:nei|no|nope|nah|nei\s+takk|no\s+thanks?|ikke\s+nødvendig|not\s+needed)[\s,.!:)]*$", re.IGNORECASE
)
_MAX_WORDS = 12
# "Ja, det var meg" / "Yes, that was me" / "Nei, det var ikke meg" / "That wasn't me": the reporter saying
# whether a message that could not prove it came from them was theirs. The words may be followed by a
# short sign-off, never by more than a few words of their own (which would be something else to read).
_ME = r"(?:meg|mæ|me|eg|jeg|æ)"
_WAS_ME = re.compile(
    r"^(?:(?:hei|hi|hello)[\s,.!]+)?(?:(?:ja|jo|jepp|yes|yep|yeah|yup)[\s,.!]+)?"
    r"(?:(?:det|den|dette|it|that|this)\s+(?:var|va|was)\s+" + _ME + r"(?:\s+(?:som\s+sendte\s+\w+|who\s+sent"
    r"\s+it))?|(?:i|jeg|eg)\s+(?:sent|sendte)\s+(?:it|that|den|det)|ja,?\s+det\s+stemmer"
    r"|yes,?\s+(?:that'?s|that\s+is)\s+(?:right|correct))\b[\s,.!]*(?P<rest>.*)$",
    re.IGNORECASE,
)
_NOT_ME = re.compile(
    r"^(?:(?:hei|hi|hello)[\s,.!]+)?(?:(?:nei|no|nope)[\s,.!]+)?"
    r"(?:(?:det|den|dette|it|that|this)\s+(?:var|va|was)\s+(?:ikke|ikkje|ikkj|itj|not)\s+"
    + _ME
    + r"|(?:it|that|this)\s+wasn'?t\s+me|(?:i|jeg|eg)\s+(?:didn'?t|did\s+not|har\s+ikke|har\s+ikkje)"
    r"\s+(?:send|sent|sendt)\b)",
    re.IGNORECASE,
)
_SIGN_OFF_WORDS = 5


def _own_words(text: str) -> str:
    """The reply's own lines on one line: quoted (`>`) lines and the history under the reply left out.
    (Not `clean_description`: it takes a closing "Thanks!" for a sign-off, which here is the message.)"""
    own = [line for line in reply_lines(text) if not line.lstrip().startswith(">")]
    return " ".join(" ".join(own).split())


def only_thanks(text: str) -> bool:
    """Whether a reply is only a thank-you ("Takk for hjelpen!", "Great, thanks a lot"), with no question."""
    own = _own_words(text)
    return bool(own) and len(own.split()) <= _MAX_WORDS and bool(_THANKS.match(own))


def plain_yes(text: str) -> bool:
    """Whether a reply is only a yes ("Ja", "yes please", "gjør det")."""
    return bool(_YES.match(_own_words(text)))


def plain_no(text: str) -> bool:
    """Whether a reply is only a no ("Nei takk", "no")."""
    return bool(_NO.match(_own_words(text)))


def own_message(text: str) -> bool | None:
    """Whether a reply says that an earlier message on the case was the writer's own: True for "Ja, det var
    meg", "Yes, that was me", "I sent it"; False for "Nei, det var ikke meg", "That wasn't me"; None when
    the reply says neither (or says more than that, which is read as an answer of its own).

    Asked by the bot when a message asked for a change (consent, withdrawal, closing) that only the
    case's own people may make, from a sender or thread that could not prove it (DESIGN, "Trust")."""
    own = _own_words(text)
    if _NOT_ME.match(own):
        return False
    said = _WAS_ME.match(own)
    if said is None:
        return None
    rest = said.group("rest").split()
    return True if len(rest) <= _SIGN_OFF_WORDS and "?" not in said.group("rest") else None
