"""Short social replies: a plain thank-you, a plain yes or no.

They carry no field, but they matter to the conversation: a thank-you after a case closed should not
reopen it, and a bare "ja" answers an offer the bot made (open a second problem as a case of its own).
"""

from __future__ import annotations

import re

from parsers.clean import clean_description, reply_lines

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
# whether a message that could not prove it came from them was theirs. Nothing but a greeting and a
# sign-off may stand around the words: "ja, det var meg, men ikke lukk saken", "det var meg som meldte
# saken", "det var jeg ikke klar over" or "I sent it by mistake" say something else, and are read as such.
_ME = r"(?:meg|mæ|me|eg|jeg|æ|myself)"
_IT = r"(?:det|de|d|den|dette|it|that|this)"
_WAS = r"(?:var|va|was)"
_WAS_ME = re.compile(
    r"(?:(?:ja|jo|jepp|jupp|yes|yep|yeah|yup|confirmed|bekreftet)[\s,.!:-]+)?"
    rf"(?:{_IT}\s+{_WAS}\s+(?:nok\s+|){_ME}"
    r"(?:\s+det|\s+som\s+sendte\s+(?:den|det|meldingen|e-posten)|\s+who\s+sent\s+(?:it|that|the\s+message))?"
    r"|(?:i|jeg|eg)\s+(?:sent|sendte)\s+(?:it|that|den|det)|(?:that|it)'?s\s+me"
    r"|jeg\s+bekrefter\s+at\s+det\s+var\s+meg|det\s+gjorde\s+jeg|i\s+did"
    r"|det\s+stemmer|(?:that'?s|that\s+is)\s+(?:right|correct))(?:\s*,?\s*(?:ja|yes))?",
    re.IGNORECASE,
)
_NOT_ME = re.compile(
    r"(?:(?:nei|no|nope|ja|yes)[\s,.!:-]+)?(?:definitely\s+|absolutely\s+|nei,?\s+|no,?\s+)?"
    rf"(?:{_IT}\s+{_WAS}\s+(?:ikke|ikkje|ikkj|itj|not)\s+{_ME}"
    rf"|{_IT}\s+{_WAS}\s+(?:jeg|eg|æ)\s+(?:ikke|ikkje|ikkj|itj)"
    r"|(?:jeg|eg|æ)\s+sendte\s+(?:den|det)\s+(?:ikke|ikkje|aldri)"
    r"|(?:(?:it|that|this)\s+)?wasn'?t\s+me|not\s+me|ikke\s+meg|ikkje\s+meg"
    r"|(?:i|jeg|eg)\s+(?:didn'?t\s+send|did\s+not\s+send|never\s+sent|har\s+ikke\s+sendt|har\s+ikkje\s+sendt"
    r"|sendte\s+(?:ikke|ikkje))(?:\s+(?:it|that|anything|den|det|noe|noko|noen\s+melding|den\s+meldingen))?)"
    r"(?:\s*,?\s*(?:nei|no))?",
    re.IGNORECASE,
)
_GREETING = re.compile(
    r"^(?:hei|hi|hello|hallo|heisann|hey|dear|god\s+morgen|good\s+morning|god\s+dag)"
    r"(?:\s+(?:igjen|again|support|team|there|all|alle|landax(?:\s+support)?))?\s*[,.!:]*\s*",
    re.IGNORECASE,
)
_SIGN_OFF = re.compile(
    r"^(?:med\s+vennlig\s+hilsen|vennlig\s+hilsen|hilsen|helsing|mvh|tusen\s+takk|takk|thanks|thank\s+you"
    r"|(?:best|kind|warm)\s+regards|regards|best|cheers|br|sent\s+from|sendt\s+fra|get\s+outlook|--)\b",
    re.IGNORECASE,
)
_AROUND = "\"'«»“”‘’ \t"
_END = re.compile(r"[^\w?]*$")  # punctuation, a smiley, an emoji; not a question mark
_POSTSCRIPT = re.compile(r"^p\.?\s?s\b", re.IGNORECASE)


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
    the reply says neither, or says anything more than that (a greeting and a sign-off aside), which is
    read as an answer of its own.

    Asked by the bot when a message asked for a change (consent, withdrawal, closing) that only the
    case's own people may make, from a sender or thread that could not prove it (DESIGN, "Trust")."""
    if any(_POSTSCRIPT.match(line.strip()) for line in reply_lines(text)):
        return None  # "PS: ikke lukk saken" says more
    lines = [line.strip() for line in clean_description(text).splitlines() if line.strip()]
    for at, line in enumerate(lines[1:], start=1):
        if _SIGN_OFF.match(line):
            lines = lines[:at]
            break
    said = _GREETING.sub("", " ".join(lines), count=1).strip(_AROUND)
    for pattern, verdict in ((_NOT_ME, False), (_WAS_ME, True)):
        match = pattern.match(said)
        if match and _END.fullmatch(said, match.end()):
            return verdict
    return None
