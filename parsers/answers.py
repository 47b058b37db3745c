"""A customer's reply to the bot's questions, read into case fields and commands.

The bot asks numbered questions (`asked`, in order). Customers answer in every shape: numbered lines
in the bot's numbering or their own ("1. Edge  2. ja", "#3 ja", "4 - nei"), labelled lines ("Nettleser:
Firefox"), one bare answer per line or sentence ("yes / no"), free sentences ("I'm on Chrome, feel free
to log in"), answers typed under each quoted question, or a bare "ja" when one yes/no question was
asked. They also correct themselves ("beklager, det var Edge, ikke Chrome"), say they do not know ("vet
ikke"), guess ("tror det er Edge"), ask about a question ("teller navn som personopplysninger?"), bring up
a second problem, point to an earlier case ("samme som sist, sak #12") and give commands ("lukk saken",
"trekk tilbake påloggingen").

Each answer is read by what it says first; what its words do not place goes by its number, its place,
or (a bare yes or no) to the yes/no questions nothing else answered. The raw reply is read, not the
cleaned description: the quoted questions tell which answer is which. Unquoted history under the reply
(an Outlook block) is ignored, and so are greetings and the signature. Everything here is pure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from parsers.clean import reply_lines, strip_signature
from parsers.extract import DEFAULT_VOCABULARY, Vocabulary, browser_at_start, extract_stated
from parsers.fields import FIELD_NAMES, Fields, Language
from parsers.reading.consent import LOGIN_ON_CONDITION
from parsers.reading.dates import relative_day, weekday_number
from parsers.reading.language import COMMON_WORDS
from parsers.reading.people import ALL_BUT_SOME
from parsers.reading.text import NORWEGIAN_NOT, words

__all__ = ["Answer", "asks_for_contact", "explicit_date", "read_answer", "read_commands", "says_in_app"]

#: Fields a bare yes or no can answer.
YES_NO_FIELDS = frozenset({"login_allowed", "personal_data", "recurring"})


@dataclass(frozen=True)
class Answer:
    """What one reply states: fields, which of them the customer corrected, and commands it gives."""

    fields: Fields
    corrections: frozenset[str]
    commands: frozenset[str]
    unknown: frozenset[str] = frozenset()
    asks_about: frozenset[str] = frozenset()
    new_problem: bool = False
    same_as_case: int | None = None
    language: Language | None = None
    #: The words of a second problem the reply describes (`new_problem`), to open as a case of its own.
    second_problem: str = ""
    #: The reply says the problem is in the app (not a browser), without naming the platform.
    in_app: bool = False
    #: The reply allows login for a while only ("ja, men bare i dag"): neither a yes nor a no, for staff.
    login_limited: bool = False


# ---------------------------------------------------------------------------------------- commands

# Nynorsk and the dialects say "saka" ("Dokker kan berre lukk saka") and "lukkast".
_CLOSE = re.compile(
    r"\b(?:lukk|avslutt)(?:e|)\s+(?:denne\s+|)(?:saken|saka)\b|\b(?:saken|saka)\s+kan\s+(?:nå\s+|no\s+|bare\s+"
    r"|berre\s+|gjerne\s+|)(?:lukkes|avsluttes|lukkast|avsluttast)\b"
    r"|\b(?:kan|må)\s+(?:dere|du)\s+(?:gjerne\s+|bare\s+|)(?:lukke|avslutte)\s+saken\b"
    r"|\bclose\s+(?:this|the|my|our)\s+(?:case|ticket|issue)\b|\b(?:case|ticket)\s+can\s+(?:now\s+"
    r"|)be\s+closed\b"
    r"|\bfeel\s+free\s+to\s+close\b|\byou\s+(?:can|may)\s+close\s+(?:it|this|the\s+case|the\s+ticket)\b"
)
_WITHDRAW = words(
    # "trekk tilbake påloggingen", nynorsk "eg trekkjer tilbake løyvet", "vi trekker samtykket til pålogging"
    # (not "samtykket til nyhetsbrevet", "løyvet til Kari", "tilgangen for vikarane")
    r"\btrekk(?:er|e|jer|je|)\s+(?:vi\s+|eg\s+|jeg\s+|)(?:herved\s+|no\s+|nå\s+|)(?:tilbake\s+|)"
    r"(?:påloggingen|påloggingstilgangen|tilgangen|tillatelsen|samtykket|løyvet)"
    r"(?:\s+(?:mitt|vårt|vort))?(?:\s+tilbake)?"
    r"(?=\s*(?:[.,!;\n]|$|(?:til|for)\s+(?:å\s+logge|pålogging|innlogging|tilgang|login)|til\s+dere\b))"
    r"|\btrekk(?:er|e|jer|je|)\s+(?:vi\s+|eg\s+|jeg\s+|)tilbake\s+(?:påloggingen|tilgangen|tillatelsen"
    r"|pålogging)\b(?!\s+(?:for|til)\s+(?!å\s+logge|dere\b))"
    # "dere får ikke logge inn lenger"; nynorsk "de får diverre ikkje logge inn hjå oss likevel" ("de" is
    # "you" there; "de får ikkje logge inn lenger" alone is as often "they", a symptom)
    r"|\b(?:dere|du)\s+(?:kan|får|må)\s+ikke\s+(?:\w+\s+|)(?:logge|logger)\s+(?:dere\s+|deg\s+|)(?:inn"
    r"|på)\s+lenger\b(?!\s+enn)"
    r"|\b(?:de|dere|dokker|dykk)\s+(?:får|må|skal)\s+(?:dessverre\s+|diverre\s+|likevel\s+|)ikke\s+"
    r"(?:logge|logga|logger)\s+(?:dykk\s+|dere\s+|)(?:inn|på)\s+(?:hjå|hos|hjo|hjæ)\s+oss\b"
    r"|\b(?:dere|du|dokker|dykk)\s+har\s+ikke\s+lenger\s+(?:tilgang|lov|tillatelse|løyve)\b"
    r"|\bfjern\s+(?:deres\s+|)(?:tilgangen|påloggingen)\b"
    r"|\b(?:withdraw|revoke)\s+(?:the\s+|your\s+|our\s+|my\s+|)(?:login|log-in|access|permission)\b"
    r"(?!\s+(?:for|of|to)\s+(?!you\b|log|access\b))"
    r"|\b(?:withdraw|revoke)\s+(?:our\s+|my\s+|the\s+|)consent"
    r"(?=\s*(?:[.,!;\n]|$|(?:to|for)\s+(?:you\s+|)(?:log|login|logging|access|the\s+login)))"
    r"|\byou\s+(?:can|may)\s+no\s+longer\s+log\s*(?:in|on)\b(?!\s+(?:with|from|on)\s+(?:the\s+|my\s+|our\s+|)"
    r"(?:tablet|phone|app|ipad|mobile|new|old|pc|computer|sso|bankid)\b)"
    r"|\bremove\s+your\s+(?:login|access)\b"
)
#: Around a withdrawal phrase, what makes it no request: a question, a negation ("please don't withdraw
#: my consent"), a future or a condition ("when you are done", "once the case is closed"), a button or a
#: user of the product ("the withdraw consent button", "Brukeren trekker tilbake samtykket i appen").
_NOT_A_WITHDRAWAL = re.compile(
    r"\b(?:don'?t|do\s+not|won'?t|will\s+not|not|never|ikke|ikkje|itj|aldri|should|skal\s+(?:jeg|eg|vi)"
    r"|må\s+(?:jeg|eg|vi)|do\s+i|need\s+to|when|once|after|når|etter|button|knapp\w*|link|lenk\w*"
    r"|brukeren|brukaren|users?|parents|foreldr\w*|eleven|man|hvordan|korleis|how)\b"
)
# After it, a time to come: "… når dere er ferdige", "… on Friday when you're done", "… after the fix"
_LATER = re.compile(
    r"^[^.!?\n,;:]*?\b(?:(?:når|naar|when|once|after|etter at)\s+(?:dere|du|you|we|vi|saken|the case|it)\s+"
    r"(?:er|is|are|have|has|har|blir|get|gets)\b|on (?:monday|tuesday|wednesday|thursday|friday)\s+when"
    r"|på (?:mandag|tirsdag|onsdag|torsdag|fredag)\s+når)"
)
# A request to talk rather than write: "please call me", "can someone ring me", "I'd rather discuss this by
# phone", "Kan nån ring mæ?", "ringje meg", "ta det på telefon". An offer ("call me if you need more", "feel
# free to call", "ring meg om dere lurer på noe") is a signature's habit, not a request.
_CONTACT = words(
    r"(?:call|phone|ring) (?:me|us)\b|give (?:me|us) a (?:call|ring)\b"
    r"|(?:rather|prefer to|like to|want to) (?:discuss|talk|speak|go through)(?: about)?(?: this| it| that)?"
    r" (?:by|on the|over the|on) (?:phone|telephone|teams)\b"
    r"|(?:speak|talk) to (?:someone|somebody|a person|a human|a real person)\b"
    r"|ring(?:e|je|) (?:meg|mæ|me|oss|tilbake)\b|(?:noen|nån|nokon|dere|dokker|de|du) ring(?:e|je)\b"
    r"|(?:snakke|prate|ta det|ta dette|gå gjennom det) (?:på|over|i) (?:telefon|teams)\w*"
    r"|(?:bli|blir|verte) ringt\b|kontakt (?:meg |oss |)på telefon\b"
)
# A meeting or a call asked for ("can we have a quick Teams meeting?", "kan vi ta et Teams-møte?", "vi ønsker
# en telefon"), not one that was ("we had a Teams meeting last week") or one of the customer's own.
_MEETING = words(
    r"(?:phone call|call ?back|(?:a|quick|short|brief) call|teams (?:call|meeting)|video (?:call|meeting)"
    r"|teams-?møte\w*|videomøte\w*|møte på teams|meet (?:on|in|via|over) teams|telefonsamtale|oppringing)\b"
)
_MEETING_ASKED = re.compile(
    r"\b(?:can|could|may|shall) (?:we|you|i|someone)\b|\bkan (?:vi|dere|du|eg|jeg|nokon|noen)\b"
    r"|\bvil (?:gjerne|heller)\b"
    r"|\b(?:would|'d) (?:like|prefer|appreciate|be (?:good|great|nice|helpful))\b|\bønsker\b|\bønskjer\b"
    r"|\blet'?s\b|\bplease\b|\bbook\b|\bset up\b|\bschedule\b|\bhelst\b|\bpossible\b|\bmulig\b"
)
# After the wish, any condition makes it an offer ("call me if you need more"); before it, only one about
# the vendor's need ("if you need anything, call me"): "it would be easier if someone could call me" asks.
_CONTACT_OFFER = re.compile(
    r"\b(?:if|hvis|om (?:dere|du|de|dokker|det|noe|nødvendig)|dersom|viss|ved behov|when you|når dere"
    r"|should you)\b"
)
_CONTACT_OFFER_BEFORE = re.compile(
    r"\b(?:if|hvis|om|dersom|viss) (?:you|dere|du|de|dokker) (?:need|trenger|treng|have|har|want|vil|lurer"
    r"|require|wonder)|\bshould you\b|\bved behov\b|feel free|don't hesitate|gjerne bare"
    r"|(?:du|dere) kan (?:godt |gjerne |bare |)ringe|you can (?:also |always |)call"
)
_CONTACT_NEGATION = re.compile(
    rf"\b(?:{NORWEGIAN_NOT}|not|no need|don't|do not|never|aldri|trenger ikke|treng ikkje|slipper)\b"
)
# What a call was, or was going to be: "you said you would call me", "nån ring mæ i går", "we had a Teams
# meeting"; a request taken back ("No wait, just email", "skriv heller").
_CONTACT_PAST = re.compile(
    r"\b(?:would|will|'ll|said|promised|had|hadde|discussed|diskuterte|skulle|lovet|lova|after|etter)\b"
)
_CONTACT_WHEN_PAST = re.compile(
    r"\b(?:i går|i gar|yesterday|last (?:week|month|time)|forrige (?:uke|veke|gang)|førre veke|earlier today"
    r"|tidligere i dag|ago|siden)\b"
)
_CONTACT_TAKEN_BACK = re.compile(
    r"\b(?:no wait|nei vent|just (?:e-?)?mail|skriv heller|e-?post (?:er|is) (?:fint|fine|bedre|better)"
    r"|email is (?:fine|better))\b"
)
# "Please call me Kari" names the writer; "call me Monday" does not.
_CALLED_BY_NAME = re.compile(
    r"\s+['\"«“]?(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Tomorrow|Today|ASAP|On|At|Back"
    r"|Now|Mandag|Tirsdag|Onsdag|Torsdag|Fredag)\b)[A-ZÆØÅ][a-zæøå]+\b"
)
_OPEN_QUOTE = re.compile(r"(?:^|\s)['\"«“][^'\"»”]*$")


def asks_for_contact(text: str) -> bool:
    """Whether a message (quoted text and signature are left out) asks to be called or to meet rather than
    write ("please call me", "Kan nån ring mæ?", "kan vi ta et Teams-møte?"); an offer ("call me if you need
    more"), a refusal, a name ("call me Kari"), a past call or the customer's own meeting is not one."""
    return _asks_in(_own_text(text))


# A telephone number as people write one: "900 11 222", "+47 911 22 333", "22 33 44 55", "+44 1675 460 221"
_PHONE = re.compile(r"(?<![\w+])(\+\d{1,3}[\s-]?)?\d{2,4}(?:[\s-]?\d{2,4}){1,4}(?![\w])")
# Where a number is plainly a telephone number: after a word for calling or a signature's label.
_PHONE_LEAD = re.compile(
    r"\b(?:ring\w*|call|phone|telefon\w*|tlf|tel|mob\w*|mobil\w*|cell|nummer|number|nr|direkte|direct|m|t)"
    r"\b[.:]?\s*(?:(?:meg|me|oss|us|på|on|at|er|is|nr|nummer|number)\s+){0,3}[.:]?\s*$",
    re.IGNORECASE,
)


def contact_phone(text: str) -> str | None:
    """The telephone number a message asking to be called gives, as written ("900 11 222"), or None.

    `text` is the whole message (quoted text is left out; a signature's "Mob: …" counts). A number counts
    when a word for calling or a signature label stands right before it ("ring meg på 900 11 222", "Tlf
    22 33 44 55") or it follows the request in the same or the next line; dates, versions and ids, which
    have dots or slashes or too few digits, are never one. Norwegian numbers have 8 digits, others 7-15
    (ITU-T E.164)."""
    own = "\n".join(line for line in reply_lines(text) if not line.lstrip().startswith(">"))
    best: str | None = None
    for match in _PHONE.finditer(own):
        number = match.group(0).strip()
        digits = re.sub(r"\D", "", number)
        if not 8 <= len(digits) <= 15 or (len(digits) != 8 and not number.startswith("+")):
            continue
        line_start = own.rfind("\n", 0, match.start()) + 1
        lead = own[line_start : match.start()]
        asked = [m for m in _CONTACT.finditer(lead.lower())]
        # "ring meg på 900 11 222", "call me on +47 …": the request right before it, in the same sentence
        if _PHONE_LEAD.search(lead) or (asked and not re.search(r"[.,;!?]", lead[asked[-1].end() :])):
            return number
        best = best or (number if lead.strip() == "" or lead.rstrip().endswith(("?", ":", ".")) else None)
    return best


def _asks_in(own: str) -> bool:
    low = own.lower()
    same_length = len(low) == len(own)
    found = [(m, False) for m in _CONTACT.finditer(low)] + [(m, True) for m in _MEETING.finditer(low)]
    for match, meeting in sorted(found, key=lambda pair: pair[0].start()):
        clause = re.split(r"[.!?\n]", low[max(0, match.start() - 60) : match.start()])[-1]
        before = clause[-30:]
        after = re.split(r"[.!?\n]", low[match.end() : match.end() + 40])[0]
        if _CONTACT_NEGATION.search(before) or re.match(rf"\s*(?:{NORWEGIAN_NOT}|not)\b", after):
            continue  # "ikke ring meg", "ring meg ikke"
        if _CONTACT_OFFER.search(after) or _CONTACT_OFFER_BEFORE.search(before) or _OPEN_QUOTE.search(clause):
            continue
        if _CONTACT_PAST.search(before) or _CONTACT_WHEN_PAST.search(f"{clause} {after}"):
            continue
        if meeting and not _MEETING_ASKED.search(clause):
            continue  # "vi har et Teams-møte i morgen": the customer's own meeting
        if (
            same_length
            and low[match.end() - 2 : match.end()] in ("me", "us")
            and _CALLED_BY_NAME.match(own, match.end())
        ):
            continue
        if _CONTACT_TAKEN_BACK.search(low, match.end()):
            continue
        return True
    return False


_COMMAND_NEGATION = re.compile(r"\b(?:ikke|ikkje|not|don't|do\s+not|never|aldri|ennå|yet)\b")


def read_commands(text: str) -> frozenset[str]:
    """Commands in a reply: "close", "withdraw_login" and "contact" (the customer asks to be called or for a
    meeting rather than writing), in Norwegian or English, quoted text ignored."""
    written = _own_text(text)
    own = written.lower()
    commands: set[str] = {"contact"} if _asks_in(written) else set()
    for name, pattern in (("close", _CLOSE), ("withdraw_login", _WITHDRAW)):
        for match in pattern.finditer(own):
            before = re.split(r"[.!?\n]", own[max(0, match.start() - 25) : match.start()])[-1]
            clause = before + own[match.start() : match.end() + 8]
            # "ikke lukk saken ennå" / "don't close the case"; a withdraw phrase carries its own "ikke".
            if name == "close" and _COMMAND_NEGATION.search(clause):
                continue
            if name == "withdraw_login" and _not_a_withdrawal(own, match):
                continue
            commands.add(name)
            break
    return frozenset(commands)


def _not_a_withdrawal(own: str, match: re.Match[str]) -> bool:
    """Whether the withdrawal phrase `match` in `own` asks nothing: its sentence is a question, or the words
    before it in the sentence negate it, put it later, or make it a button or another user's act; a
    "trekk tilbake"/"withdraw" that is itself a refusal ("dere får ikke logge inn lenger") is not judged by
    its own "ikke"."""
    start = max(own.rfind(mark, 0, match.start()) for mark in ".!?\n") + 1
    ends = [i for i in (own.find(mark, match.end()) for mark in ".!?\n") if i >= 0]
    end = min(ends) if ends else len(own)
    if own[end : end + 1] == "?":
        return True
    before = own[start : match.start()]
    after = own[match.end() : end]
    return bool(
        _NOT_A_WITHDRAWAL.search(before)
        or re.match(r"\s*(?:-?knapp\w*|button|link)\b", after)
        or _LATER.search(after)
    )


def _own_text(text: str) -> str:
    lines = [line for line in reply_lines(text) if not line.lstrip().startswith(">")]
    return strip_signature("\n".join(lines))


# ------------------------------------------------------------------------------------------ answers

# Which field a quoted question or a label is about, most specific first.
_FIELD_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "personal_data",
        re.compile(r"personopplysning|personopplysing|personal data|personal info|gdpr|persondata"),
    ),
    (
        "login_allowed",
        re.compile(
            r"logge?r? (?:inn|på|pa)|loggar inn|pålogging|palogging|innlogging|log ?in|login|tilgang|access"
        ),
    ),
    (
        "recurring",
        re.compile(
            r"gjentak|gjentag|hver gang|engang|én gang|\bigjen\b|recurr|every time|\bonce\b|\bagain\b"
        ),
    ),
    (
        "observed_on",
        re.compile(
            r"\bdato\w*|\bnår\b|\bwhen\b|\bdate\b|observert|observed|oppstod|\bfirst\b|først|første|forste"
            r"|noticed|spotted|oppdag|began|started|begynte|startet"
        ),
    ),
    ("affected_users", re.compile(r"brukernavn|username|hvilke brukere|which users|bruker-?id|user id")),
    (
        "scope",
        re.compile(
            r"én bruker|en bruker|\bflere\b|\balle\b|one user|several|all users|omfang|scope|hvor mange"
            r"|anyone else|\bothers\b|\bandre\b|samme problem|same problem|colleagues|kolleg"
        ),
    ),
    ("browser", re.compile(r"nettleser|browser|\bapp\b|\bappen\b|plattform|platform|telefon|phones?\b")),
    ("app_version", re.compile(r"versjon|version")),
    ("module", re.compile(r"\bmodul|\bmodule")),
    ("record_id", re.compile(r"\bid\b|registrering|record")),
    ("requested_handler", re.compile(r"saksbehandler|handler")),
    ("priority", re.compile(r"prioritet|priority|haster|urgent")),
)
_NUMBERED = re.compile(r"^\s*(?:svar\s*|answer\s*|spm\.?\s*|q\s*|)(\d{1,2})\s*[.):\-]\s*(.*)$", re.IGNORECASE)
# "1. Edge", "1) Edge", "1: Edge", "1 - Edge", "#1 Edge", "1.Edge"; "1.5.12.3" is 1 and a version,
# "16.11" a date.
_INLINE_NUMBER = re.compile(
    r"(?:^|(?<=\s))(?:#\s?(\d{1,2})(?:[.):]|\s*[-–])?\s*|(\d{1,2})(?:\s*[.):]\s+|\s+[-–]\s+|:(?=\S)"
    r"|[.)](?=[A-Za-zÆØÅæøå])|\.(?=\d+\.\d+\.\d+)))"
)
_NUMBER_RANGE = re.compile(r"^\s*(\d{1,2})\s*[-–]\s*(\d{1,2})\s*[.):]\s*(\S.*)$")
# "Nettleser: Chrome"; a label holds no spaced dash ("Only one user affected - login id: x" is a sentence).
_LABEL = re.compile(r"^\s*([A-Za-zÆØÅæøå](?:[\w/-]|\s(?![-–]\s)){1,40}?)\s*[:=]\s*(.+)$")
# "Browser - Chrome 130", "Login access – yes": a label of a few words and a spaced dash.
_DASH_LABEL = re.compile(r"^\s*([A-Za-zÆØÅæøå][\w/]*(?:\s[\w/]+){0,2})\s+[-–]\s+(\S.*)$")


def _label(line: str) -> tuple[str, str] | None:
    """A labelled answer's label and value: "label: value", or "label - value" where the label is one of
    the portal's ("Browser - Chrome"); None for any other line ("Alle - hele avdelingen")."""
    match = _LABEL.match(line)
    if match is not None:
        return match.group(1), match.group(2)
    match = _DASH_LABEL.match(line)
    # only with a short value: "Access - none of us can open the reports since the update" is a sentence
    if (
        match is not None
        and len(match.group(2).split()) <= 6
        and any(cue.search(match.group(1).lower()) for _, cue in _LABEL_CUES)
    ):
        return match.group(1), match.group(2)
    return None


_MONTH_START = re.compile(
    r"^(?:jan|feb|mar|apr|mai|may|jun|jul|aug|sep|okt|oct|nov|des|dec)[a-z]*\b", re.IGNORECASE
)
_YES = re.compile(
    r"^(?:ja|jada|jo|japp|jepp|yes|yep|yeah|yup|ok|okay|oki|gjerne|selvfølgelig|sure|of course|greit|fint|"
    r"absolutt|klart|correct|stemmer|riktig|go ahead|det går fint|det er greitt?|that's fine|fine|please do"
    r"|gjør det|do it|gladly|yes please|you're welcome to|no worries|no problem|no probs|ikke noe problem"
    r"|definitely|aye(?!\s+(?:right|well)\b))\b",
    re.IGNORECASE,
)
_NO = re.compile(
    # (nynorsk "No har det skjedd igjen" is "now")
    r"^(?:nei|nej|no(?!\s+(?:har|skjer|skjedde|kjem|kom|gjekk|vart|blei|ble|fekk)\b)|nope|nah|helst ikke"
    r"|ikke|not|never|aldri|ingen|none|nei takk|nej tack|no thanks|negative)\b"
    # "No worries", "no problem", "ikke noe problem", "ingen fare": a yes in other words
    r"(?!\s+(?:worries|problem|problems|probs|bother|stress|issue|fare|problem\w*)\b)(?!\s+noe problem)",
    re.IGNORECASE,
)
_BARE_VERSION = re.compile(r"\b(\d{1,3}\.\d{1,3}(?:\.\d{1,4}){0,2})\b")
_CORRECTION = re.compile(
    r"\b(?:beklager|unnskyld|sorry|oops|rettelse|correction|feil av meg|my mistake|my bad|jeg mente|i meant|"
    r"skal være|should be|det var (?:\w+\s+){0,3}ikke|ikke \w+,? men|not \w+,? but|actually)\b"
    # a value set against the one it replaces, at a sentence's end: "modulen er Risiko, ikkje Inspeksjonar.",
    # "det startet 20. november, ikke 25."
    r"|,\s*(?:ikke|ikkje|not)\s+(?:the\s+|den\s+|det\s+)?(?!(?:bare|berre|only|just|so|så|sure|sikker|all|alle"
    r"|everyone|yet|ennå|enno|noe|noko|any|mye|much|før|tidligere|tidlegare|earlier|before|today|i\s+dag|later"
    r"|seinare|senere|etter|after|since|siden|sidan|esr)\b)[\w.-]+(?=\s*(?:[.!]|$))",
    re.IGNORECASE,
)
# Sentences end at ".", "!" or "?" after a word; after a number only before a capitalised word that is no
# month ("October 28. Every time" is two sentences, "6. Mars" one).
_SENTENCE_END = re.compile(
    r"(?<=[^\d][.!?])\s+|(?<=\d\.\d\.)\s+(?=[A-ZÆØÅ])"
    r"|(?<=\d\.)\s+(?=(?!(?:Jan|Feb|Mar|Apr|Mai|May|Jun|Jul|Aug|Sep|Okt|Oct|Nov|Des|Dec)[a-z]*\b)[A-ZÆØÅ][a-zæøå])"
)
_USER_TOKEN = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[a-zæøå][\w-]*[._][\w.-]*[a-zæøå0-9]\b")
# "user mlarsen", "brukeren LAGER1", "username 'Warehouse2'", "(akhan, b.jones)"
_NAMED_USER = re.compile(
    r"\b(?:user(?:name)?|brukeren|brukernavn(?:et)?|users|brukerne)\s*:?\s+['\"«]?(?!ids?\b)([A-Za-z][\w.@-]*)['\"»]?"
    r"((?:\s*(?:,|\bog\b|\band\b|&)\s*[A-Za-z][\w.@-]*)*)",
    re.IGNORECASE,
)
# "4 stk: anne.l, bjorn.k, cecilie", "users: hbakke, tnilsen": a list of usernames after a count or a label.
_COLON_LIST = re.compile(
    r"(?:\b\d{1,3}\s+(?:stk|stykker|people|persons|personer|users|brukere)|\b(?:users|brukere|brukerne"
    r"|brukernavn\w*|usernames?|user\s*ids?|bruker-?id\w*)(?:\s+(?:are|is|er))?)\s*:\s*"
    r"([\w.@-]+(?:\s*(?:,\s*(?:and\s+|og\s+)?|\bog\b|\band\b|&)\s*(?!(?:and|og|i|jeg)\b)[\w.@-]+)+)",
    re.IGNORECASE,
)
# What separates the names in a list: "a, b", "a, and b", "a og b", "a & b".
_LIST_SEP = r"(?:\s*,\s*(?:and\s+|og\s+)?|\s+og\s+|\s+and\s+|\s*&\s*)"
_LIST_SPLIT = re.compile(rf"\s*{_LIST_SEP}\s*")
_BARE_LIST = re.compile(rf"[\w.@-]{{2,40}}(?:{_LIST_SEP}[\w.@-]{{2,40}}){{1,20}}[.!]?")
_LEADING_LIST = re.compile(rf"[\w.@-]{{2,40}}(?:{_LIST_SEP}[\w.@-]{{1,40}}){{0,30}}")
_LIST_STOP = frozenset({"maybe", "perhaps", "possibly", "probably", "kanskje", "muligens", "also", "også"})
# What a list of logins follows: "brukernavnene er", "the user is 'tbj'", "f.eks.", "t.d.", "e.g.".
_LIST_LEAD = re.compile(
    r"\b(?:brukernavn(?:ene|et|a)?|brukarnamn(?:a|et)?|usernames?|user\s*names?|user\s*-?\s*ids?|bruker-?id"
    r"|brukeren|brukerne|brukaren|the\s+users?)\s+(?:er|e|is|are|heter|was)\s*:?\s+['\"«]?"
    r"|(?:\b(?:til\s+dømes|for\s+eksempel|for\s+example|for\s+instance|such\s+as)|(?<!\w)(?:e\.g|f\.eks|feks|t\.d|eks)\.?)"
    r"\s*:?\s*['\"«]?",
    re.IGNORECASE,
)
# What tells a login from a word after "the user is" / "f.eks.": a dot, an underscore, an @ or a digit in
# one of them (or quotes around it).
_LOGIN_MARK = re.compile(r"[._@\d]")
# A list that ends an answer after a colon: "Det gjeld alle fire: lars.h, tone, jbk og r.solheim."
_AFTER_COLON = re.compile(rf":\s*([\w.@-]{{2,40}}(?:{_LIST_SEP}[\w.@-]{{2,40}}){{1,20}})\s*[.!]?(?=\s|$)")


def _logins_after_lead(lead: re.Match[str], led: tuple[str, ...]) -> bool:
    """Whether the words after "the user is" / "f.eks." are logins: one of them marked as one (a dot, @,
    digit, or quotes around it); after "my username is", any word that is not a common one; after "for
    example", two or more that are no module, browser or common word ("for example bhagen and tstrand",
    not "such as reports and checklists")."""
    if lead.group(0).rstrip().endswith(("'", '"', "«")) or any(_LOGIN_MARK.search(w) for w in led):
        return True
    if re.match(r"(?i)\s*(?:user\s*names?|user\s*-?\s*ids?|brukernavn|brukarnamn|bruker-?id)", lead.group(0)):
        # "my username is cfarrell": what a username label names is a login
        return bool(led) and not any(w in COMMON_WORDS or w in _NOT_NAMES for w in led)
    example = not re.match(r"(?i)\s*(?:the|bruker|brukar|user)", lead.group(0).lstrip())
    return (
        example
        and len(led) >= 2
        and not any(
            w in COMMON_WORDS
            or w in _NOT_NAMES
            or _BROWSER_NAME.fullmatch(w)
            or DEFAULT_VOCABULARY.module_pattern.search(w)
            for w in led
        )
    )


_LISTED_IDS = re.compile(r"\b(?:user\s*ids?|bruker-?id\w*)\s*:", re.IGNORECASE)
_TRAILING_USER = re.compile(r"[,:]\s*([a-zæøå][\w.@-]{1,40}[\wæøå])[.!]?$")
_LISTED_USER = re.compile(r"(?:username\s+|brukernavn\s+)?[\w.@-]{2,40}", re.IGNORECASE)
_PARENTHESES = re.compile(r"\(([^()]{2,120})\)")
# The words a list of users in parentheses follows ("two users (akhan, b.jones)", "Ola (ola.h)").
_PEOPLE_BEFORE = re.compile(
    r"users?|brukere|brukerne|bruker|brukeren|people|persons|personer|colleagues?|kolleg\w*|us|oss|them|dem"
    r"|\d{1,3}|two|three|four|five|to|tre|fire|fem|both|begge|me|meg|staff|ansatte|employees"
)
_BARE_SCOPE: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "all",
        re.compile(
            r"^(?:alle|alla|all|everyone|everybody|alle sammen|all of them|all users|alle brukere)\b", re.I
        ),
    ),
    (
        "one",
        re.compile(
            r"^(?:én|en|ein|éin|1|one|bare meg|kun meg|meg|just me|only me|me|én bruker|one user)\b", re.I
        ),
    ),
    (
        "several",
        re.compile(r"^(?:flere|noen|several|some|multiple|a few|flere brukere|noen brukere)\b", re.I),
    ),
)

#: Customers number their answers their own way ("6) ja"); numbers beyond this are not numbering.
_MAX_NUMBER = 20
_GREETING = re.compile(
    r"^(?:(?:hei|hi|hello|hallo|heisann|dear\s+\w+|god\s+(?:morgen|dag)|good\s+(?:morning|afternoon)"
    r"|takk|thanks|thank\s+you|svar|answers?|see\s+below|se\s+under|sjå\s+under|cheers|mvh|hilsen"
    r"|best\s+regards|kind\s+regards|regards)(?:\s+(?:igjen|again|\w+))?[\s,.!:]*"
    r"|(?:takk|thanks|thank\s+you)\s+for\b[^?]{0,60}|(?:answers|svar(?:ene)?)\s+(?:below|under|nedenfor)\b.{0,30}"
    r"|sen[dt]t?\s+fr[ao]m?\s+(?:min|my)\s+\w+.*)$",
    re.IGNORECASE,
)
_NAME_LINE = re.compile(r"^[A-ZÆØÅ][a-zæøå]+(?:\s[A-ZÆØÅ][a-zæøå]+)?[.!]?$")
# One or two capitalised words alone on a line are a name (a greeting's or a signature's), unless they
# are an answer.
_KEEP_WORD = re.compile(
    r"^(?:ja|nei|yes|no|alle|all|everyone|edge|chrome|firefox|safari|opera|brave|android|ios|iphone|ipad"
    r"|microsoft\s+edge|google\s+chrome|several|flere|ok|okay|never|aldri|once|today|yesterday|i\s+dag"
    r"|i\s+går|\w+dag|\w+day|sure|fine|gjerne|none|ingen|nope)\b[.!]?$",
    re.IGNORECASE,
)
_UNKNOWN = re.compile(
    # dialect negations too: "vet itj" (trøndersk), "veit ikkj", "vet inte"; "at jeg ikke vet versjonen"
    r"\b(?:(?:vet|veit|vett)\s+(?:(?:jeg|eg|æ|e|vi|me)\s+)?(?:ikke|ikkje|itj|ittj|itte|ikkj|inte|ikk)"
    r"|(?:jeg|eg|vi|me)\s+(?:ikke|ikkje)\s+(?:vet|veit)"
    # "Har itte funnet det", "I haven't found it": the value asked for, not found
    # (unless a value follows: "Har itte funnet det i menyen, men det står 4.12.1 på oppstartsbildet")
    r"|(?:har\s+)?(?:ikke|ikkje|itte|itj)\s+(?:funnet|funne|fått\s+tak\s+i)\s+(?:det|den|versjonen|noe)"
    r"(?![^.!?]*\b(?:men|but)\b)"
    r"|(?:(?:haven'?t|have\s+not|couldn'?t|could\s+not|can'?t|cannot)\s+find|(?:haven'?t|have\s+not)\s+found)"
    r"\s+it(?![^.!?]*\b(?:men|but)\b)"
    r"|(?:don'?t|do\s+not)\s+have\s+(?:their|the|those|any)\s+(?:user\s*names|usernames|names|ids)"
    r"|har\s+(?:ikke|ikkje)\s+(?:brukernavn\w*|brukarnamn\w*)|aner\s+ikke|ingen\s+anelse|usikker|uvisst"
    r"|ikke\s+sikker|ikkje\s+sikker|husker\s+ikke|hugsar\s+ikkje|kan\s+ikke\s+si|vanskelig\s+å\s+si"
    r"|i\s+don'?t\s+know|i\s+do\s+not\s+know|don'?t\s+know|dunno|no\s+idea|not\s+sure|unsure"
    r"|can'?t\s+(?:remember|say|tell)|cannot\s+(?:remember|say|tell)|don'?t\s+remember|no\s+clue"
    r"|unknown|ukjent|hard\s+to\s+say|(?:ikke|ikkje)\s+sure|(?:har\s+)?(?:ikke|ikkje|ingen|null)\s+peiling"
    # "finner ikke versjonen", "I can't find the version anywhere": not known now
    r"|(?:finner|finn|fant|fann)\s+(?:jeg\s+|eg\s+|vi\s+|me\s+)?(?:ikke|ikkje)\s+(?:app-?)?versjon\w*"
    r"|(?:can'?t|cannot|couldn'?t)\s+find\s+the\s+(?:app\s+)?version)\b"
    # "I'm not sure why you would need to log in": a question why, not a value not known
    r"(?!\s+(?:why|hvorfor|korfor|kvifor|what\s+you\s+(?:mean|need)|hva\s+dere\s+(?:mener|trenger)))"
)
# Saying it cannot be found: "finner ikke versjonsnummeret", "I can't see it in the menu". Beside a question
# about where to look, the customer does not know it now; "where do I find the version?" alone only asks.
_CANNOT_FIND = re.compile(
    r"\b(?:finner|finn|fann|fant|ser|såg)\s+(?:jeg\s+|eg\s+|vi\s+|me\s+)?(?:ikke|ikkje)\b|\b(?:can'?t|cannot"
    r"|couldn'?t"
    r"|unable\s+to)\s+(?:find|see|locate)\b"
)
# Leaving the permission to someone else: "Eg må spørje sjefen først", "I need to check with my manager".
_ASK_SOMEONE = re.compile(
    r"\b(?:må|skal|need\s+to|have\s+to|must|will|i'?ll|got\s+to)\s+(?:jeg\s+|eg\s+|vi\s+|me\s+)?(?:nok\s+"
    r"|first\s+|først\s+)?"
    r"(?:spørre|spørje|høre\s+med"
    r"|høyre\s+med|sjekke\s+med|sjekka\s+med|ask|check\s+with|clear\s+(?:it|this)\s+with|get\s+approval)\b"
)
# "Let me check with IT first", "let me ask my boss if it's OK": leave asked for (not "let me check with Tom
# which account you should use").
_LET_ME_ASK = re.compile(
    r"\blet\s+me\s+(?:check|ask|clear\s+it)\s+(?:with\s+)?(?:[\w-]+\s+){0,3}?[\w-]+\s*(?:first\b|if\b|whether\b"
    r"|before\b|[.!]|$)"
)
# Asking someone's leave before the answer can be given: "jeg må spørre sjefen først", "I need to check with
# security first", "let me ask my boss if it's ok"; asking someone to do something is not it ("I'll ask Per
# to send it to you").
_ASKS_LEAVE = re.compile(
    r"\b(?:(?:check|høre|sjekke|sjekka|clear\s+it)\s+(?:with|med)|ask|spørre|spørje)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:first|først|if|om\s+det|whether|before|før)\b"
    r"|\b(?:check|ask|spørre|spørje|høre|sjekke|sjekka)\s+(?:with\s+|med\s+)?(?:my\s+|our\s+|the\s+)?(?:boss|manager"
    r"|sjefen|lederen|leiaren|it|security|sikkerhet\w*|it-sjefen|it-avdelingen|it-ansvarlig)\s*(?:[.!]|$)"
)
# A guess at a value ("tror det er Edge") and putting the answer off ("I'll check with IT") both give no
# value; only a guess keeps a "not sure" from meaning "not known".
# "I think" / "tror jeg" alone only softens a value the customer gives ("Firefox, version 133 I think"): it
# is taken. "Maybe" / "kanskje", or "I think" with "not sure", is a guess.
_SOFT_GUESS_WORDS = r"tror\s+(?:jeg|eg|det)|jeg\s+tror|eg\s+trur|trur\s+eg|i\s+think|i\s+believe"
_STRONG_GUESS_WORDS = (
    r"kanskje|muligens|antakelig|sannsynligvis|visstnok|i\s+guess|maybe|perhaps|probably|possibly"
    r"|might\s+be|could\s+be"
)
_GUESS_WORDS = rf"{_SOFT_GUESS_WORDS}|{_STRONG_GUESS_WORDS}"
_GUESS = re.compile(rf"\b(?:{_GUESS_WORDS})\b")
# "torsdag, eller kanskje fredag", "Chrome or maybe Edge": two guesses, neither a fact
_OR_PERHAPS = re.compile(
    r"\b(?:eller\s+kanskje|eller\s+muligens|or\s+maybe|or\s+perhaps|or\s+possibly"
    # a second possibility after the answer: "lørdag tror jeg, men det kan ha vært søndag"
    # (a day, a browser or a version: "but it could have been our network" is a reason, no second value)
    r"|(?:men|but)\s+(?:det|it)\s+(?:kan|kunne|could|might|may)\s+(?:også\s+|also\s+)?(?:ha\s+vært|ha\s+vore"
    r"|have\s+been)\s+(?:(?:på|on|the|en|a)\s+)?(?:(?:man|tir|tys|ons|tor|fre|lør|laur|søn|sun|mon|tue|wed|thu"
    r"|fri|sat)\w*|i\s+går|yesterday|i\s+forgårs|\d|chrome|edge|firefox|safari|android|ios|iphone))\b"
)
# Putting the answer off or giving a reason to doubt it.
_DOUBT = re.compile(
    r"\b(?:(?:skal|må)\s+(?:jeg\s+|eg\s+|vi\s+|me\s+)?(?:nok\s+)?(?:sjekke|høre|spørre|spørje|sjekka|høyre)"
    r"|(?:have|need)\s+to\s+(?:check|ask)|i'?ll\s+(?:check|ask)"
    r"|will\s+(?:check|ask|get\s+back)|get\s+back\s+to\s+you|kommer\s+tilbake|haven'?t\s+(?:heard|asked)|(?:ikke|ikkje)\s+(?:hørt|spurt))\b"
)
_HEDGE = re.compile(rf"\b(?:{_STRONG_GUESS_WORDS})\b|{_DOUBT.pattern}")
_SOFT_GUESS = re.compile(rf"\b(?:{_SOFT_GUESS_WORDS})\b")
# Words that show a reply names users, for a first mail's reading of users to apply to it ("users",
# "kari.n", "to på lageret (lager2 og kjetil)").
_USERS_SAID = re.compile(
    r"\b(?:users?|usernames?|brukere?\w*|brukernavn\w*|colleagues?|kolleg\w*|employees?|ansatte?)\b|@|\w[._]\w"
    r"|\b(?:meg|me|og|and|to|tre|fire|fem|two|three|four|five|\d{1,3})\s+(?:\w+\s+){0,3}\(",
    re.IGNORECASE,
)
_IOS_WORD = re.compile(r"\b(?:ios|iphone\w*|ipad\w*|apple)\b")
_ANDROID_WORD = re.compile(r"\b(?:android|samsung|galaxy|pixel|motorola|huawei)\w*\b")
_THE_APP = re.compile(r"\bapp(?:en|a|s)?\b")
_APP_WORD = re.compile(r"\b(?:app|appen|appa|iphone|ipad|ios|android|samsung|galaxy|pixel|motorola)\b")
_ONCE_ONLY = re.compile(
    r"\b(?:only\s+(?:happened\s+)?once|(?:only|just)\s+happened\s+the\s+once|just\s+once|so\s+(?:just\s+|only\s+)?once|(?:just|only)\s+the\s+once|once\s+only|one\s+time|one-off|a\s+one\s+off"
    r"|(?:bare|kun)\s+(?:én|en|ein|ei)\s+gang|(?:bare\s+)?den\s+ene\s+gangen|engangstilfelle|engangs\w*"
    r"|(?:har|hadde)\s+ikke\s+skjedd\s+(?:igjen|siden)|hasn'?t\s+happened\s+(?:again|since)"
    r"|(?:har\s+)?ikkje\s+skjedd\s+(?:igjen|sidan)|(?:ikke|ikkje|not)\s+(?:siden|sidan|since)\s*(?:[.,!]|$)|det\s+var\s+(?:én|en|ein)\s+gang"
    r"|(?:never|not)\s+happened\s+(?:before|again)|(?:har\s+)?aldri\s+(?:skjedd|hendt)\s+igjen|(?:har\s+)?aldri\s+(?:skjedd|hendt|skjedd)\s+før"
    r"|(?:har\s+)?ikke\s+(?:skjedd|hendt)\s+før"
    r"|(?:det\s+er|det\s+var|this\s+is|this\s+was|it'?s|it\s+is|it\s+was)\s+(?:the\s+|den\s+)?(?:første|forste"
    r"|fyrste|first)\s+(?:gang|gongen|gangen|gong|time)\b(?!\s+(?:was|var)\b)|(?:skjedde|happened)\s+(?:bare\s+)?(?:én|en|once))"
)
_AGAIN = re.compile(
    r"\b(?:every\s+(?:single\s+)?time|each\s+time|hver\s+(?:eneste\s+)?gang|kvar\s+gong|hvar\s+gang"
    r"|hver\s+gong|varje\s+gång"
    r"|keeps\s+happening|all\s+the\s+time|hele\s+tiden|he(?:i)?le\s+tida|stadig|on\s+and\s+off|av\s+og\s+til|now\s+and\s+then"
    r"|every\s+other\s+day|it'?s\s+back|(?:er|var)\s+(?:det\s+)?tilbake|kommet\s+tilbake|come\s+back"
    r"|(?:to|tre|fire|flere|mange)\s+ganger|(?:two|three|four|several|many)\s+times|twice|igjen\s+og\s+igjen"
    r"|again\s+and\s+again|gjentatte\s+ganger|repeatedly|every\s+day|hver\s+dag|kvar\s+dag|daily|daglig"
    r"|flere\s+ganger\s+(?:om|per|i)\s+dag\w*|in\s+a\s+row|på\s+rad"
    # "it happened again today", "det har skjedd igjen", "and then again this morning"
    r"|(?:happen\w*|occurr?\w*|skj[eo]dd?e?|skjer|hendt?e?|hende|kom|came|saw|seen|got|had|fikk|hadde|såg"
    r"|sett|fått)"
    r"\s+(?:\w+\s+){0,2}?(?:again|igjen|att)"
    # "and then again this morning", "og igjen i dag"; "Yes, and again, sorry" is no second time
    r"|(?:and|og)\s+(?:then\s+|så\s+)(?:again|igjen)"
    r"|(?:and|og)\s+(?:again|igjen)\s+(?:today|now|just\s+now|this\s+\w+|yesterday|on\s+\w+day|i\s+dag|nå"
    r"|i\s+går|på\s+\w+dag|i\s+morges)"
    # "it happens with every request", "feiler ved hver lagring", "every single submit"
    r"|(?:with|for|on|at|med|på|ved|i)\s+(?:every|each|hver|hvert|kvar|kvart)\s+(?:single\s+|eneste\s+)?"
    r"(?:request|submit\w*|save|attempt|try|login|report|export|upload|sync\w*|one|forsøk|lagring|innsending"
    r"|rapport|eksport|opplasting|synk\w*|pålogging|registrering)"
    r"|every\s+single\s+(?:one|submit\w*|save|attempt|request|try)|hver\s+eneste\s+(?:en|ein|gang|gong|lagring))\b"
)
_NOT_ONCE = re.compile(
    r"\b(?:not|isn'?t|wasn'?t)\s+(?:a|an|just\s+a)\s+one-?(?:off|time)|\b(?:ikke|ikkje)\s+(?:et|eit|noe|noko)\s+engangs\w*"
    r"|\bal+ways\b|\balltid\b|\balltids\b|\bfirst\s+time\b[^.]{0,30}\bagain\b|\bførste\s+gang\b[^.]{0,30}\bigjen\b"
)
#: A bare "first time" answers how often: not again (yet).
_FIRST_TIME = frozenset(
    {"first time", "the first time", "for the first time", "første gang", "første gangen"}
)
#: A bare "once" answers "again and again, or only once?" as plainly as "only once".
_FIRST_TIME |= {"once", "one time", "en gang", "én gang", "ein gong", "éin gong", "ei gong", "1 gang"}
_WORKED_ALL_ALONG = re.compile(
    r"\b(?:funka|fungert|fungerte|virka|virket|verka|brukt|stått|vært|vore|oppe|worked|used|been|run|running"
    r"|ikkje|ikke|not)\s+(?:\w+\s+){0,2}$"
)
_FLUKE = re.compile(r"\b(?:fluke|tilfeldighet|a\s+one-time|engang)\b")
# The customer taking back what they just said: "Actually, wait -", "hold on,", "nei vent litt".
_RETRACTION = re.compile(
    r"(?:^|[.!?]\s+|,\s*|\s[-–—]\s)(?:(?:actually|faktisk|nei|no|oh|å)[,.]?\s+)?(?:wait|hold\s+on|hold\s+off"
    r"|vent\s+litt|vent\s+no|vent\s+nå|vent)\b(?!\s+(?:times?|tid\w*|screen|page|symbol|skjerm\w*)\b)[\s,.!:–—-]*",
    re.IGNORECASE,
)
_SELF_CORRECTION = re.compile(
    r"\b(?:nei|no|nope),?\s+(?:vent|wait)\b|\b(?:actually|faktisk),?\s+(?=(?:no|nei|yes|ja)\b)"
    r"|\bscratch\s+that\b|\bglem\s+det\b|\b(?:jeg|eg)\s+mener\b|\bi\s+mean(?:t)?\b|\brettelse\b"
    r"|\bcorrection\b|\bsorry,\s+(?=it'?s\b|det\s+er\b)"
    # "Nei, helst ikke. Forresten – jo, greit", "No. On second thought, yes": the customer changes their mind
    # (a "ja"/"nei" after "forresten" may answer the next question; "jo" contradicts the "no" before it)
    r"|\bforresten\s*[,–—-]?\s*(?=jo\b)"
    r"|\b(?:on\s+second\s+thought|second\s+thoughts|ombestemt\s+meg)\s*[,–—-]?\s*(?=(?:jo|ja|yes|nei|no|ok|greit|fine)\b)",
    re.IGNORECASE,
)
_VAGUE_TIME = re.compile(
    r"\b(?:(?:et|noen|eit|nokre)\s+(?:par\s+)?(?:uker|dager|måneder|veker|dagar)\s+sid[ea]n|a\s+(?:couple|few)\s+of"
    r"\s+(?:weeks|days|months)\s+ago|(?:a\s+)?(?:few|some)\s+(?:weeks|days|months)\s+ago|a\s+while\s+ago"
    r"|(?:for\s+)?en\s+stund\s+siden|some\s*time\s+ago|recently|nylig|lenge|some\s*time\s+last\s+week"
    r"|(?:en\s+gang|i\s+løpet\s+av)\s+(?:forrige|sist)\s+uke|i\s+fjor|last\s+year"
    r")\b"
)
# "I forrige uke en gang": a week, not a day (unless a weekday goes with it: "tirsdag i forrige uke").
_LAST_WEEK = re.compile(r"\b(?:i\s+)?(?:forrige|sist[ea]?)\s+(?:uke|veke)\b|\blast\s+week\b")
_ROUTINE = re.compile(
    r"\b(?:hver|kvar|every|each)\s+(?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag|måndag|tysdag"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|uke|veke|week|måned|månad|month|morgen"
    r"|morning|kveld|evening)\b|\bend\s+of\s+(?:each|every|the)\s+month\b|\bslutten\s+av\s+(?:hver\s+)?måned\b"
)
_LOGIN_NO = re.compile(
    r"\b(?:no\s+need\s+to\s+log|(?:rather|prefer)\s+(?:that\s+)?(?:you\s+)?(?:didn'?t|did\s+not|not|stayed\s+out)"
    r"|stay(?:ed)?\s+out\s+of|please\s+don'?t\s+log|do\s+not\s+log|don'?t\s+log\s+in|helst\s+ikke\s+(?:logg|pålogg)"
    r"|ikke\s+logg\s+inn|ikke\s+logge?\s+(?:inn|på|dere\s+på)|får\s+ikke\s+logge\b|far\s+ikke\s+logge\b"
    # "dere skal ikke logge inn", nynorsk "dykk får ikkje logge inn", "de får diverre ikkje logge inn hjå
    # oss": the vendor refused (a bare "de får ikkje logge inn" is as often "they cannot", a symptom; see
    # _VENDOR_REFUSED)
    r"|(?:dere|dokker|dykk)\s+(?:får|skal|må)\s+(?:dessverre\s+|diverre\s+|altså\s+|likevel\s+|)"
    r"(?:ikke|ikkje|ikkj|itj|ittj|itte)\s+logg[ae]\b(?!\s+(?:\w+\s+){0,2}(?:mer|meir)\s+enn)"
    r"|de\s+(?:får|skal|må)\s+(?:dessverre\s+|diverre\s+|altså\s+|likevel\s+|)(?:ikke|ikkje|ikkj|itj|ittj)"
    r"\s+logg[ae]\s+(?:dykk\s+|dere\s+|)(?:inn|på)\s+(?:hjå|hos|hjo)\s+oss"
    r"|trengs\s+ikke\s+(?:å\s+)?logge|ikke\s+nødvendig\s+å\s+logge|policy\s+doesn'?t\s+allow"
    r"|(?:ønsker|onsker)\s+vi\s+ikke|not\s+allowed\s+to\s+log"
    # "IT-sjefen vil ikke at dere logger inn", "my manager doesn't want you to log in"
    r"|(?:vil|ønsker|onsker)\s+ikke\s+at\s+(?:dere|du|dykk)\s+(?:\w+\s+)?logg"
    r"|(?:don'?t|doesn'?t|do\s+not|does\s+not)\s+want\s+you\s+to\s+(?:\w+\s+)?log"
    # "you are not permitted to access it", "tilgang er ikke tillatt"
    r"|(?:you|dere|du|dykk)\s+(?:are\s+not|aren'?t|er\s+ikke|har\s+ikke|har\s+ikkje)\s+(?:permitted|allowed"
    r"|authori[sz]ed|lov|tillatelse)\s+(?:til\s+)?(?:to|å|a)\s+(?:access|log|enter|logge|gå\s+inn)"
    r"|(?:access|login|logging\s+in|innlogging|pålogging|tilgang)\s+(?:is\s+not|isn'?t|er\s+ikke"
    r"|blir\s+ikke)\s+"
    r"(?:permitted|allowed|granted|approved|tillatt|godkjent|innvilget|gitt))"
)
_LOGIN_YES = re.compile(
    r"\b(?:log\s*(?:in|on)\s+(?:if|when|as)\s+(?:needed|necessary|required|it\s+helps|you\s+need)"
    r"|logg?e?\s+(?:inn|på)\s+(?:hvis|om|ved)\s+(?:det\s+trengs|det\s+hjelper|nødvendig|behov|dere\s+må)"
    r"|go\s+ahead\s+and\s+log|feel\s+free\s+to\s+log|you\s+(?:can|may|are\s+welcome\s+to)\s+(?:\w+ly\s+)?log"
    # permission in so many words: "you are permitted to access our system", "dere har lov til å logge inn",
    # "access is granted", "innlogging er tillatt"
    r"|(?:permit|allow|authori[sz]e)s?\s+you\s+to\s+(?:access|log)|\bgir\s+(?:dere|deg|dykk)\s+(?:lov"
    r"|tilgang|tillatelse)\b"
    r"|(?:you|you'?re|dere|du|dykk)\s+(?:are\s+|er\s+|har\s+)?(?:hereby\s+|herved\s+)?(?:permitted|allowed"
    r"|authori[sz]ed|cleared"
    r"|lov\s+(?:til\s+)?|tillatelse\s+(?:til\s+)?|tillat)\s+(?:to\s+|å\s+|a\s+)(?:access|log|enter|logge"
    r"|gå\s+inn)"
    r"|(?:access|login|logging\s+in|log-in|innlogging|pålogging|tilgang)\s+(?:is\s+|er\s+)?(?:hereby\s+"
    r"|herved\s+)?"
    r"(?:permitted|allowed|granted|approved|authori[sz]ed|tillatt|godkjent|innvilget|gitt)\b"
    # "Tilgang er gitt til alle i avdelingen": granted to the customer's own people, not the vendor
    r"(?!\s+(?:til|to|for)\s+(?:alle|all|everyone|everybody|våre|vore|our|de|dei|the|ansatte)\b)"
    r"|(?:permission|tillatelse)\s+(?:is\s+|er\s+)?(?:granted|given|gitt)"
    r"|(?:you'?re|you\s+are)\s+welcome\s+to\s+log|permission\s+to\s+log|sure,?\s+log\s+in"
    r"|(?:dere|du|de|dokker|dokk|dykk|døkk|dåkker)\s+(?:kan|får|må\s+gjerne|har\s+tillatelse\s+til\s+[åa])\s+"
    r"(?:gjerne\s+|godt\s+)?logg?e"
    r"|(?:by\s+all\s+means|yes,?\s+please),?\s+(?:do\s+)?log\s*(?:in|on)\b"
    r"|\bplease\s+(?:do\s+)?log\s*(?:in|on)\s+(?:and|to)\s+(?:check|look|have\s+a\s+look|see|fix|investigate"
    r"|troubleshoot)\b"
    r"|log\s+in\s+immediately|logg\s+gjerne\s+inn|tillatelse\s+til\s+[åa]\s+logge|greitt?\s+at\s+(?:de|dere)\s+logg"
    r"|går\s+fint\s+at\s+dere\s+logg|(?:pålogging|palogging|innlogging)\s+(?:er\s+|går\s+)?(?:greit|ok|fint|bra"
    r"|i\s+orden)(?!\s+(?:for|nå|now|igjen|again|hos|på|med|when|når)\b)"
    r"|(?:logging\s+in|login|log-in|innlogging|pålogging)\s+(?:is\s+|er\s+)?(?:fine|ok|okay|greit)\b(?!\s+(?:but|men)))"
)
# A yes that gives permission ("Ja, det er greitt", "Yes, no problem"): the answer to "may we log in", not
# to how often it happens.
_PERMISSION = re.compile(
    r"\b(?:det\s+er\s+greit+|det\s+går\s+(?:fint|bra)|greit+\s+for\s+(?:meg|oss)|no\s+problem|that'?s\s+fine"
    r"|fine\s+by\s+(?:me|us)|go\s+ahead|feel\s+free|be\s+my\s+guest|ingen\s+problem|bare\s+kjør|no\s+worries"
    r"|kjør\s+på|værsågod|go\s+for\s+it|jump\s+in)\b"
)
# The reply says what the case is about ("Forresten er det ROS-analysen det gjelder"): a module it names is
# the case's, asked or not.
_CONCERNS = re.compile(
    r"\b(?:det\s+er\s+\S+(?:\s+\S+)?\s+det\s+gjeld(?:er)?|it'?s\s+(?:the\s+)?\S+(?:\s+\S+)?\s+(?:that'?s|that\s+is)"
    r"\s+affected|it\s+concerns|this\s+concerns)\b"
)
_PERSONAL_NO = re.compile(
    r"\b(?:no\s+personal\s+(?:data|info\w*)|ingen\s+pers\w*opplys\w*|not\s+personal\s+data"
    r"|ikke\s+pers\w*opplys\w*|no\s+names|(?:shows?|contains?|has)\s+no\s+names|viser\s+ingen\s+navn"
    r"|ingen\s+navn|only\s+equipment\s+data|bare\s+utstyrsdata|ingen\s+personer|no\s+people|bare\s+utstyr"
    r"|bare\s+tekniske\s+data|only\s+technical\s+data)\b"
)
_PERSONAL_YES = re.compile(
    r"\b(?:(?:show|shows|contain|contains|has|have|include|includes|mention|mentions)\s+(?:our\s+|the\s+|some\s+)?"
    r"(?:employee\s+|staff\s+)?(?:names|health|sick|injury)|names\s+(?:and|of)\s+\w+|employee\s+names"
    r"|(?:viser|vise|inneholder|har)\s+(?:navn|ansatte|helse)|helseopplysning\w*|helseopplysing\w*"
    r"|namn\s+på\s+tilsette|navn\s+p[åa]\s+ansatte|st[åa]r?\s+navn|f[øo]dselsnummer|personnummer"
    r"|sykemeld\w*|sick\s+leave|injury\s+details|health\s+(?:data|information)|navn\s+og\s+telefon\w*"
    r"|names\s+and\s+phone"
    # "there's personal data", "det er personopplysninger i vedlegget" (a "no" before it is _PERSONAL_NO's)
    r"|(?:^|(?:yes|ja|jo|aye)[,.!]?\s+)(?:there\s+is|there'?s|det\s+er|det\s+finnes|det\s+fins)\s+"
    r"(?:some\s+|noen\s+|nokre\s+)?(?:personal\s+(?:data|info\w*)|pers\w*opplys\w*)\b(?!\s*\?))"
)
_COUNT_WORD = (
    r"(?:\d{1,4}|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|tolv|femten|tjue|two|three|four|five|six|seven"
    r"|eight|nine|ten|twelve|fifteen|twenty)"
)
_SEVERAL_COUNT = re.compile(
    rf"\b(?:{_COUNT_WORD}\s+(?:av|of|stykker|stykk|stykke|stk|people|persons|users|brukere|ansatte|kollegaer"
    rf"|colleagues)|(?:vi|we)\s+(?:er|are)\s+{_COUNT_WORD}\s+(?:\w+\s+)?(?:som|who|that)\b|alle\s+(?:de\s+|dei\s+)?{_COUNT_WORD}\b"
    rf"|all\s+(?:the\s+)?{_COUNT_WORD}\b"
    r"|(?:same|samme)\s+(?:problem|feil|error)|(?:kollega\w*|colleague)\s+(?:min|mi|mitt|my)?\s*(?:har|has|sier|says)"
    # "kollegaene har ikkje problemet": the colleagues are the ones it does not affect (but "har ikke hatt
    # det før, men i dag har hun det også" is one more)
    r"(?!\s+(?:ikke|ikkje|itte|itj|not|no|never|aldri|ingen)\s+(?:\w+\s+)?(?:det|problemet|feilen|it|the\s+problem"
    r"|the\s+issue|that|noe|any|problem)\b(?![^.]*\b(?:før|before|også|too|as\s+well)\b))"
    r"|a\s+few\s+of\s+us|several\s+of|flere\s+av\s+oss|noen\s+av\s+oss|fleire\s+av\s+oss"
    # "our two admins", "only those three", "våre tre sjåfører"
    r"|(?:our|my|those|these|våre|mine|dei|disse)\s+(?:two|three|four|five|six|seven|eight|nine|ten|tre|fire|fem"
    r"|seks|sju|syv|åtte|ni|ti)\b"
    # "bare de to", "kun oss tre", "only the two of them": the few named, and no one else
    r"|(?:bare|kun|berre|only|just)\s+(?:de|dei|disse|desse|oss|the|us)\s+(?:to|two|tre|three|fire|four|fem"
    r"|five)\b)"
)
# "bare meg og skjer hver gang": an "og" that starts a new clause joins no one to the writer.
_CLAUSE_WORD = (
    r"(?!(?:skjer|skjedde|er|var|har|hadde|får|fikk|så|jeg|eg|vi|kan|kunne|it|is|was|has|had|happens"
    r"|happened|i|we|now|nå|gets|get)\b)"
)
_ME_AND = re.compile(
    rf"\b(?:meg|me|jeg|eg|mæ|æ|je|mig)(?:\s+selv|\s+myself)?\s+(?:og|and|och|å|&)\s+{_CLAUSE_WORD}\w+"
    rf"|\bi\s+and\s+{_CLAUSE_WORD}\w+"
    r"|\w+\s+(?:\([^()]{1,40}\)\s+)?(?:og|and)\s+(?:meg|me|myself|mæ)\b"
)
# "Alle på lageret i Drammen", "everyone in the Bergen office", "all of the drivers at the Oslo depot": all
# of a named part of the company, which is several ("alle på kontoret" alone may be the whole company); so is
# "all" beside "the other sites are fine" or "not the office".
_PART_NOUN = (
    r"(?:avdeling\w*|kontor\w*|lager\w*|depot\w*|office|site|team\w*|skift\w*|shift|department|avd\.?"
    r"|filial\w*|branch|location|lokasjon\w*|anlegg\w*|verksted\w*|workshop|warehouse|plant|fabrikk\w*"
    r"|butikk\w*|store|crew|gruppe\w*|group|seksjon\w*|section|byggeplass\w*)"
)
_ALL_OF = r"\b(?:alle|alla|all|everyone|everybody|all\s+of\s+(?:the|our)\s+\w+|all\s+(?:the|our)\s+\w+)"
_PLACE_NAME = r"(?-i:[A-ZÆØÅ][a-zæøå]+)"
_ALL_OF_A_NAMED_PART = re.compile(
    rf"{_ALL_OF}\s+(?:som\s+jobber\s+)?(?:på|i|ved|hos|in|at|on)\s+(?:the\s+|our\s+)?"
    rf"(?:{_PLACE_NAME}\s+{_PART_NOUN}|{_PART_NOUN}\s+(?:i|in|at|på|ved)\s+{_PLACE_NAME})",
    re.IGNORECASE,
)
_ALL_OF_A_PART = re.compile(
    rf"{_ALL_OF}[^.;\n]{{0,60}}?(?:,\s*(?:but\s+|men\s+)?|\s+(?:but|men)\s+)(?:not|ikke|ikkje"
    rf"|inte)\s+(?:the\s+|på\s+|i\s+)?\w+"
    r"|\b(?:the\s+)?other\s+(?:sites|offices|departments|depots|teams|locations|shifts)\s+(?:are|is|seem)\s+"
    r"(?:fine|ok|okay|unaffected|not\s+affected)"
    r"|\b(?:ikke|not)\s+(?:de\s+andre|the\s+other|resten|the\s+rest)\b"
    # "everyone with the Manager role", "alle med rollen leder": those who have a role are some of the users
    r"|\b(?:alle|everyone|everybody)\s+(?:with|who\s+ha(?:s|ve)|med|som\s+har)\s+(?:the\s+|a\s+)?\S+\s+"
    r"(?:role|roles|rights|access)\b|\b(?:alle|everyone|everybody)\s+(?:med|som\s+har)\s+(?:rollen|rolle|tilgangen)\b"
    # "15 people out of 120", "12 av 40"
    r"|\b\d{1,4}\s+(?:\w+\s+)?(?:out\s+of|av)\s+(?:\w+\s+)?\d{1,5}\b"
    r"|\bresten\s+av\s+(?:bedriften|firmaet|selskapet|oss|huset|organisasjonen)\s+(?:merker|har|ser|får)"
    r"\s+(?:ikke|ingenting|ikkje)"
)
# "alle kontraktsansvarlige", "all the team leaders", "alle montørene": all who have one role are some of the
# users, not all of them.
_ROLE_NOUN = (
    r"\w*(?:ansvarlig\w*|leder\w*|leiar\w*|leaders?|managers?|montør\w*|montör\w*|sjåfør\w*|drivers?|nurses?"
    r"|sykepleier\w*|sjukepleiar\w*|administrator\w*|admins?|koordinator\w*|coordinators?|rådgiver\w*"
    r"|teknikere?\w*"
    r"|technicians?|operatør\w*|operators?|lærer\w*|lærar\w*|teachers?|selger\w*|inspektør\w*|inspectors?"
    r"|saksbehandler\w*|supervisors?|mekaniker\w*|mechanics?|elektriker\w*|electricians?|formenn|foremen"
    # batch 11: "all the field techs", "alle gutta ute" (a crew named by who they are)
    r"|techs?|gutta|guttane|jentene|jentone)"
)
_ALL_OF_A_ROLE = re.compile(rf"{_ALL_OF}\s+(?:\w+\s+)?{_ROLE_NOUN}\b")
# "the whole night shift", "heile teknisk etat", "everyone on night shift", "all the nurses on the evening
# shift": all of a part of the company (an office may be all of it, so it is not one here).
_WHOLE_PART_NOUN = (
    r"\w*(?:avdeling\w*|lager\w*|depot\w*|site|team\w*|skift\w*|\w*shift|department|etat\w*|besetning\w*"
    r"|mannskap\w*|crew|gruppe\w*|group|seksjon\w*|section|verksted\w*|workshop|warehouse|anlegg\w*)"
)
_WHOLE_PART = re.compile(
    rf"\b(?:hele|heile|whole|entire)\s+(?:the\s+)?(?:\w+\s+)?{_WHOLE_PART_NOUN}\b"
    rf"|\b(?:alle|everyone|everybody|all\s+(?:of\s+)?(?:the|our)\s+\w+)\s+(?:på|i|ved|on|in|at)\s+(?:the\s+)?"
    rf"(?:\w+\s+)?{_WHOLE_PART_NOUN}\b"
)
# "About ten of the carers", "tre av oss": some of a group.
_PARTITIVE = re.compile(
    rf"\b(?:about\s+|around\s+|ca\.?\s+|rundt\s+)?{_COUNT_WORD}\s+(?:of|av)\s+(?:the|our|us|oss|de|dei|våre)\b"
)
# "everyone who uses an iPhone": those on one kind of device are some of the users.
_EVERYONE_ON_A_DEVICE = re.compile(
    r"\b(?:alle|everyone|everybody)\s+(?:som|who|that|with|med|on|på)\s+(?:\w+\s+){0,2}(?:an?\s+|en\s+|ei\s+)?"
    r"(?:iphone|ipad|android|mac|samsung|mobil\w*|phones?|telefon\w*|nettbrett\w*|tablets?)\b"
)
# "hele firmaet", "heile kontoret", "the entire organisation": the whole of the customer (an office too,
# unlike a team or a shift, see `_WHOLE_PART`).
_WHOLE_COMPANY = (
    r"\b(?:hele|heile|whole|entire)\s+(?:the\s+)?(?:firmaet|firmaene|bedriften|bedrifta|selskapet"
    r"|organisasjonen"
    r"|kontoret|huset|company|firm|business|organi[sz]ation|office)\b"
)
# "Alle 40 brukerne våre", "all 40 of us", "alle vi 12 som bruker det": everyone, counted; not some of them.
_EVERYONE_COUNTED = re.compile(
    r"\b(?:alle|all|alle\s+vi|all\s+of\s+(?:us|the|our)|every\s+one\s+of\s+(?:us|the|our)|each\s+of\s+(?:us"
    r"|the|our)"
    rf"|hver\s+eneste\s+av\s+(?:de|oss|våre))\s+(?:the\s+|de\s+|dei\s+)?{_COUNT_WORD}\s+"
    r"(?:of\s+us|av\s+oss|(?:som|who)\s+(?:bruker|brukar|uses?|har|has|have)\b|(?:våre\s+"
    r"|our\s+)?(?:brukern[ea]"
    r"|brukarane|brukere|users|ansatte|tilsette|employees|staff|people\s+in\s+the\s+company)\b)"
)
# "Begge skiftene på fabrikken, altså alle sammen", "the two offices, i.e. everyone": what a reply sums up
# as all is all, whatever parts it named before.
_RESTATED_ALL = re.compile(
    r"(?:\baltså|\bdvs\.?|\bdet\s+vil\s+si|\bi\.\s?e\.?|\bthat\s+is|\bin\s+other\s+words|\bmed\s+andre\s+ord"
    r"|\bbasically|\bi\s+praksis|\bin\s+practice|\beffectively)\s*[,:]?\s*(?:alle|all|everyone|everybody"
    r"|alle\s+sammen"
    rf"|all\s+of\s+us|alle\s+mann)\b(?!\s+(?:på|i|ved|on|in|at|som|who|with|med)\b)|{_WHOLE_COMPANY}"
)
# A reply that starts by saying all ("Alle sammen, vi er 14", "Everyone. We are 12 in all").
_ALL_FIRST = re.compile(
    r"\s*(?:alle|alle\s+sammen|all|all\s+of\s+us|alle\s+mann|everyone|everybody)"
    r"(?:\s+(?:hos\s+oss|her|i\s+firmaet|of\s+us|here|in\s+the\s+company))?\s*(?:[,.;:!–-]|$)"
)
# "Alle som bruker modulen, rundt 30 stk": everyone who uses it is all, however many that is.
_EVERYONE_WHO = re.compile(
    r"\b(?:alle|everyone|everybody|all\s+(?:the\s+)?(?:users|people))\s+(?:som|who|that)\s+(?:bruker|brukar"
    r"|uses?|har|has|have|logger|logs?)\b"
)
_ONLY_ME = re.compile(
    r"\b(?:only|just)\s+(?:to|for)\s+me\b|\b(?:only|just|bare|kun)\s+(?:on|at|på)\s+(?:my|min|mi|mitt)\s+\w+"
    r"|\b(?:i\s+am|i'?m|jeg\s+er|eg\s+er|æ\s+e|e\s+e)\s+(?:the\s+|den\s+)?(?:only\s+one|eneste|einaste)\b"
    r"|\b(?:bare|kun|only|just)\s+(?:min|my)\s+(?:sjef|leder|kollega|boss|manager|colleague)\b"
    r"|\b(?:bare|kun)\s+(?:sjefen|lederen|kollegaen)\s+(?:min|mi)\b|\b(?:only|just)\s+i\s+(?:am|have|get)\b|\b(?:bare|kun|bara)\s+(?:jeg|eg|je)\s+(?:som\s+)?(?:har|får|er|fær)\b|\b(?:bare|kun|bara|only|just)\s+(?:meg|me|eg|mæ|æ|mig)\b|\b(?:bare|kun|only|just)\s+(?:the\s+)?(?:one\s+)?"
    r"(?:user|brukeren|bruker|person|one\s+(?:user|person)|(?:én|en|ein)\s+(?:bruker|person))\b"
    r"|\b(?:only|just)\s+one\s+(?:user|person)\b|\bde\s+e\s+bare\b"
    r"|\b(?:only|just|bare|kun)\s+(?:one|én|ein|éin|ei|en)\s*(?:[:,.!]|$)"
)
# An answer that opens with its verdict: "Ja, ...", "No, ...", "Uansett, ja", "Either way: yes".
_PLAIN_ANSWER = re.compile(r"\s*(?:ja|nei|yes|no|jo|aye|uansett|anyway|either\s+way)\b")
_RECORD_ID = re.compile(r"\b([A-ZÆØÅ]{1,5}(?:-\d{2,6}){1,2})\b")
_TYPO_BROWSERS = {
    "crome": "Chrome", "chrom": "Chrome", "krome": "Chrome", "google crome": "Chrome", "firefx": "Firefox",
    "firefoks": "Firefox", "fire fox": "Firefox", "firfox": "Firefox", "egde": "Edge", "safary": "Safari",
}  # fmt: skip
_BROWSER_TYPO = re.compile(r"\b(?:" + "|".join(_TYPO_BROWSERS).replace(" ", r"\s+") + r")\b", re.IGNORECASE)
_NOT_BROWSER = re.compile(
    r"\b(?:ikke|ikkje|not)\s+(?:i\s+|in\s+)?(chrome|edge|firefox|safari|opera|brave|vivaldi)\b"
)
_BROWSER_NAME = re.compile(r"\b(?:chrome|edge|firefox|safari|opera|brave|vivaldi)\b")
# "We used to use Internet Explorer, now Edge", "Safari is my home computer": a browser that is not the one
# with the problem.
_FORMER_BROWSER = re.compile(
    r"\b(?:used\s+to\s+(?:use|be\s+on|have)|brukte|tidligere|previously|før\s+brukte\s+vi"
    # "Before we had Firefox but now Chrome", "før hadde vi Edge"
    r"|(?:before|earlier|før|tidligere)\s+(?:we|i|vi|jeg|eg|me)\s+(?:had|used|were\s+on|was\s+on|hadde|brukte"
    r"|var\s+på))\s+(?:\w+\s+){0,2}?(chrome|edge|firefox|safari|opera|brave|vivaldi)\b"
    r"|\b(chrome|edge|firefox|safari|opera|brave|vivaldi)\s+(?:is|er)\s+(?:on\s+|p[åa]\s+)?(?:(?:my|min|mi|mitt)\s+)?"
    r"(?:home|hjemme)"
    # "Chrome at home", "Edge hjemme", "Firefox på hjemme-PC-en": where the problem is not
    r"|\b(chrome|edge|firefox|safari|opera|brave|vivaldi)\s+(?:\w+\s+){0,2}?(?:at\s+home|hjemme|heime"
    r"|(?:on|p[åa])\s+(?:my\s+|min\s+|mi\s+)?(?:home|private|personal|hjemme|privat)[\w-]*\s*(?:pc|computer"
    r"|laptop|mac"
    r"|maskin\w*|data\w*))\b"
    r"|\b(?:at\s+home|hjemme|heime)\s*[:,–-]?\s*(?:(?:i|we)\s+use\s+|bruker\s+(?:jeg|eg|vi)\s+)?"
    r"(chrome|edge|firefox|safari|opera|brave|vivaldi)\b"
    # "prøvd Chrome en gang tidligere", "tried Firefox once previously": a browser of an earlier try
    # (not "Chrome tidligere i dag": earlier today)
    r"|\b(chrome|edge|firefox|safari|opera|brave|vivaldi)\s+(?:(?:en|ein|ei)\s+gang|once)\s+(?:tidligere"
    r"|tidlegare|previously|before)\b"
)
_ALL_USERS = re.compile(
    r"\b(?:(?:det\s+)?gjeld(?:er)?|affects|affected|it\s+affects)\s+(?:alle|all|everyone|everybody)\b"
    r"|\ball\s+of\s+them\b"
    r"|\b(?:everyone|everybody)\s+(?:has|have|gets|is)\b|\ball\s+(?:our\s+|the\s+)?users\b|\balle\s+brukern[ea]\b"
    rf"|{_WHOLE_COMPANY}"
)
_HANDLER = re.compile(
    r"\b(?:like|want|prefer|ask\s+for)\s+([A-ZÆØÅ][a-zæøå]+(?:\s[A-ZÆØÅ][a-zæøå]+)?)(?:\s+(?:from|at|on)\s+your"
    r"\s+(?:side|end|team))?\s+to\s+(?:handle|take|look)"
    r"|\b(?:gjerne\s+at|ønsker\s+at|helst\s+at|vil\s+gjerne\s+at)\s+([A-ZÆØÅ][a-zæøå]+(?:\s[A-ZÆØÅ][a-zæøå]+)?)"
    r"(?:\s+(?:hos|fra)\s+(?:dere|dykk))?\s+(?:tar|håndterer|ser\s+på|får)"
)
_WEEKDAY_NAMES = (
    r"mandag|måndag|monday|tirsdag|tysdag|tuesday|onsdag|wednesday|torsdag|thursday|fredag|friday|lørdag|laurdag"
    r"|lordag|saturday|søndag|sundag|sondag|sunday"
)
_WEEKDAY = re.compile(rf"\b(?:{_WEEKDAY_NAMES})\b")
_NOTICED = re.compile(
    r"\b(?:first\s+)?(?:noticed|spotted|discovered|saw\s+it)\b|\b(?:oppdaget|oppdaga|merket|merka|la\s+merke\s+til"
    r"|så\s+det\s+(?:først|i\s+går|i\s+dag|i\s+morges)|såg\s+det)\b"
)
_TO_BOTH = re.compile(
    # after an acknowledgement that is no verdict of its own: "OK then - no to both", "Ok, nei til begge"
    r"\s*(?:(?:ok|okay|okei|greit|well|alright|then|da|då|så)\b[\s,.:!–—-]*)*"
    r"(yes|no|ja|nei|jepp|yep|nope)\W*\s*(?:to|til|på|for)\s+(?:both|all|begge|alle)"
    r"(?:\s+(?:of\s+them|delene|to|questions|spørsmålene))?(?:\W*$|\s*[,.!;:–—-]+\s)"
)
_OTHERS_FINE = re.compile(
    r"\b(?:(?:everyone|everybody|all|the\s+rest)\s+(?:else|of\s+(?:us|them))|alle\s+andre|resten(?:\s+av\s+\w+)?|the\s+others)"
    r"\s+(?:\w+\s+){0,4}?(?:is|are|er|har\s+det)\s+(?:fine|ok|okay|good|unaffected|bra|fint|greit|ikke\s+berørt)\b"
)
# A sentence about what is to come ("Vi har revisjon på fredag", "the audit is next week"): its day is a
# plan, not when the problem was seen.
_PLAN = re.compile(
    r"\b(?:skal\s+(?:ha|vi|være|vere)|neste|kommende|next|coming|upcoming|will\s+(?:be|have)|going\s+to|planned"
    r"|planlagt|frist|deadline)\b"
    r"|\b(?:før|innen|before|by|ahead\s+of)\s+(?:the\s+|our\s+)?(?:revisjon\w*|audit|tilsyn\w*|inspection|kontroll\w*"
    r"|møte\w*|meeting|fristen|lønnskjøring\w*|payroll)\b|\b(?:vi\s+)?(?:har|får|skal\s+ha)\s+(?:\w+\s+){1,2}(?:på|den|on)\s+"
    rf"(?:{_WEEKDAY_NAMES}|\d)"
    rf"|\bkommer\s+(?:hit\s+|til\s+oss\s+|tilbake\s+)?(?:på\s+)?(?:{_WEEKDAY_NAMES})"
)
_NAME_LEAD = re.compile(r"^(?:only|just|bare|kun|det\s+er|it'?s|it\s+is)\s+", re.IGNORECASE)
_NAME_WORD = re.compile(r"[A-ZÆØÅ][a-zæøåéü'-]+(?:-[A-ZÆØÅ][a-zæøåé]+)?")
_NOT_NAMES = frozenset(
    (
        "ja",
        "nei",
        "til",
        "like",
        "such",
        "slik",
        "sånn",
        "yes",
        "no",
        "alle",
        "all",
        "everyone",
        "bare",
        "meg",
        "me",
        "only",
        "just",
        "flere",
        "several",
        "some",
        "noen",
        "vi",
        "we",
        "it",
        "det",
        "den",
        "the",
        "edge",
        "chrome",
        "firefox",
        "safari",
        "ios",
        "android",
        "iphone",
        "ipad",
        "i",
        "jeg",
        "eg",
        "sorry",
        "beklager",
        "beklagar",
        "orsak",
        "unnskyld",
        "ok",
        "okay",
        "tre",
        "fire",
        "to",
        "two",
        "three",
        "four",
        "hele",
        "ingen",
        "none",
        "everybody",
        # "All users except admins": the words of a scope, not logins
        "except",
        "but",
        "unntatt",
        "untatt",
        "utenom",
        "bortsett",
        "apart",
        "other",
        "others",
        "affected",
    )
)
# Words after "users"/"brukerne" that are no username ("brukerne våre", "user has it").
_NOT_NAMES |= frozenset(
    {"våre", "vare", "våra", "our", "min", "mi", "mitt", "mine", "my", "egen", "eigen", "own", "dems",
     "deres", "their", "sine",
     "both", "både", "has", "have", "har", "is", "er", "som", "that", "who",
     "are", "affected", "berørt", "berørte", "in", "i", "på", "at", "with", "med", "can", "kan", "hos"}
)  # fmt: skip
_QUESTION_WORD = re.compile(
    r"\b(?:hva|hvorfor|hvordan|hvor|teller|regnes|gjelder|betyr|mener|what|why|how|where|which|do|does|is|are"
    r"|count|counts|mean|means|er\s+det|må\s+vi|skal\s+vi|should|must|kva|korleis|kvifor|kor)\b"
)
_ASK_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "personal_data",
        re.compile(r"personopplysning|personal data|personal information|gdpr|persondata|personopplysing"),
    ),
    ("login_allowed", re.compile(r"logge?r? (?:inn|på)|pålogging|innlogging|log ?in|login|tilgang|access")),
    ("browser", re.compile(r"nettleser|browser")),
    ("app_version", re.compile(r"app-?versjon|app version|versjon|version")),
)
_SECOND_PROBLEM = re.compile(
    r"\b(?:(?:et|eit)\s+annet\s+problem|(?:en|ein)\s+annen\s+(?:feil|ting|sak)|(?:et|eit)\s+anna\s+problem"
    r"|another\s+(?:problem|issue|bug|error|thing)|a\s+(?:second|separate|different)\s+(?:problem|issue|bug)"
    r"|(?:også|og)\s+(?:et|eit)\s+problem\s+med|also\s+(?:have|having|got)\s+(?:a|an)\s+(?:problem|issue)"
    r"|while\s+i\s+have\s+you|mens\s+jeg\s+har\s+dere|unrelated)\b",
    re.IGNORECASE,
)
_SAME_AS = re.compile(
    r"\b(?:samme\s+som|same\s+as|som\s+i|as\s+in|like\s+in|like)\s+(?:sist|last\s+time|forrige\s+gang|before"
    r"|i\s+|in\s+)?[\s,(]*(?:se\s+|see\s+)?(?:sak|saken|case|ticket)\s*(?:nr\.?\s*|no\.?\s*)?#?\s*(\d{1,9})\b",
    re.IGNORECASE,
)
# Labels as the bot's own summary writes them, and as customers copy them.
_LABEL_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "affected_users",
        re.compile(r"berørte brukere|affected users|brukere|users|login ?id|user ?id|username|brukernavn"),
    ),
    ("scope", re.compile(r"^(?:gjelder|affected|omfang|scope|hvem|who|berørte|users affected)$")),
    ("login_allowed", re.compile(r"pålogging|palogging|login|log in|innlogging|tilgang|access")),
    ("personal_data", re.compile(r"personopplysning|personal|persondata|gdpr")),
    ("observed_on", re.compile(r"observert|observed|dato|date|når|when|første gang|forste gang|first")),
    ("recurring", re.compile(r"gjentak|recurr|hver gang|every time|frequency|hvor ofte|how often")),
    ("app_version", re.compile(r"^(?:app-?)?versjon$|^(?:app )?version$")),
    ("browser", re.compile(r"nettleser|browser|^app\b|plattform|platform|telefon|phone|device|enhet")),
)


def read_answer(
    text: str,
    *,
    asked: Sequence[str],
    sent_at: datetime | None = None,
    vocabulary: Vocabulary = DEFAULT_VOCABULARY,
    still_open: Sequence[str] = (),
) -> Answer:
    """What a reply says, read in the light of the questions it answers.

    `asked` is the ordered list of fields the bot's last question numbered 1..n ("browser" stands for a
    browser or the app's platform and version). `text` is the raw reply, quoted question included.

    Each answer is read by its content first: "Firefox" is a browser and "no personal info" answers the
    personal-data question whatever number the customer put in front of it. What the content does not
    place goes by the question's number, by its place among the reply's lines or sentences when there is
    one per question, or (a bare yes or no) to the yes/no questions left, in order, when their count
    matches. "Vet ikke" / "I don't know" records the field as not known; a hedged value ("tror det er
    Edge, men er ikke sikker") is not taken; a question about a question ("do names count as personal
    data?") is returned in `asks_about`. Pure: no I/O, never raises on any text.

    `still_open` names fields the case still lacks that were not asked this time (asked earlier, or given
    up on): a reply may still answer them in its own words ("it happens with every request"), though
    never by number or place.
    """
    reading = _Reading()
    where_asked = any(name in _WHERE for name in asked)
    heard = [
        *asked,
        *(name for name in still_open if name not in asked and not (where_asked and name in _WHERE)),
    ]
    own = _own_text(text)
    second = _second_problem(own)
    reading.same_as = _same_as_case(own)
    for answered, segment in _segments(text, asked):
        segment = _without_taken_back(strip_signature(segment), asked)
        if second:
            segment = segment.replace(second, "")
        if not segment.strip():
            continue
        items = [_Item(segment, answered)] if answered is not None else _items(segment, asked)
        for item in items:
            reading.trail.append(_Step())
            _read_item(item, asked, heard, sent_at, vocabulary, reading)
    _place_loose(reading, asked)
    found = reading.found
    if "personal_data" in reading.asks_about - reading.answered_beside_question:
        # "Do employee ids count? The report has ids but no names": what the data is, described by someone
        # unsure whether it counts; the question is asked again with what counts and why.
        found.pop("personal_data", None)
    limited = found.get("login_allowed") is True and bool(_LOGIN_LIMIT.search(own.lower()))
    if limited:
        # "Ja, men bare i dag", "yes, until Friday": consent for a while, which staff settle with the customer
        # (a grant has no end but the case's)
        del found["login_allowed"]
    for name in list(found):
        if name in reading.unknown:
            reading.unknown.discard(name)
    fields = Fields(**{k: v for k, v in found.items() if k in FIELD_NAMES})
    return Answer(
        fields=fields,
        corrections=frozenset(reading.corrections),
        commands=read_commands(text),
        unknown=frozenset(reading.unknown),
        asks_about=frozenset(reading.asks_about),
        new_problem=bool(second),
        same_as_case=reading.same_as,
        second_problem=second,
        in_app=reading.in_app and not any(n in found for n in ("browser", "app_platform")),
        login_limited=limited,
    )


@dataclass
class _Reading:
    """What has been read from a reply so far."""

    found: dict[str, Any] = field(default_factory=dict)
    corrections: set[str] = field(default_factory=set)
    unknown: set[str] = field(default_factory=set)
    asks_about: set[str] = field(default_factory=set)
    #: Fields asked about that had a value by the time the question was asked ("ja, men hvorfor det?"), or
    #: that a later answer states plainly ("Ja, det er personnummer i fila", "anyway, no").
    answered_beside_question: set[str] = field(default_factory=set)
    #: The reply's answers in the order written: what each settled, or what it left for its place.
    trail: list[_Step] = field(default_factory=list)
    #: Fields an answer gave to its own question (by label, number or place): a mention of the same field
    #: elsewhere in the reply ("PS: my colleague got it today") does not replace it.
    placed: set[str] = field(default_factory=set)
    same_as: int | None = None
    in_app: bool = False
    #: The yes/no field the answer just before asked about without a verdict ("Why do you need to log in?").
    questioned: str | None = None


# Words that tie a date in a reply to when the problem was seen, started or happened.
_SEEN_CUE = re.compile(
    r"\b(?:noticed|spotted|discovered|saw|seen|started|began|begun|happened|occurred|since|first|oppdaget"
    r"|oppdaga|merket|merka|startet|starta|begynte|byrja|skjedde|skjedd|hendte|siden|sidan|først|første|fyrste"
    r"|såg|så\s+(?:vi|jeg|eg|det)|kom|came|appeared|dukket|feil|error|problem\w*|issue|bug)\b"
)
_ORDINALS = {
    "first": 0,
    "1st": 0,
    "første": 0,
    "forste": 0,
    "fyrste": 0,
    "second": 1,
    "2nd": 1,
    "andre": 1,
    "third": 2,
    "3rd": 2,
    "tredje": 2,
    "fourth": 3,
    "4th": 3,
    "fjerde": 3,
}
_ORDINAL_ITEM = (
    r"(ja|yes|nei|no)\s+(?:to|til|på)\s+(?:the\s+|det\s+|den\s+|)"
    r"(first|1st|første|forste|fyrste|second|2nd|andre|third|3rd|tredje|fourth|4th|fjerde)"
    r"(?:\s+(?:one|question|spørsmålet|spørsmål))?"
)
_ORDINAL_VERDICT = re.compile(_ORDINAL_ITEM)
# A sentence that is nothing but such verdicts: "Yes to the first one, no to the second."
_ORDINAL_SENTENCE = re.compile(
    rf"\s*{_ORDINAL_ITEM}(?:\s*(?:,|and|og|men|but|,\s*(?:and|og|men|but))\s*{_ORDINAL_ITEM})*\s*[.!]?\s*"
)
# A day the trouble runs from: "sia mandag", "since Monday", "fra og med 3. november"
_SINCE_DAY = re.compile(
    r"\b(?:siden|sidan|sia|since|fra og med|frå og med|from)\s+(?:(?:last|forrige|førre|sist)\s+|)"
    r"(?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag|måndag|tysdag|laurdag|sundag|monday|tuesday"
    r"|wednesday|thursday|friday|saturday|sunday)"
)
# A booking or a course, whose date is when it takes place.
_BOOKED = re.compile(
    r"\b(?:set av|sett av|reserve\w*|book\w*|bestill\w*|påmelding\w*|meld\w* på|sign(?:ed)? up|seats?"
    r"|plass(?:er|ar)?|places|kurs\w*|course\w*|training|opplæring\w*|webinar\w*)\b"
)
# Consent for a while only: "ja, men bare i dag", "yes, but only until Friday", "fram til fredag"
# At an answer's start ("Ja, men bare i dag", "1. Ja, men …"), not inside a sentence ("det fungerte fint
# fram til fredag")
_LIMIT_YES = (
    r"(?:^|(?<=[.!:\n)])|(?<=[.!:\n)]\s))(?:ja|jo|yes|ok|okay|sure|logg (?:gjerne |)inn|log in|you can log in"
)
_LOGIN_LIMIT = words(
    _LIMIT_YES
    + r"|dere kan logge inn)\b[,.!]?\s+(?:men\s+|but\s+|)(?:bare|kun|berre|only|just(?=\s+for\b))\s+"
    r"(?:for\s+|)"
    r"(?:i dag|i morgen|i morgon|today|tomorrow|this week|denne uka|denne uken|denne veka|ut uka|ut veka)\b|"
    + _LIMIT_YES
    + r"|dere kan logge inn)\b[,.!]?\s+(?:men\s+|but\s+|)(?:bare\s+|kun\s+|berre\s+|only\s+|)"
    r"(?:fram til|frem til|inntil|until|till|up to|up until|til og med|til)\s+(?:og med\s+|)(?:i morgen"
    r"|i morgon|tomorrow|mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag|måndag|tysdag|laurdag|sundag"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|end of|slutten|\d{1,2}\.)"
)
# An answer that opens with "De får ikkje logge inn" ("de" is nynorsk for "you"), nothing after it that makes
# it a symptom ("med BankID", "sjølv", "på appen").
_VENDOR_REFUSED = re.compile(
    r"\s*(?:(?:nei|no)[,.!]?\s+)?de\s+(?:får|skal|må)\s+(?:ikkje|ikkj|itj|ittj|ikke)\s+logg[ae]\s+(?:dykk\s+"
    r"|)(?:inn|på)\b(?!\s+(?:med|sjølv|selv|på\s+(?:appen|mobilen)|i\s+appen|lenger|meir|mer|før)\b)"
)
# A verdict said to a question by its subject: "nei til personopplysninger", "yes to logging in"
_YES_NO_TO = re.compile(
    r"(?:^|[.,;:!\n]\s*|\b(?:og|and|men|but)\s+)(?:(ja|nei)\s+til|(yes|no)\s+to)\s+(?:the\s+)?"
    r"(personopplysning\w*|personopplysing\w*|personal\s+data|personal\s+info\w*|gdpr|pålogging\w*"
    r"|palogging\w*|innlogging\w*|login|logging\s+in|log-in)\b(?!\s+(?:prompt|dialog|button|knapp\w*|i appen"
    r"|in the app))"
)
# A verdict drawn from what went before: "Nei altså.", "So no.", "Then no."
# ("Det ser jeg ikke behovet for, så nei."), the whole of what follows the question, nothing after the verdict
_BARE_DRAWN = re.compile(
    r"(?:[^.!?\n]*?,\s*|)(?:so|så|then|altså|derfor)\s+(nei|no|ja|yes)(?:\s*,?\s*(?:takk|thanks|sorry))?[\s.!]*"
    r"|(nei|no|ja|yes)\s+(?:altså|then)[\s.!]*"
)


@dataclass
class _Step:
    """One answer of a reply, in order: the asked fields its words settled, or, when its words place it
    nowhere, what it says for whichever question its place in the order points to."""

    settled: set[str] = field(default_factory=set)
    #: A bare yes or no that no question claimed (no number, no place, no words naming one).
    loose: bool | None = None
    #: A bare yes or no by its number or place: taken unless another answer's words settled that question.
    slotted: tuple[str, bool] | None = None
    #: "Vet ikke" / "not sure" with nothing saying which question it answers.
    unknown: bool = False
    #: The questions a "vet ikke" may answer, most likely first (`_unknown_options`).
    unknown_options: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Item:
    """One answer in a reply: its words, and the asked field its number, place or label points to."""

    text: str
    slot: str | None
    labelled: bool = False


def _segments(text: str, asked: Sequence[str]) -> list[tuple[str | None, str]]:
    """The reply cut into (field answered, text) pieces: text under a quoted question answers that question,
    text elsewhere is free (None)."""
    pieces: list[tuple[str | None, str]] = []
    current: str | None = None
    buffer: list[str] = []
    for line in reply_lines(text):
        stripped = line.lstrip()
        if stripped.startswith(">"):
            if any(b.strip() for b in buffer):
                pieces.append((current, "\n".join(buffer)))
            buffer = []
            question = stripped.lstrip("> ").strip()
            if question:
                current = _question_field(question, asked) or current
            continue
        buffer.append(line)
    if any(b.strip() for b in buffer):
        pieces.append((current, "\n".join(buffer)))
    return pieces


def _question_field(question: str, asked: Sequence[str]) -> str | None:
    """Which asked field a quoted line of the bot's question is about."""
    numbered = _NUMBERED.match(question)
    if numbered:
        index = int(numbered.group(1))
        if 1 <= index <= len(asked):
            return asked[index - 1]
    low = question.lower()
    for field_name, cue in _FIELD_CUES:
        if field_name in asked and cue.search(low):
            return field_name
    return None


#: Where a line may hold a second label after the end of a sentence ("Personal data: yes. Login: no.").
_LABEL_AFTER_SENTENCE = re.compile(r"(?<=[.;,])\s+(?=[A-Za-zÆØÅæøå][\w /-]{1,40}?\s*[:=])")


def _label_run(line: str) -> list[str]:
    """A line of several labelled answers, or a plain answer and labelled ones after it, cut into one piece
    per answer; any other line as it is."""
    pieces = _LABEL_AFTER_SENTENCE.split(line)
    if len(pieces) < 2:
        return [line]
    # "ok for innlogging. persondata: nei": a plain answer may come first, the labelled ones after it.
    for piece in pieces[1:]:
        label = _label(piece)
        if label is None or _label_field(label[0]) is None:
            return [line]
    return pieces


_BARE_NUMBERED = re.compile(r"^\s*(\d{1,2})\s+(?![-–.):])(\S.*)$")
_SLASHES = re.compile(r"\s+/\s+")
_LETTERED = re.compile(r"^\s*([a-h])\s*[.)]\s+(\S.*)$", re.IGNORECASE)
_BARE_NUMBER_IN_LINE = re.compile(r"(?:^|\s)(\d)\s+(?=[^\d\s])")


def _bare_numbers(lines: list[str], asked_count: int) -> list[str]:
    """Answers numbered their own way, as numbered answers: lines numbered without a stop ("1 ja,
    helseopplysninger" / "2 ja" / "3 nei") or lettered ("a) alle" / "b) ja"), when the numbers or
    letters that start them run 1, 2, 3 ... or a, b, c ... (a single "2 brukere" stays an answer); and
    one line with a bare number before each answer ("1 chrome 2 bare meg 3 ja"), when there is one
    such number per question asked, in order."""
    if len(lines) == 1 and asked_count > 1:
        slashed = [part for part in _SLASHES.split(lines[0]) if part.strip()]
        if len(slashed) == asked_count:
            return slashed  # "Edge 131 / intermittent, maybe every other day"
        numbered = _one_line_numbers(lines[0], asked_count)
        return numbered if len(numbered) > 1 else _one_line_letters(lines[0], asked_count)
    for pattern, first in ((_BARE_NUMBERED, "1"), (_LETTERED, "a")):
        matches = [pattern.match(line) for line in lines]
        marks = [m.group(1).lower() for m in matches if m]
        expected = [chr(ord(first) + i) if first == "a" else str(i + 1) for i in range(len(marks))]
        if len(marks) >= 2 and marks == expected:
            return [
                f"{(expected.index(m.group(1).lower()) + 1)}. {m.group(2)}" if m else line
                for m, line in zip(matches, lines, strict=True)
            ]
    return lines


def _one_line_numbers(line: str, asked_count: int) -> list[str]:
    """ "1 chrome 2 bare meg 3 ja" as three numbered lines when its bare numbers are exactly 1..n for the
    n questions asked and the first starts the line; the line as it is otherwise."""
    starts = list(_BARE_NUMBER_IN_LINE.finditer(line))
    numbers = [int(m.group(1)) for m in starts]
    if numbers != list(range(1, asked_count + 1)) or line[: starts[0].start()].strip():
        return [line]
    ends = [m.start() for m in starts[1:]] + [len(line)]
    return [f"{n}. {line[m.end() : end].strip()}" for n, m, end in zip(numbers, starts, ends, strict=True)]


_LETTER_IN_LINE = re.compile(r"(?:^|\s)([a-h])\)\s+", re.IGNORECASE)


def _one_line_letters(line: str, asked_count: int) -> list[str]:
    """ "a) all of us b) yes c) no" as three numbered lines when its letters with ")" are exactly a, b, c
    ... for the questions asked and the first starts the line; the line as it is otherwise."""
    starts = list(_LETTER_IN_LINE.finditer(line))
    letters = [m.group(1).lower() for m in starts]
    if letters != [chr(ord("a") + i) for i in range(asked_count)] or line[: starts[0].start()].strip():
        return [line]
    ends = [m.start() for m in starts[1:]] + [len(line)]
    return [
        f"{n}. {line[m.end() : end].strip()}"
        for n, m, end in zip(range(1, asked_count + 1), starts, ends, strict=True)
    ]


def _items(segment: str, asked: Sequence[str]) -> list[_Item]:
    """A free piece of a reply as answers: numbered parts, labelled lines, then lines or sentences, each
    with the asked field its number, label or place points to."""
    numbered: list[_Item] = []
    labelled: list[_Item] = []
    plain: list[str] = []
    lines = _bare_numbers(
        [piece for line in segment.split("\n") if line.strip() for piece in _label_run(line)], len(asked)
    )
    for index, line in enumerate(lines):
        stripped = line.strip()
        # A name alone on the first or last of several lines greets or signs; elsewhere it answers.
        edge = len(lines) > 1 and index in (0, len(lines) - 1)
        if (
            (_GREETING.match(stripped) or (edge and _NAME_LINE.match(stripped)))
            and not _KEEP_WORD.match(stripped)
            and not _BROWSER_TYPO.search(stripped)
        ):
            continue
        parts = _numbered_parts(line)
        if parts:
            for number, value in parts:
                slot = asked[number - 1] if 1 <= number <= len(asked) else None
                numbered.append(_Item(value, slot))
            continue
        label = _label(line)
        field_name = _label_field(label[0]) if label else None
        if field_name == "browser" and "browser" not in asked:
            # "Plattform: aner ikke", "App: 6.3.2" under the app's questions answer those questions.
            field_name = next((name for name in ("app_platform", "app_version") if name in asked), field_name)
        if label and field_name:
            value = label[1]
            inner = _label(value)
            if inner and _label_field(inner[0]) == field_name:
                value = inner[1]  # "Login allowed: Login: sure": the customer kept our label and wrote theirs
            # "Det gjeld alle fire: lars.h, tone og jbk. Det byrja laurdag.": the label's answer is its first
            # sentence; what follows is read as an answer of its own
            first, *rest = _SENTENCE_END.split(value, maxsplit=1)
            labelled.append(_Item(first, field_name, labelled=True))
            if rest and rest[0].strip(" .!"):
                labelled.append(_Item(rest[0], None))
            continue
        plain.append(line.strip())
    items = numbered + labelled
    if not plain:
        return items
    alone = not items
    if alone and len(plain) == len(asked) and len(asked) > 1:
        return [_Item(line, asked[i]) for i, line in enumerate(plain)]
    sentences = [s.strip() for line in plain for s in _SENTENCE_END.split(line) if s.strip(" .!,")]
    if alone and len(sentences) == len(asked) and len(asked) > 1:
        return [_Item(s, asked[i]) for i, s in enumerate(sentences)]
    listed = _comma_answers(sentences, len(asked)) if alone and len(asked) > 1 else None
    if listed is not None:
        # "noen stykker, ja, chrome": one short answer per question, in order, in one sentence
        at, row = listed
        return [_Item(part, asked[i]) for i, part in enumerate(row)] + [
            _Item(s, None) for i, s in enumerate(sentences) if i != at
        ]
    only = asked[0] if len(asked) == 1 else None
    if only is not None and alone and len(plain) == 1 and len(sentences) > 1:
        # One question, several sentences: the question's reading applies to the sentence that answers it.
        return [_Item(s, only) for s in sentences]
    return (
        items + [_Item(line, only) for line in plain]
        if len(sentences) <= len(plain)
        else (items + [_Item(s, only) for s in sentences])
    )


# Where short answers in one sentence part: commas, and "and" between two bare verdicts ("yes and yes").
_COMMA_ANSWER = re.compile(
    r"\s*[,;]\s*|(?:(?<=\byes)|(?<=\bno)|(?<=\bja)|(?<=\bnei))\s+(?:and|og|&)\s+(?=(?:yes|no|ja|nei)\b)",
    re.IGNORECASE,
)
#: The most words a short answer in a comma-separated row has ("last Thursday", "noen stykker").
_SHORT_ANSWER_WORDS = 4


_COURTESY = re.compile(
    r"(?:sorry|beklager|unnskyld|takk|thanks|thank you|hei|hi|hello|dear|kjære)\b|(?:been busy|late reply)",
    re.IGNORECASE,
)


def _comma_answers(sentences: list[str], asked_count: int) -> tuple[int, list[str]] | None:
    """The one sentence of a reply that is a row of short answers, one per question asked ("last Thursday,
    whole team, yes, yes, no"; "I DAG, ALLE, HELE TIDEN"), as (its index, its answers); None when no
    sentence, or more than one, is such a row."""
    found: list[tuple[int, list[str]]] = []
    for index, sentence in enumerate(sentences):
        parts = [p.strip(" .!") for p in _COMMA_ANSWER.split(sentence)]
        # "Hei, takk for svar, ja": a greeting, thanks or an apology answers nothing
        parts = [p for p in parts if not (_GREETING.fullmatch(p) or _COURTESY.match(p))]
        # Two parts are a row only as two bare verdicts: "Yes, every time" is one answer and its reason.
        verdicts = all(_yes_no(p) is not None and len(p.split()) == 1 for p in parts)
        if (
            len(parts) == asked_count
            and (len(parts) >= 3 or verdicts)
            and ":" not in sentence
            and all(parts)
            and all(len(p.split()) <= _SHORT_ANSWER_WORDS for p in parts)
        ):
            found.append((index, parts))
    return found[0] if len(found) == 1 else None


def _read_item(
    item: _Item,
    asked: Sequence[str],
    heard: Sequence[str],
    sent_at: datetime | None,
    vocabulary: Vocabulary,
    reading: _Reading,
) -> None:
    """Read one answer into `reading` (its step is the last of `reading.trail`). `heard` is `asked` and
    the fields still open that the answer's own words may settle."""
    step = reading.trail[-1]
    text, corrected = _after_self_correction(item.text.strip())
    if not text:
        return
    low = text.lower()
    slot = item.slot
    about = _asks_about(text, slot, asked)
    if about:
        reading.asks_about.update(about)
        reading.answered_beside_question.update(name for name in about if name in reading.found)
        if _CANNOT_FIND.search(low) or _UNKNOWN.search(low):
            # "Finner ikke versjonen, hvor står det?": not known, and a question about where to look
            reading.unknown.update(name for name in about if name in asked and name not in YES_NO_FIELDS)
        step.settled.update(about)
        answered = [name for name in about if name in YES_NO_FIELDS]
        lead = re.split(r"[,.!?]|\s(?:men|but)\s", text, maxsplit=1)[0]
        verdict = _yes_no(lead) if len(lead.split()) <= 2 else None
        if verdict is None and "?" in text:
            # "Hvorfor må dere logge inn for det? Det ser jeg ikke behovet for, så nei.", "…? Nei altså.":
            # a question, then the verdict after it
            after = text[text.rindex("?") + 1 :].strip().lower()
            drawn = _BARE_DRAWN.fullmatch(after)
            verdict = ((drawn.group(1) or drawn.group(2)) in ("ja", "yes")) if drawn else None
        if verdict is None and len(answered) == 1 and answered[0] not in reading.found:
            reading.questioned = answered[0]  # a verdict drawn from the question may follow it
        if verdict is not None and len(answered) == 1:
            reading.found[answered[0]] = verdict  # "ja, men hvorfor det?": a yes, and a question
            reading.answered_beside_question.add(answered[0])
        return
    if _PLAIN_ANSWER.match(low) and "personal_data" in reading.asks_about and slot in (None, "personal_data"):
        # "Hvorfor spør dere om det? Ja, det er personnummer i fila": a question, then a plain answer
        reading.answered_beside_question.add("personal_data")
    cued = [name for name, cue in _FIELD_CUES if cue.search(low) and name in asked]
    target = slot if item.labelled or not cued else cued[0]
    recurring = _recurring(low)
    listed = _listed_logins(text) if item.labelled and slot == "affected_users" else ()
    if listed:
        # "Usernames are: tkelly, bmoran, and maybe a.fitz", "User IDs: 10234, 10235": the list it starts with
        users: dict[str, Any] = {"affected_users": listed}
        if len(listed) > 1 or _ONLY_THESE.search(low):
            users["scope"] = "one" if len(listed) == 1 else "several"  # as a list in a sentence says it
        _take(reading, users, text, slot)
        step.settled.add("affected_users")
        rest = _SENTENCE_END.split(text, maxsplit=1)[1:]
        if rest and rest[0].strip(" .!"):
            # "Users: a.berg, k.li. Only those two.": what follows the list is an answer of its own
            _read_item(_Item(rest[0], None), asked, heard, sent_at, vocabulary, reading)
        return
    unknown = _UNKNOWN.search(low)
    if unknown and _beside_unknown(text, item, asked, heard, sent_at, vocabulary, reading):
        return
    # Only someone else can allow it ("Eg må spørje sjefen først"): not known; asking again will not help.
    # With a plain no beside it ("I need to check with security first. So no for now.") it is a no for now.
    no_for_now = "login_allowed" in (slot, target) and _plain_no(low, opening=False)
    deferred = "login_allowed" in (slot, target) and bool(_ASK_SOMEONE.search(low) or _LET_ME_ASK.search(low))
    if (unknown or _hedged(low) or deferred) and not no_for_now:
        noticed = _NOTICED.search(low) and "observed_on" in heard and not _GUESS.search(low)
        day = _observed_day(text, sent_at) if noticed else None
        if day is not None and not _near_future(day, sent_at):
            # "Not sure, first noticed it yesterday but it could be older": the day it was seen is known.
            reading.found["observed_on"] = day
            step.settled.add("observed_on")
            return
        # "Tror det er Edge, men er ikke sikker": not a fact, asked again. "Vet ikke": not known, and not
        # asked again. Neither gives anything else from the same answer.
        lead = re.split(r"[,;:–-]", low, maxsplit=1)[0].strip(" .!")
        said = next((s for s, pattern in _BARE_SCOPE if s != "one" and pattern.fullmatch(lead)), None)
        if said is not None and "scope" in heard and not _HEDGE.search(lead):
            # "Several, maybe 6 case handlers": the guess is the count; "several" is said plainly.
            _take(reading, {"scope": said}, text, slot)
            step.settled.add("scope")
            return
        if recurring is True and "recurring" in heard and not unknown:
            reading.found["recurring"] = True  # "on and off, maybe every other day" recurs, whatever else
            step.settled.add("recurring")
        elif unknown and not _GUESS.search(low):
            step.unknown_options = _unknown_options(low, unknown.start(), item, asked)
            step.unknown = not step.unknown_options
        elif deferred:
            step.unknown_options = ["login_allowed"]
        return
    stated = _stated(extract_stated(text, sent_at=sent_at, vocabulary=vocabulary))
    if "affected_users" in stated and not _USERS_SAID.search(text):
        del stated["affected_users"]  # "Login is fine, same as last time" names no user
    # "Safari at work, Chrome at home": the reply's reading of a browser it sets aside wins over the mail's.
    denied = {m.group(1) for m in _NOT_BROWSER.finditer(low)} | {
        next(g for g in m.groups() if g) for m in _FORMER_BROWSER.finditer(low)
    }
    for name, value in _reply_phrases(text, low, heard, sent_at).items():
        longer = name == "affected_users" and len(value or ()) > len(stated.get(name) or ())
        overrules = name in ("observed_on", "scope") or (
            name == "browser" and (bool(denied) or "," in str(value))
        )
        if name not in stated or overrules or value is None or longer:
            stated[name] = value
    if slot is not None:
        for name, value in _value_for(slot, text, sent_at).items():
            stated.setdefault(name, value)
    if str(stated.get("browser") or "").split(" ")[0].lower() in denied:
        stated["browser"] = None  # "Hjemme: Chrome" alone names the browser that is not the one
    if stated.get("browser") is None:
        stated.pop("browser", None)
    if stated.get("scope") == "one" and len(stated.get("affected_users") or ()) > 1:
        # "pkvist, lhovde - nobody else": the two of them, not one
        if "scope" in heard:
            stated["scope"] = "several"
        else:
            del stated["scope"]
    if stated.get("scope") == "all" and _OTHERS_FINE.search(low):
        del stated["scope"]  # "Everyone else on the floor is fine": the others are not affected
    if "scope" in stated and "scope" not in heard and slot in _WHERE and _BROWSER_NAME.search(low):
        del stated["scope"]  # "now everyone is on Edge" says which browser, not who is affected
    if "scope" in stated and "scope" not in heard and (_PERSONAL_YES.search(low) or _PERSONAL_NO.search(low)):
        # "fødselsnummer på noen av de ansatte" says whose data it is, not who is affected
        del stated["scope"]
    if "login_allowed" in stated and _on_condition(stated["login_allowed"], low) is None:
        del stated["login_allowed"]
    if (
        "app_platform" in asked
        and "app_platform" not in stated
        and stated.get("browser") is None
        and bool(_IOS_WORD.search(low)) != bool(_ANDROID_WORD.search(low))
    ):
        # asked which phone, "en Samsung" or "my iPhone" is the platform (a bare brand in a first mail
        # may be Samsung's browser)
        stated["app_platform"] = "ios" if _IOS_WORD.search(low) else "android"
    if "app_platform" in stated and (
        (_IOS_WORD.search(low) and _ANDROID_WORD.search(low))  # "begge deler, iphone og android"
        or ("browser" in stated and not _THE_APP.search(low))  # "Safari på iPhonen": the web, on a phone
    ):
        del stated["app_platform"]
    if recurring is not None and ("recurring" in heard or "recurring" in (slot, target)):
        stated["recurring"] = recurring
    elif recurring is None and "recurring" not in heard and slot != "recurring":
        # "jump in whenever" says when staff may log in, not that the problem comes back
        stated.pop("recurring", None)
    if (
        "module" in stated
        and "module" not in asked
        and slot != "module"
        and "modul" not in low
        and not _CONCERNS.search(low)
        and not _RECORD_ID.search(text)
    ):
        # "the reports contain names" names no module; "Det er ROS-analysen ROS-2026-031 det gjelder" does.
        del stated["module"]
    if (
        "observed_on" in stated
        and explicit_date(text, sent_at) is None
        and _day_of_month(low, sent_at) is None
    ):
        pointed = _day_beside_routine(text, sent_at) if _ROUTINE.search(low) else None
        if pointed is not None:
            # "Vi har revisjon hver fredag, og det var der vi så det, altså sist fredag": the routine says
            # where it was seen, the clause beside it which day
            stated["observed_on"] = pointed
        elif (
            _VAGUE_TIME.search(low)
            or _ROUTINE.search(low)
            or (_LAST_WEEK.search(low) and not _WEEKDAY.search(low))
        ):
            del stated["observed_on"]  # "for et par uker siden", "we run it every Friday": no date
        elif (
            recurring is not None
            and "observed_on" not in (slot, target)
            and not _SINCE_DAY.search(low)  # "hver dag sia mandag": how often, and since when
            and not any(
                _observed_day(c, sent_at) and _recurring(c.lower()) is None
                for c in _CLAUSE_BREAK.split(text)
                if c
            )
        ):
            # "to ganger i morges" answers how often, not when; "Mandag, og det har skjedd igjen i dag"
            # says both, the day in a clause of its own.
            del stated["observed_on"]
    if (
        "observed_on" in stated
        and "observed_on" not in heard
        and "observed_on" not in (slot, target)
        and (_PLAN.search(low) or _BOOKED.search(low))
        and not _SEEN_CUE.search(low)
        and not corrected
        and not _CORRECTION.search(low)
    ) or (
        "observed_on" in stated
        and "observed_on" not in (slot, target)
        and _LOGIN_LIMIT.search(low)
        and _observed_day(_LOGIN_LIMIT.sub(" ", low), sent_at) is None
    ):
        # A date in an answer to other questions, beside a plan or a booking and no word of seeing it, is a
        # course's date or a plan ("Ja takk, set av 3 plassar 12. mars"); the end of a consent for a while
        # ("ja, men bare fram til fredag") is no day the problem was seen.
        del stated["observed_on"]
    if "observed_on" in stated:
        seen = _observed_day(text, sent_at) if _PLAN.search(low) else stated["observed_on"]
        if seen is None or (
            _near_future(seen, sent_at) and not _NAMED_DAY.search(low) and not _YEAR.search(low)
        ):
            del stated["observed_on"]  # "Vi har nytt kurs 20. november": what is planned, not seen
        else:
            stated["observed_on"] = seen
    if (slot in _WHERE or any(n in asked for n in _WHERE)) and says_in_app(text):
        reading.in_app = True
    both = _TO_BOTH.match(low)
    if both and not any(name in YES_NO_FIELDS for name in stated):
        # "No to both", "ja til alle": one verdict for every yes/no question asked
        verdict = both.group(1) in ("yes", "ja", "jepp", "yep")
        for name in asked:
            if name in YES_NO_FIELDS:
                stated[name] = verdict
    if not any(name in YES_NO_FIELDS for name in stated):
        told = _THE_ANSWER_IS.search(low)
        # "Ok, då er svaret nei": the answer said as one, after an "ok" that only acknowledges
        verdict = told.group(1) in ("ja", "yes") if told else _yes_no(text)
        ending = _SO_VERDICT.search(low)
        if verdict is None and ending:
            verdict = _yes_no(ending.group(1))  # "Our policy says no outside access, so no, sorry."
        verdict = _on_condition(verdict, low)
        questioned = reading.questioned
        reading.questioned = None
        if verdict is not None:
            named = [n for n in cued if n in YES_NO_FIELDS]
            if len(named) == 1:
                stated[named[0]] = verdict
            elif questioned and not cued and _BARE_DRAWN.fullmatch(low.strip()):
                # "Hvorfor må dere logge inn for det? Det ser jeg ikke behovet for, så nei.": the verdict the
                # question led to answers the question's field, whatever place it has
                stated[questioned] = verdict
                reading.answered_beside_question.add(questioned)
            elif named:
                pass  # several yes/no questions named in one answer: read by their phrases only
            elif slot in YES_NO_FIELDS:
                step.slotted = (slot, verdict)
            elif verdict and "login_allowed" in asked and _PERMISSION.search(low):
                stated["login_allowed"] = True  # "Ja, det er greitt": a permission, not how often
            elif not cued:
                step.loose = verdict
    if corrected:
        reading.corrections.update(stated)
    _take(reading, stated, text, slot, corrected=corrected)
    step.settled.update(name for name in stated if name in asked)
    if any(name in _WHERE for name in stated):
        step.settled.update(name for name in asked if name in _WHERE)


def _without_taken_back(segment: str, asked: Sequence[str]) -> str:
    """A segment of a reply without what the customer took back to ask someone's leave first: the
    sentence before "Actually, wait - let me check with our IT manager first", or, where login was
    asked, a bare yes the next sentence makes wait ("Sure. Let me check with my boss first."). A
    correction with a new value ("Nei vent, det var 1. februar") is left for the item reader."""
    retracted = list(_RETRACTION.finditer(segment))[-1:]
    if retracted:
        after = segment[retracted[0].end() :]
        if not _ASKS_LEAVE.search(after.lower()):
            return segment
        cut = retracted[0].start()
        taken_back = max(segment.rfind(end, 0, cut) for end in (".", "!", "?", "\n", "/")) + 1
        return segment[:taken_back] + " " + after
    if "login_allowed" not in asked:
        return segment
    first = re.search(r"[.!]\s+", segment)
    rest = segment[first.end() :].lower() if first else ""
    waits = bool(_ASKS_LEAVE.search(rest)) and bool(_ASK_SOMEONE.search(rest) or _LET_ME_ASK.search(rest))
    if first and waits and _yes_no(segment[: first.start()]) is True:
        return segment[first.end() :]
    return segment


def _day_beside_routine(text: str, sent_at: datetime | None) -> date | None:
    """The day a clause without the routine names, in an answer that also tells a routine ("We do the
    inspections every Tuesday; the problem was yesterday's one"); None unless exactly one day is named,
    it is the routine's weekday where the routine has one, and its clause says the problem was seen
    then (not a call, a meeting or a day it worked)."""
    low = text.lower()
    routine = _ROUTINE.search(low)
    weekday = _WEEKDAY.search(routine.group(0)) if routine else None
    days = {
        day
        for clause in _CLAUSE_BREAK.split(text)
        if clause and _seen_that_day(clause.lower())
        for day in [_observed_day(clause, sent_at)]
        if day is not None
    }
    if len(days) != 1:
        return None
    day = days.pop()
    if weekday is not None and day.weekday() != weekday_number(weekday.group(0)):
        return None
    return day


def _seen_that_day(clause: str) -> bool:
    """Whether a lowercased clause beside a routine says the problem was seen on the day it names."""
    return (
        not _ROUTINE.search(clause)
        and not _VAGUE_TIME.search(clause)
        and bool(_SEEN_THEN.search(clause))
        and not _NOT_SEEN_THEN.search(clause)
    )


# A clause that says the problem was seen on its day ("altså sist fredag", "the problem was yesterday's").
_SEEN_THEN = re.compile(
    r"\b(?:altså|i\.e|that's when|det var|var det|was|were|var|så vi|saw|noticed|merket|oppdaget|oppdaga"
    r"|kom|skjedde|happened|failed|feilet|stopped|stoppet|showed|appeared|came|dukket|dukka)\b"
)
_NOT_SEEN_THEN = re.compile(
    r"\b(?:ringte|ringde|called|phoned|reported|rapporterte|sa fra|told|møte\w*|meeting|på jobb|at work"
    r"|gikk fint|worked|fungerte|fine|verst|worst|best)\b"
)


# Where one clause of an answer ends and the next begins: "Vet ikke nøyaktig dato, men det skjer hele tiden".
_CLAUSE_BREAK = re.compile(
    r"\s*(?:[,;]|(?<=\D)[.!?](?=\s)|\s[–—-]\s)\s*|\s+(?:men|but)\s+|\s+(?:and|og)\s+(?=(?:then|så)\b)"
)


def _beside_unknown(
    text: str,
    item: _Item,
    asked: Sequence[str],
    heard: Sequence[str],
    sent_at: datetime | None,
    vocabulary: Vocabulary,
    reading: _Reading,
) -> bool:
    """An answer that says what it does not know in one clause and gives a value in the others ("don't
    know the version, it's an android phone", "no idea when it started, but it affects the night shift"):
    the unknown goes to the question its clause names, the other clauses are read as an answer of their
    own. False (nothing read) when the unknown clause names no question or nothing else is said plainly.
    """
    clauses = [c for c in _CLAUSE_BREAK.split(text) if c and c.strip(" .!?")]
    doubtful = [c for c in clauses if _UNKNOWN.search(c.lower()) or _hedged(c.lower())]
    plain = [c for c in clauses if c not in doubtful]
    naming = [c for c in doubtful if any(cue.search(c.lower()) for _, cue in _FIELD_CUES)]
    if len(doubtful) > 1 and len(naming) == 1:
        # "don't know which version – I'll have to ask Lee": the doubts that name nothing go with the one
        # that names what is not known
        doubtful = naming
    if len(doubtful) != 1 or not plain:
        return False
    # "which version" is a part of the browser or the app: not knowing it leaves the rest to read.
    named = [n for n, cue in _FIELD_CUES if cue.search(doubtful[0].lower())]
    if "app_version" in named:
        named.insert(0, named.pop(named.index("app_version")))  # "the app version" is the version
    if not named:
        return False
    first = next((n for n in named if n in asked), None)
    low = text.lower()
    on_phone = _IOS_WORD.search(low) or _ANDROID_WORD.search(low) or _APP_WORD.search(low)
    if first is None and named[0] == "app_version" and on_phone and any(n in asked for n in _WHERE):
        first = "app_version"  # "Iphone, vet ikke versjon" to "where does it happen?": the app's version
    if first is not None:
        reading.trail[-1].unknown_options = [first]
    rest = _Item(". ".join(plain), None if item.slot in (first, *named) else item.slot, item.labelled)
    before = first is not None and first in reading.found
    _read_item(rest, asked, heard, sent_at, vocabulary, reading)
    if first is not None and not before:
        # "She mentioned it today, but I don't know when it started": the clause that does not know wins.
        reading.found.pop(first, None)
        reading.trail[-1].settled.discard(first)
    return True


_THE_ANSWER_IS = re.compile(
    r"\b(?:(?:svaret|answer)\s+(?:er|is|blir|will\s+be)|(?:er|is|blir)\s+svaret)\s+(ja|nei|yes|no)\b"
)
# A reply that gives its reason first and its verdict last: "..., so no, sorry", "..., så ja".
_SO_VERDICT = re.compile(
    r"(?:^|[,;.]\s*)(?:so|så|therefore|derfor)\s+((?:yes|no|ja|nei)\b[^,;.]{0,20})[,;.!\s\w]*$"
)


def _unknown_options(low: str, at: int, item: _Item, asked: Sequence[str]) -> list[str]:
    """The questions a "vet ikke" may answer, most likely first: the one its label names; else the ones
    named in its own clause ("I don't know if anyone else has it"), then in its reason ("Vet ikke, det var
    en kollega som oppdaget det": when), then its number or place. The first that no other answer in the
    reply settled is taken (`_place_loose`): "3. Vet ikke, jeg har ikke lagt inn flere" is the third
    question's, when "flere" was answered by another line."""
    if item.labelled:
        return [item.slot] if item.slot else []
    start = max((low.rfind(mark, 0, at) for mark in ",.;:!?\n"), default=-1) + 1
    ends = [i for i in (low.find(mark, at) for mark in ",.;:!?\n") if i != -1]
    end = min(ends, default=len(low))
    options: list[str] = []
    for part in (low[start:end], low[:start] + " " + low[end:]):
        options += [name for name, cue in _FIELD_CUES if name in asked and cue.search(part)]
    if item.slot:
        options.append(item.slot)
    return list(dict.fromkeys(options))


def _hedged(low: str) -> bool:
    """Whether an answer hedges what it says: a hedge in its first clause, or anywhere in a short one."""
    first = re.split(r"[,.;:!?\n–-]", low, maxsplit=1)[0]
    return (
        bool(_HEDGE.search(first))
        or (len(low.split()) <= 8 and bool(_HEDGE.search(low)))
        or bool(_OR_PERHAPS.search(low))
        # "it's just me I think, haven't asked the others": a soft guess with a reason to doubt it
        or (bool(_SOFT_GUESS.search(low)) and bool(_DOUBT.search(low)))
    )


def _recurring(low: str) -> bool | None:
    """How often, in the words replies use: "only once" (False), "every time", "it's back" (True)."""
    not_back = _NOT_BACK.search(low)
    if not_back:
        low = _NOT_BACK.sub(" ", low)  # "hasn't come back" holds no "come back"
    if _NOT_ONCE.search(low):
        return True  # "Tuesday and Thursday last week, so not a one-off"
    if _ONCE_ONLY.search(low) or low.strip(" .!") in _FIRST_TIME:
        return False
    again = _AGAIN.search(low)
    if again and _WORKED_ALL_ALONG.search(low[max(0, again.start() - 40) : again.start()]):
        again = None  # "Det har funka heile tida fram til i går": it worked, the rhythm is of that
    if again or _ROUTINE.search(low):
        return True  # "hver mandag når rapporten kjøres" happens again and again
    if _FLUKE.search(low) or not_back:
        return False  # "Hasn't come back", with nothing in the answer that says it did
    return None


# The problem not back ("Hasn't come back", "det har ikke kommet tilbake"): said of it or of nothing, not
# of a person or a file ("Teknikeren har ikke kommet tilbake til meg", "the file hasn't come back from X").
_NOT_BACK = re.compile(
    r"(?:^|[.!,;:]\s*|\b(?:it|det|den|feilen|problemet|the\s+(?:error|problem|issue)|and|og|but|men)\s+)"
    r"(?:has\s+not|hasn'?t|have\s+not|haven'?t|har\s+(?:ikke|ikkje|itte|itj)|(?:ikke|ikkje))\s+"
    r"(?:come\s+back|returned|recurred|kommet\s+(?:tilbake|igjen)|kome\s+(?:tilbake|att|igjen))\b"
    r"(?!\s+(?:til|to|with|med|fra|frå|from)\b)"
)


def _observed_day(text: str, sent_at: datetime | None) -> date | None:
    """The day an answer names outside its sentences about plans ("Vi merket det i morges. Vi skal ha
    revisjon på fredag.": this morning)."""
    kept = " ".join(s for s in _SENTENCE_END.split(text) if not _PLAN.search(s.lower()))
    low = kept.lower()
    return (
        explicit_date(kept, sent_at)
        or _day_of_month(low, sent_at)
        or _named_day(low, sent_at)
        or _relative_day(low, sent_at)
    )


_NAMED_DAYS = {
    "halloween": (10, 31), "julaften": (12, 24), "julaftan": (12, 24), "christmas eve": (12, 24),
    "første juledag": (12, 25), "1. juledag": (12, 25), "christmas day": (12, 25), "andre juledag": (12, 26),
    "2. juledag": (12, 26), "boxing day": (12, 26), "nyttårsaften": (12, 31), "nyttårsaftan": (12, 31),
    "new year's eve": (12, 31), "nyttårsdagen": (1, 1), "første nyttårsdag": (1, 1), "new year's day": (1, 1),
}  # fmt: skip
_YEAR = re.compile(r"\b20\d\d\b")
_NAMED_DAY = re.compile(r"\b(?:" + "|".join(re.escape(name) for name in _NAMED_DAYS) + r")(?!\w)")


def _named_day(low: str, sent_at: datetime | None) -> date | None:
    """ "On Halloween", "på julaften": the last such day on or before the reply's date."""
    match = _NAMED_DAY.search(low)
    if match is None or sent_at is None:
        return None
    today = sent_at.date()
    month, day = _NAMED_DAYS[match.group(0)]
    found = date(today.year, month, day)
    return found if found <= today else found.replace(year=today.year - 1)


def _near_future(day: date, sent_at: datetime | None) -> bool:
    """Whether a date, read in the reply's year, is still to come within two months (and so was only
    taken as last year's): a plan, not when a problem was seen."""
    if sent_at is None:
        return False
    today = sent_at.date()
    try:
        this_year = day.replace(year=today.year)
    except ValueError:  # 29 February
        return False
    soon = today + timedelta(days=62)
    return (
        any(today < candidate <= soon for candidate in (this_year, _same_day(this_year, today.year + 1)))
        and day <= today
    )


def _same_day(day: date, year: int) -> date:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return day


def _after_self_correction(text: str) -> tuple[str, bool]:
    """ "Chrome – nei vent, det er Edge": what follows the customer's own correction, and whether there
    was one."""
    matches = list(_SELF_CORRECTION.finditer(text))
    if not matches:
        return text, False
    rest = text[matches[-1].end() :].strip(" ,:;.-–")
    return (rest, True) if rest else (text, False)


def _take(
    reading: _Reading, stated: dict[str, Any], text: str, slot: str | None, *, corrected: bool = False
) -> None:
    """What one answer states joins the reading; a correction marks its fields as corrected. A value an
    answer gave to its own question (`slot`) stands against a mention elsewhere, except for who is
    affected, which later words widen ("Bare meg" ... "PS: my colleague has the same error")."""
    correcting = corrected or bool(_CORRECTION.search(text))
    if correcting:
        reading.corrections.update(stated)
    for name, value in stated.items():
        if name == "module" and name in reading.found and name not in reading.corrections:
            continue  # the first module named is the case's; a later one is usually a passing mention
        if name == "scope" and not correcting and _narrows(reading.found.get(name), value, text):
            continue  # "Det er Jens og meg. Ingen andre.": "nobody else" does not make the two of them one
        if (
            name in reading.placed
            and name != slot
            and not correcting
            and name not in _WIDENED
            and name in reading.found
        ):
            continue
        if name == "browser" and reading.found.get(name) and value in _EVERY_BROWSER_VALUES:
            continue  # "Edge. Browser doesn't matter much to us": the browser named stands
        if name == "browser" and not correcting and _ALSO.search(low := text.lower()):
            if _FINE_THERE.search(low):
                continue  # "Also Edge, der virker det", "Edge too? Haven't tried": not where it happens
            value = _joined_browsers(reading.found.get(name), value)
        reading.found[name] = value
        if name == slot:
            reading.placed.add(name)


_EVERY_BROWSER_VALUES = frozenset({"all browsers", "alle nettlesere"})
_FINE_THERE = re.compile(
    r"\?|\b(?:works?|working|fine|ok|virker|fungerer|funker|går fint|haven't tried|have not tried|not tried"
    r"|ikke prøvd|ikkje prøvd)\b"
)
#: "Også Edge.", "Edge too": a later answer adds a browser to the one already given.
_ALSO = words(r"(?:også|òg|au|also|too|as well|in addition|i tillegg|dessuten)\b")


def _joined_browsers(before: Any, value: Any) -> Any:
    """The browsers of two answers as staff would note them ("Chrome, Edge"); one value alone as it is."""
    if not before or not value:
        return value or before
    names = [*str(before).split(", "), *str(value).split(", ")]
    kept: dict[str, str] = {}
    for name in names:
        kept.setdefault(name.split(" ")[0].lower(), name)
    return ", ".join(kept.values())


def _narrows(before: Any, scope: Any, text: str) -> bool:
    """Whether a later scope in a reply only seems to narrow an earlier one: "one" after several or all
    ("Jens og meg. Ingen andre."), or a count after "all" ("Everyone. We are 12 users in all."). Only a
    contrast or a part ("Resten av firmaet merker ingenting") narrows "all" to several."""
    if scope == "one":
        return before in ("several", "all")
    if scope == "several" and before == "all":
        low = text.lower()
        return not (_ALL_OF_A_PART.search(low) or _ALL_OF_A_NAMED_PART.search(text) or _PARTITIVE.search(low))
    return False


#: Fields later words in a reply add to rather than contradict.
_WIDENED = frozenset({"scope", "affected_users"})


def _place_loose(reading: _Reading, asked: Sequence[str]) -> None:
    """Answers whose words place them nowhere go by their place among the answers that are placed: a
    bare "nei" written after the login answer and before the date answers what was asked between them,
    when exactly as many questions are left there as such answers (the customer answers in order and
    skipped one). What is left then goes, a bare yes or no, to the yes/no questions nothing answered,
    in order, when their count matches."""
    for step in reading.trail:
        if step.slotted is None:
            continue
        name, verdict = step.slotted
        if name in reading.found or name in reading.asks_about:
            step.loose = verdict  # the customer's numbering was not the bot's
        else:
            reading.found[name] = verdict
            step.settled.add(name)
    for step in reading.trail:
        if step.unknown_options:
            settled = set(reading.found) | reading.asks_about
            free = [name for name in step.unknown_options if name not in settled]
            if free:
                reading.unknown.add(free[0])
                step.settled.add(free[0])
            else:
                step.unknown = True  # every question it names was answered: its place may tell
    _place_between(reading, asked)
    loose = [step.loose for step in reading.trail if step.loose is not None]
    if not loose:
        return
    left = [
        name
        for name in asked
        if name in YES_NO_FIELDS
        and name not in reading.found
        and name not in reading.unknown
        and name not in reading.asks_about
    ]
    if len(left) == len(loose):
        for name, verdict in zip(left, loose, strict=True):
            reading.found[name] = verdict


def _place_between(reading: _Reading, asked: Sequence[str]) -> None:
    """Each run of unplaced answers (a bare yes or no, a "vet ikke") takes the questions between the
    placed answers around it, in order, when their numbers match; a run it cannot place stays loose."""
    position = {name: i for i, name in enumerate(asked)}
    trail = reading.trail
    placed = [sorted(position[name] for name in step.settled if name in position) for step in trail]
    before = -1  # the last question a placed answer so far settled
    index = 0
    while index < len(trail):
        if placed[index]:
            before = placed[index][-1]
        if placed[index] or not _unplaced(trail[index]):
            index += 1
            continue
        end = index
        while end < len(trail) and not placed[end]:
            end += 1
        run = [step for step in trail[index:end] if _unplaced(step)]
        after = placed[end][0] if end < len(trail) else len(asked)
        taken = set(reading.found) | reading.unknown | reading.asks_about
        between = [name for name in asked[before + 1 : max(before + 1, after)] if name not in taken]
        fits = len(between) == len(run) and all(
            step.unknown or name in YES_NO_FIELDS for name, step in zip(between, run, strict=True)
        )
        if fits:
            for name, step in zip(between, run, strict=True):
                if step.unknown:
                    reading.unknown.add(name)
                elif step.loose is not None:
                    reading.found[name] = step.loose
                step.loose, step.unknown = None, False
                step.settled.add(name)
        index = end


def _unplaced(step: _Step) -> bool:
    return step.loose is not None or step.unknown


_WHERE = ("browser", "app_platform", "app_version")
_IN_APP = re.compile(
    r"\b(?:i\s+appen|i\s+appa|in\s+the\s+(?:mobile\s+)?app|the\s+app|appen|appa|mobilappen|mobile\s+app"
    r"|landax-appen|landax\s+app|mobile\s+application|mobilapplikasjon\w*|app\s+only)\b"
)
_NOT_APP = re.compile(
    r"\b(?:ikke|ikkje|not|no|don'?t\s+use|do\s+not\s+use|bruker\s+ikke)\s+(?:i\s+|in\s+)?(?:the\s+)?"
    r"(?:mobile\s+)?(?:app|appen|appa|mobilappen|mobilapplikasjonen|application(?!\s+(?:error|log|server)))\b"
    r"|\b(?:haven'?t|have\s+not|not\s+yet|ikke|ikkje)\s+(?:\w+\s+){0,2}?(?:installed|tested|used|using"
    r"|installert|testet|brukt)\s+(?:it\s+)?(?:in\s+|i\s+)?(?:the\s+)?(?:mobile\s+)?(?:app|appen"
    r"|application)\b"
)


def says_in_app(text: str) -> bool:
    """Whether a text says the problem is in the app ("Det er i appen, ikke nettleseren", "It's in the
    app"), not that it is not ("we don't use the app")."""
    low = text.lower()
    return bool(_IN_APP.search(low)) and not _NOT_APP.search(low)


def _numbered_parts(line: str) -> list[tuple[int, str]]:
    """Numbered answers ("1. Edge  2. ja", "2) alle", "#3 ja", "4 - nei", the customer's own numbers too)
    as (number, answer) pairs; "3. november" is a date."""
    line = _spread_number_groups(line)
    span = _NUMBER_RANGE.match(line)
    if span and int(span.group(1)) < int(span.group(2)) <= _MAX_NUMBER:
        return [(n, span.group(3).strip()) for n in range(int(span.group(1)), int(span.group(2)) + 1)]
    starts = list(_INLINE_NUMBER.finditer(line))
    if not starts or (starts[0].start() > 0 and line[: starts[0].start()].strip()):
        return []
    hashed = starts[0].group(1) is not None
    # Numbers further on count only in the first one's style ("#1 Edge #2 ja"; "1. Edge 2. ja").
    starts = [m for m in starts if (m.group(1) is not None) == hashed]
    parts: list[tuple[int, str]] = []
    for i, match in enumerate(starts):
        number = int(match.group(1) or match.group(2))
        end = starts[i + 1].start() if i + 1 < len(starts) else len(line)
        value = line[match.end() : end].strip(" ,;")
        if not 1 <= number <= _MAX_NUMBER or _MONTH_START.match(value) or not value:
            return [] if i == 0 else parts
        ended = parts and parts[-1][1].endswith((".", ";", "!")) and number not in (n for n, _ in parts)
        if parts and number <= parts[-1][0] and not ended:
            # Not an ascending list on one line: the later number belongs to the answer ("2. 3 brukere").
            previous_number, previous = parts[-1]
            parts[-1] = (previous_number, f"{previous} {line[match.start() : end].strip()}")
            continue
        parts.append((number, value))
    return parts


# "2 og 3: ja", "1, 2 and 4) no", "2+3: ja": numbers that share one answer.
_NUMBER_GROUP = re.compile(
    r"(?:^|(?<=[.;!]\s))\s*(\d{1,2})((?:\s*(?:,|\bog\b|\band\b|&|\+|[-–])\s*\d{1,2})+)\s*[:)]\s*(?=\S)",
    re.IGNORECASE,
)
# Where the shared answer ends: at a sentence end before the next numbered answer, or before the next
# number with a colon or a parenthesis ("1-2: yes 3: no"; "den 3. mars" is a date).
_NEXT_NUMBERED = re.compile(
    r"[.;!]\s+(?=#?\d{1,2}(?:\s*(?:,|\bog\b|\band\b|&|\+|[-–])\s*\d{1,2})*\s*[.):])"
    r"|[,\s]\s*(?=#?\d{1,2}(?:\s*(?:,|\bog\b|\band\b|&|\+|[-–])\s*\d{1,2})*\s*[:)]\s)",
    re.IGNORECASE,
)


def _spread_number_groups(line: str) -> str:
    """ "2 og 3: ja. 1: bare meg" as "2: ja. 3: ja. 1: bare meg": an answer given to several numbers at
    once, written out for each of them."""
    group = _NUMBER_GROUP.search(line)
    if group is None:
        return line
    rest = line[group.end() :]
    stop = _NEXT_NUMBERED.search(rest)
    value = (rest[: stop.start()] if stop else rest).strip(" .;!")
    after = _spread_number_groups(rest[stop.end() :]) if stop else ""
    numbers = [int(group.group(1))]
    for joint, number in re.findall(
        r"\s*(,|\bog\b|\band\b|&|\+|[-–])\s*(\d{1,2})", group.group(2), re.IGNORECASE
    ):
        # "1-3" is one to three; "1, 3" and "1 og 3" the two of them
        start = numbers[-1] + 1 if joint in ("-", "–") else int(number)
        numbers += range(start, min(int(number), _MAX_NUMBER) + 1)
    spread = " ".join(f"{number}: {value}." for number in numbers)
    return f"{line[: group.start()]}{spread} {after}".strip()


def _label_field(label: str) -> str | None:
    """The field a label names ("Nettleser", "Gjelder", "Personal data processed"), asked or not."""
    low = label.lower().strip()
    for field_name, cue in _LABEL_CUES:
        if cue.search(low):
            return field_name
    for field_name, cue in _FIELD_CUES:
        if cue.search(low):
            return field_name
    return None


def _value_for(slot: str, value: str, sent_at: datetime | None) -> dict[str, Any]:
    """What an answer to one question says about that question's field, read the way a short answer to
    it is meant: a bare browser name, "alle", a list of names, an id."""
    stated: dict[str, Any] = {}
    bare = value.strip().strip(".!").strip()
    if slot in ("browser", "app_platform", "app_version"):
        named = browser_at_start(bare)
        if named and not _THE_APP.search(bare.lower()):
            stated["browser"] = named
        version = _BARE_VERSION.search(bare)
        app = slot != "browser" or _APP_WORD.search(bare.lower())
        # "5.12" answering the version question is the version, though it reads as 5 December elsewhere
        answers_version = slot == "app_version" and re.fullmatch(r"v?(?:[1-9]|1\d)\.\d{1,3}", bare, re.I)
        if (
            version
            and app
            and (explicit_date(bare, sent_at) is None or bare.count(".") >= 2 or answers_version)
        ):
            stated["app_version"] = version.group(1)
    elif slot in ("scope", "affected_users"):
        low = bare.lower()
        users = _user_tokens(bare)
        if users:
            stated["affected_users"] = users
        if _ME_AND.search(low) or _SEVERAL_COUNT.search(low):
            stated["scope"] = "several"
            return stated
        if _ONLY_ME.search(low):
            stated["scope"] = "one"
            return stated
        for scope, pattern in _BARE_SCOPE:
            if pattern.match(bare) and (slot == "scope" or scope == "all"):
                stated["scope"] = scope
                break
        else:
            users = _user_tokens(bare) or _names(bare)
            if users:
                stated["affected_users"] = users
                if slot == "scope":
                    stated["scope"] = "one" if len(users) == 1 else "several"
    elif slot == "record_id":
        number = re.fullmatch(r"#?\s*([A-Za-z]{0,5}-?\d{2,10})", bare)
        if number:
            stated["record_id"] = number.group(1).upper()
    elif slot == "requested_handler":
        name = re.fullmatch(r"([A-ZÆØÅ][a-zæøåé]+(?:\s[A-ZÆØÅ][a-zæøåé]+)?)", bare)
        if name:
            stated["requested_handler"] = name.group(1)
    return stated


def _reply_phrases(text: str, low: str, asked: Sequence[str], sent_at: datetime | None) -> dict[str, Any]:
    """What replies say in words a first mail seldom uses: "log in if needed", "I'd rather you didn't
    log in", "tre av oss", "meg og kollegaen min", "the menu says 6.2.4", an explicit date ("Monday 4
    January", "16/1"), a record's id ("avvik AV-2291")."""
    stated: dict[str, Any] = {}
    for name, yes, no in (
        ("login_allowed", _LOGIN_YES, _LOGIN_NO),
        ("personal_data", _PERSONAL_YES, _PERSONAL_NO),
    ):
        verdict = _last_of(low, yes, no)
        if name == "login_allowed":
            verdict = _on_condition(verdict, low)
        if verdict is not None:
            stated[name] = verdict
    for sentence in re.split(r"(?<=[.!?\n])", low) if _ORDINAL_VERDICT.search(low) else ():
        if not _ORDINAL_SENTENCE.fullmatch(sentence):
            continue
        # "Yes to the first one, no to the second", "ja til det første, nei til det andre": the questions by
        # their number, or by their order among the yes/no questions where that number is none of them
        numbered = [
            (_ORDINALS.get(m.group(2), len(asked)), m.group(1) in ("ja", "yes"))
            for m in _ORDINAL_VERDICT.finditer(sentence)
        ]
        by_number = all(i < len(asked) and asked[i] in YES_NO_FIELDS for i, _ in numbered)
        order = list(asked) if by_number else [name for name in asked if name in YES_NO_FIELDS]
        for index, verdict in numbered:
            if index < len(order):
                stated[order[index]] = verdict
    if stated.get("login_allowed") is not False and _login_taken_back(low, asked):
        stated["login_allowed"] = False
    if "login_allowed" in asked and "login_allowed" not in stated and _VENDOR_REFUSED.match(low):
        # "De får ikkje logge inn." opening an answer to "may we log in?" is the vendor refused
        stated["login_allowed"] = False
    for said in _YES_NO_TO.finditer(low):
        # "Og nei til personopplysninger", "yes to logging in"
        name = "personal_data" if said.group(3).startswith(("person", "gdpr")) else "login_allowed"
        stated[name] = (said.group(1) or said.group(2)) in ("ja", "yes")
    if "scope" in asked or "affected_users" in asked:
        counted = _EVERYONE_COUNTED.search(low)
        restated = _RESTATED_ALL.search(low)
        # A part named before "altså alle" is summed up by it; "all 40 of us" is no part of us.
        scan = low[restated.start() :] if restated else low
        part = (
            _ALL_OF_A_PART.search(scan)
            or _ALL_OF_A_NAMED_PART.search(text[restated.start() :] if restated else text)
            or (None if counted else _PARTITIVE.search(scan))
            or _EVERYONE_ON_A_DEVICE.search(scan)
            or _WHOLE_PART.search(scan)
            or _ALL_OF_A_ROLE.search(scan)
        )
        if (_EVERYONE_WHO.search(low) or _ALL_FIRST.match(low) or counted or restated) and not part:
            # "Alle sammen, vi er 14 brukere", "Alle som bruker modulen, ca 40 stk", "all 40 of us",
            # "begge skiftene, altså alle sammen", "det gjeld heile kontoret"
            stated["scope"] = "all"
        elif _several_counted(low) or _ME_AND.search(low) or part:
            stated["scope"] = "several"
        elif _ONLY_ME.search(low):
            stated["scope"] = "one"
        if ALL_BUT_SOME.search(low):
            stated["scope"] = "several"  # "All users except admins", "alle unntatt lederne": all but some
        listed = _NAMED_USER.search(text) or _PARENTHESES.search(text) or _COLON_LIST.search(text)
        users = _user_tokens(text) if listed else ()
        # A list alone, or before a remark after a dash: "jdoe, msmith, and rkhan — only those three".
        head = re.split(r"\s+[—–-]\s+|\s*\(", text.strip(), maxsplit=1)[0]
        bare = (
            _BARE_LIST.fullmatch(head) or _LONE_LOGIN.fullmatch(head.strip(" .!"))
            if "affected_users" in asked
            else None
        )  # "m.lindgren" alone is a login as plainly as a list of them
        written = _LIST_SPLIT.split(head.strip(" .!")) if bare else []
        listed_words = [w.lower() for w in written]
        logins = all(re.fullmatch(r"[a-z0-9][\w.@-]*", w) for w in written) and not any(
            w in _NOT_NAMES or _WEEKDAY.fullmatch(w) or _BROWSER_NAME.fullmatch(w) for w in listed_words
        )
        if any(_USER_TOKEN.fullmatch(w) for w in listed_words) or (logins and len(written) > 1):
            # "ole.martin og kristine" answering "which users": a list of logins, one of them plainly one;
            # or a list written as logins are (lower case, no spaces)
            users = tuple(dict.fromkeys(w for w in listed_words if w and w not in _NOT_NAMES))
        lead = _LIST_LEAD.search(text)
        led = _listed_logins(text[lead.end() :]) if lead else ()
        if lead and not _logins_after_lead(lead, led):
            led = ()  # "the user is locked out", "such as reports and checklists": words, not logins
        if len(led) > len(users):
            users = led  # "brukernavnene er kari.h, oddbj og TORE", "t.d. obrekke og ingrid.s"
        after = _AFTER_COLON.search(text)
        colon = [w.rstrip(".") for w in _LIST_SPLIT.split(after.group(1))] if after else []
        if (
            len(colon) > len(users)
            and any(re.search(r"[a-zæøå][._@]", w) for w in colon)
            and all(re.fullmatch(r"[a-zæøå][\w.@-]*", w) for w in colon)
            and not any(w in COMMON_WORDS or w in _NOT_NAMES for w in colon)
        ):
            # "alle fire på nattskiftet: lars.h, tone, jbk og r.solheim": written as logins, one of them
            # plainly one, after a colon
            users = tuple(dict.fromkeys(colon))
        if not users and stated.get("scope") == "one":
            trailing = _TRAILING_USER.search(text.strip())
            if trailing and trailing.group(1).lower() not in _NOT_NAMES:
                users = (trailing.group(1).lower(),)
        if users:
            stated["affected_users"] = users
            if "scope" in asked:
                stated.setdefault("scope", "one" if len(users) == 1 else "several")
            elif len(users) > 1 or _ONLY_THESE.search(low):
                # "which users" is asked once "several" is known: a list of them says so again, and "just
                # mine: tom.r" narrows it to one; a single name alone leaves the scope as it was
                stated.setdefault("scope", "one" if len(users) == 1 else "several")
        if "scope" not in stated and _ALL_USERS.search(low):
            stated["scope"] = "all"
        if "scope" not in stated and len(low.split()) <= 3:
            for scope, pattern in _BARE_SCOPE:
                if pattern.match(low.strip(" .!")) and scope != "one":
                    stated["scope"] = scope  # a bare "alle" or "flere" answers the scope question
                    break
    where = [n for n in asked if n in _WHERE]
    if where:
        first = re.split(r"[,(;]", text, maxsplit=1)[0].strip(" .!")
        named = browser_at_start(first) if len(first.split()) <= 4 else None
        typo = _BROWSER_TYPO.search(text)
        if named is None and typo:
            named = _TYPO_BROWSERS[re.sub(r"\s+", " ", typo.group(0).lower())]
        if named and not _THE_APP.search(low):
            stated["browser"] = named
        negated = {m.group(1) for m in _NOT_BROWSER.finditer(low)} | {
            next(g for g in m.groups() if g) for m in _FORMER_BROWSER.finditer(low)
        }
        # "Chrome (men det skjer i Edge også)": a browser in parentheses is said in passing.
        outside = _PARENTHESES.sub(lambda m: " " * len(m.group(0)), low)
        kept = [m for m in _BROWSER_NAME.finditer(outside) if m.group(0) not in negated]
        if len({m.group(0) for m in kept}) > 1:
            # "Chrome og Edge, feilen kommer i begge", "All of them - Chrome, Edge, Safari": every one named,
            # as staff would note it (asking again for "the" browser would ask what was answered)
            stated["browser"] = ", ".join(dict.fromkeys(m.group(0).capitalize() for m in kept))
        elif kept and (negated or "browser" not in stated):
            # "Edge, ikke Chrome"; "We used to use Internet Explorer, now everyone is on Edge"
            stated["browser"] = browser_at_start(text[kept[0].start() :])
        version = _APP_VERSION.search(text)
        if version and "browser" not in where and not _OS_VERSION.search(low):
            stated["app_version"] = version.group(1) or version.group(2)
    else:
        typo = _BROWSER_TYPO.search(text)
        if typo and not _APP_WORD.search(low):
            # "We use Firefx" said in passing: the browser all the same, as it would be spelled right.
            stated["browser"] = _TYPO_BROWSERS[re.sub(r"\s+", " ", typo.group(0).lower())]
    if "observed_on" in asked:
        # A day of the month is more exact than the weekday beside it ("tirsdag den 27.").
        day = (
            explicit_date(text, sent_at)
            or _day_of_month(low, sent_at)
            or _named_day(low, sent_at)
            or _relative_day(low, sent_at)
        )
        if day is not None:
            stated["observed_on"] = day
    handler = _HANDLER.search(text)
    if handler:
        stated["requested_handler"] = handler.group(1) or handler.group(2)
    record = _RECORD_ID.search(text)
    if record:
        stated["record_id"] = record.group(1)
    return stated


# A yes taken back and summed up: "Yes. Actually no, we must sign your DPA first. So no for now."
_SO_NO_FOR_NOW = re.compile(
    r"(?:so|så)\s+(?:it'?s\s+a\s+|det\s+blir\s+|)(?:no|nei)\s+(?:for\s+now|for\s+the\s+moment"
    r"|for\s+the\s+time\s+being|inntil\s+videre|foreløpig|enn\s+så\s+lenge|for\s+nå)\s*[.!]?"
)


def _login_taken_back(low: str, asked: Sequence[str]) -> bool:
    """Whether a sentence of a reply to the login question, with no other yes/no question open, sums up
    with a no ("Yes. Actually no, sorry, we must sign your DPA first. So no for now.")."""
    return (
        "login_allowed" in asked
        and not {"personal_data", "recurring"} & set(asked)
        and bool(_SO_NO_FOR_NOW.fullmatch(low.strip()))
    )


# "Alle brukarane våre har same problemet": everyone has the same problem, which is no count of some.
_ALL_BEFORE = re.compile(r"\b(?:alle|all|everyone|everybody|every user|heile|hele)\b[^.!?\n]*$")


def _several_counted(low: str) -> bool:
    """Whether a reply counts some of the users ("tre av oss", "a few of us", "colleague has the same
    problem"), not all of them ("all our users have the same problem")."""
    for match in _SEVERAL_COUNT.finditer(low):
        same = match.group(0).startswith(("same", "samme"))
        if not (same and _ALL_BEFORE.search(low, 0, match.start())):
            return True
    return False


def _last_of(low: str, yes: re.Pattern[str], no: re.Pattern[str]) -> bool | None:
    """Yes or no by the phrase said last ("no names in the screenshots, but the records have employee
    names" is a yes); None when neither is said."""
    last_yes = max((m.start() for m in yes.finditer(low)), default=-1)
    last_no = max((m.start() for m in no.finditer(low)), default=-1)
    if last_yes == last_no == -1:
        return None
    return last_yes > last_no


_DAY_OF_MONTH = re.compile(
    r"\b(?:den|on\s+the|the|around\s+the|rundt\s+den|ca\.?\s+den|omkring\s+den)\s+(\d{1,2})(?:\.|st\b|nd\b|rd\b|th\b)"
    r"(?!\s*\d)"
)


def _day_of_month(low: str, sent_at: datetime | None) -> date | None:
    """ "Den 6.", "around the 1st": that day of the reply's month, or of the month before when it is still
    to come; None without one or without the reply's date."""
    match = _DAY_OF_MONTH.search(low)
    if match is None or sent_at is None or _MONTH_START.match(low[match.end() :].strip()):
        return None
    today = sent_at.date()
    day = int(match.group(1))
    year, month = (today.year, today.month)
    for _ in range(2):
        try:
            found = date(year, month, day)
        except ValueError:
            found = None
        if found is not None and found <= today:
            return found
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return None


def _relative_day(low: str, sent_at: datetime | None) -> date | None:
    """ "I går", "på måndag" (the last one before the reply), "i forgårs"; None for anything else."""
    return relative_day(low, sent_at.date()) if sent_at is not None else None


# "6.2.4", "versjon 6.1", "v5.11.0"; "den 12.11" is a date.
_APP_VERSION = re.compile(
    r"\b(?:versjon|version|ver|v)\.?\s*(\d{1,3}\.\d{1,3}(?:\.\d{1,4}){0,2})\b|\b(\d{1,3}\.\d{1,3}\.\d{1,4}(?:\.\d+)?)\b",
    re.IGNORECASE,
)
# An operating system's version has a one-digit minor, if any ("iOS 18.1", "Android 6.0.1", "Android 14");
# "Android 5.14.1" names the app's version on Android.
_OS_VERSION = re.compile(r"\b(?:ios|ipados|android|windows|macos)\s+\d{1,2}(?:\.\d(?!\d)|(?![.\d]))")


_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "mai": 5, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "okt": 10, "oct": 10, "nov": 11, "des": 12, "dec": 12,
}  # fmt: skip
_DAY_MONTH = re.compile(
    r"\b(\d{1,2})(?:\.|st|nd|rd|th)?\s+(jan|feb|mar|apr|mai|may|jun|jul|aug|sep|okt|oct|nov|des|dec)[a-z]*\b"
    r"(?:\s+(\d{4}))?",
    re.IGNORECASE,
)
_MONTH_DAY = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?",
    re.IGNORECASE,
)
_NUMERIC_DATE = re.compile(r"(?<![\w.,/])(\d{1,2})[./](\d{1,2})(?:[./](\d{4}|\d{2})\b)?(?![\d/]|,\d|\.\d)")
# "after the version 2.10 release", "oppdatering 5.12": a version, not the 2nd of October.
_VERSION_BEFORE = re.compile(
    r"(?:versjon|version|ver|release|utgave|oppdatering|update|app|appen|v)\.?\s*$", re.IGNORECASE
)


def explicit_date(text: str, sent_at: datetime | None) -> date | None:
    """A date written out with its month ("4. januar", "Monday 4 January", "16.11", "Nov 3"), in the year
    that puts it on or before the day the reply was sent; None when there is none or it is no date."""
    day = month = year = None
    match = _DAY_MONTH.search(text)
    if match:
        day, month, year = int(match.group(1)), _MONTHS[match.group(2).lower()[:3]], match.group(3)
    else:
        match = _MONTH_DAY.search(text)
        if match:
            day, month, year = int(match.group(2)), _MONTHS[match.group(1).lower()[:3]], match.group(3)
        else:
            dates = (m for m in _NUMERIC_DATE.finditer(text) if not _VERSION_BEFORE.search(text[: m.start()]))
            match = next(dates, None)
            if match:
                day, month, year = int(match.group(1)), int(match.group(2)), match.group(3)
    if day is None or month is None:
        return None
    today = (sent_at or datetime.now()).date()
    years = [int(year) + (2000 if len(year) == 2 else 0)] if year else [today.year, today.year - 1]
    for candidate in years:
        try:
            found = date(candidate, month, day)
        except ValueError:
            return None
        if year or found <= today:
            return found
    return None


#: Words that lead a message ("Update - one more can't see it"), not people.
_LEAD_WORDS = frozenset(
    {"update", "oppdatering", "ps", "ps.", "note", "info", "fyi", "edit", "addendum", "tillegg", "forresten",
     "btw", "obs", "nb", "merk", "hei", "hi", "hello"}
)  # fmt: skip


def _names(value: str) -> tuple[str, ...]:
    """People named as a list ("Kari og Ola", "Only Kjell", "Per Hansen, Kari Nordmann")."""
    first = re.split(r"[,;:(]|\s[-–]\s", value, maxsplit=1)[0].strip(" .!")
    first = _NAME_LEAD.sub("", first).strip()
    parts = [p.strip() for p in re.split(r"\s*(?:,|&|/|\bog\b|\band\b)\s*", first) if p.strip()]
    if not parts or len(parts) > 12:
        return ()
    names: list[str] = []
    for part in parts:
        words = part.split()
        if not 1 <= len(words) <= 3 or not all(_NAME_WORD.fullmatch(w) for w in words):
            return ()
        if words[0].lower() in _NOT_NAMES or words[0].lower() in _LEAD_WORDS:
            return ()
        names.append(part)
    return tuple(names)


# Not knowing what a question means is a question about it, also without "?": "Veit itj ka personopplysninga
# dokker meine", "not sure what you mean by personal data".
_WHAT_YOU_MEAN = words(
    r"\b(?:vet|veit|vett|skjønner|skjønar|forstår) (?:ikke|ikkje) (?:helt |heilt |)(?:hva|ka|kva|hvafor|åssen"
    r"|hvordan) (?:\w+ ){0,3}?(?:dere|dokker|de|du|dykk|døkk) (?:mener|meiner|meine|meina|meinar"
    r"|tenker på|spør om)\b"
    r"|\b(?:not sure|don'?t know|do not know|don'?t understand|do not understand|unsure) what you (?:mean|are"
    r" asking)\b|\bwhat do you mean (?:by|with)\b"
)


_BUT = re.compile(r"\b(?:men|but|however|though)\b|[,.;]\s*\S+\s+\S+")


def _asks_about(text: str, slot: str | None, asked: Sequence[str]) -> set[str]:
    """The questions a question in the reply asks about ("Teller navn på ansatte som personopplysninger?")."""
    low = text.lower()
    # a question of meaning, and nothing else said: not "vet ikke hva dere mener, men nei, …"
    meaning = _WHAT_YOU_MEAN.search(low) if len(low.split()) <= 12 and not _BUT.search(low) else None
    if "?" not in text and not meaning:
        return set()
    if not _QUESTION_WORD.search(low) and not meaning:
        return set()
    about: set[str] = set()
    for name, cue in _ASK_CUES:
        if cue.search(low):
            about.add(name)
    if "browser" in about:
        about.discard("app_version")  # "which browser version": the browser's
    if not about and slot is not None:
        about.add(slot)  # a question in the place of an answer is about that question
    del asked
    return about


def _second_problem(own: str) -> str:
    """The words of a second, different problem the reply describes, from where it starts; "" if none."""
    match = _SECOND_PROBLEM.search(own)
    if match is None:
        return ""
    start = max(own.rfind("\n", 0, match.start()), own.rfind(". ", 0, match.start()) + 1, 0)
    return own[start:].strip()


def _same_as_case(own: str) -> int | None:
    match = _SAME_AS.search(own)
    return int(match.group(1)) if match else None


# One login alone ("m.lindgren", "k_berg"), not a version ("v5.12") or a host ("landax.no").
_LONE_LOGIN = re.compile(
    r"(?!.*\d\.\d)(?!.*\.(?:no|com|net|org|se|dk|io|eu)$)[a-zæøå][\w-]*[._][\w.-]*[a-zæøå0-9]", re.IGNORECASE
)
# "F.eks. oleh og t.moe", "e.g. jdoe": the list follows the "for example".
_FOR_EXAMPLE = re.compile(
    r"^(?:f\.\s?eks\.?|feks\.?|t\.\s?d\.?|e\.\s?g\.?|eg\.|i\.\s?e\.?|bl\.\s?a\.?|for (?:example|instance"
    r"|eksempel)|til dømes|blant annet)[\s,:]*",
    re.IGNORECASE,
)


# "e-post-gruppa", "e-mail": a compound word, not a login with a hyphen ("anl-fornebu", "e-lund").
_NOT_A_HYPHENATED_LOGIN = re.compile(r"-.*-|^e-(?:post|mail)")


def _listed_logins(value: str) -> tuple[str, ...]:
    """The logins a labelled list of users starts with ("tkelly, bmoran, and I think also a.fitz": tkelly
    and bmoran; "10234, 10235 og 10290. Det startet ...": the three ids)."""
    head = _LEADING_LIST.match(_FOR_EXAMPLE.sub("", value.strip(), count=1))
    if head is None:
        return ()
    words = []
    for word in (w.strip(" .").lower() for w in _LIST_SPLIT.split(head.group(0))):
        if word in _LIST_STOP:
            break  # "..., and maybe also a.fitz": what follows is a guess
        if len(word) >= 2 and word not in _NOT_NAMES and not _NOT_A_HYPHENATED_LOGIN.search(word):
            words.append(word)
    return tuple(dict.fromkeys(words))


#: Words after a plural "users" that carry the sentence on ("users after clearing cookies", "users abroad").
_SENTENCE_GOES_ON = frozenset(
    {"after", "since", "before", "abroad", "today", "now", "here", "there", "again", "also", "too", "only",
     "still", "etter", "siden", "før", "nå", "her", "der", "igjen", "også", "bare", "fortsatt", "fremdeles"}
)  # fmt: skip
#: A list of users said to be the only ones: "just mine: tom.r", "bare disse to", "only those".
_ONLY_THESE = re.compile(
    r"\b(?:just|only|bare|berre|kun)\s+(?:mine|my\s+(?:own|login|user)|min|meg|me|those|these|them|disse"
    r"|(?:dei|de)(?=\s*(?:[:.,!]|$)))\b"
)


def _user_tokens(value: str) -> tuple[str, ...]:
    tokens: list[str] = []
    for match in _COLON_LIST.finditer(value):
        listed = [p.strip(" .") for p in _LIST_SPLIT.split(match.group(1)) if p.strip(" .")]
        if listed and all(_LISTED_USER.fullmatch(p) for p in listed):
            tokens += [p.lower() for p in listed]
    tokens += [t.lower().rstrip(".") for t in _USER_TOKEN.findall(value.lower())]
    for match in _NAMED_USER.finditer(value):
        if match.group(1).lower() in _NOT_NAMES:
            continue
        plural = match.group(0).lower().startswith(("users", "brukerne"))
        word = match.group(1).lower()
        if plural and not match.group(2) and (word in COMMON_WORDS or word in _SENTENCE_GOES_ON):
            continue  # "a few users after clearing cookies": the sentence going on, no login
        listed = [match.group(1), *re.split(r"\s*(?:,|\bog\b|\band\b|&)\s*", match.group(2) or "")]
        tokens += [t.lower().rstrip(".") for t in listed if t and t.lower() not in _NOT_NAMES]
    for match in _PARENTHESES.finditer(value):
        group = match.group(1)
        before = value[: match.start()].split()
        word = before[-1].strip(",.:").lower() if before else ""
        people = any(_PEOPLE_BEFORE.fullmatch(w.strip(",.:").lower()) for w in before[-4:])
        if not people and not (before and _NAME_WORD.fullmatch(before[-1])):
            continue  # "tiltak (handlingsplanen)": a note on a word, not who
        if _BROWSER_NAME.fullmatch(word) or word in _NOT_NAMES:
            continue  # "Chrome (nyeste)": the browser's version
        listed = [p.strip(" .'\"") for p in re.split(r",|\bog\b|\band\b|&|/", group) if p.strip(" .")]
        if listed and all(_LISTED_USER.fullmatch(p) for p in listed):
            tokens += [re.sub(r"^(?:username|brukernavn)\s+", "", p, flags=re.I).lower() for p in listed]
    ids = [t for t in tokens if t.isdigit() and _LISTED_IDS.search(value)]  # "User IDs: 10234, 10235"
    tokens = [t for t in tokens if t not in _NOT_NAMES and not t.isdigit()] + ids
    return tuple(
        dict.fromkeys(t for t in tokens if not re.fullmatch(r"\d{1,3}\.\d.*", t) and t not in _ABBREVIATIONS)
    )


#: Abbreviations written as logins are ("i.e.", "f.eks."): no user.
_ABBREVIATIONS = frozenset(
    {
        "i.e",
        "e.g",
        "f.eks",
        "t.d",
        "bl.a",
        "d.v.s",
        "m.m",
        "o.l",
        "a.m",
        "p.m",
        "p.t",
        "m.a.o",
        "t.o.m",
        "f.o.m",
    }
)


def _on_condition(verdict: bool | None, low: str) -> bool | None:
    """The login consent that stands in an answer that may put a condition on it ("yes, but call me
    before you log in", "don't log in before you call me"): none, for staff to settle with the customer,
    except a no with a plain no beside it ("… før han har snakket med dere. Så nei.")."""
    if verdict is None or not LOGIN_ON_CONDITION.search(low):
        return verdict
    return False if verdict is False and _plain_no(low) else None


def _plain_no(low: str, *, opening: bool = True) -> bool:
    """Whether an answer says a plain no beside what else it says: ends on one ("…, så nei på det") or,
    where `opening`, opens with one ("Nei, ikke før …")."""
    ending = _SO_VERDICT.search(low)
    said = (low.strip() if opening else "", ending.group(1) if ending else "")
    return any(_PLAIN_NO.match(part) for part in said if part)


_PLAIN_NO = re.compile(
    r"(?:nei|nej|no|nope|nah|helst ikke|rather not)\b(?!\s+(?:problem|worries|issue)\w*\b)"
    # "nei da, det går fint", "No, I don't mind", "nei, vet ikke", "no idea": no refusal
    r"(?![\s,.!]*(?:da\b|det\s+(?:går|er)\s+(?:fint|greit|helt)|i\s+don'?t\s+mind|you\s+don'?t\s+need"
    r"|dere\s+trenger\s+ikke|idea|clue|vet\s+ikke|veit\s+ikkje|usikker|not\s+sure|altså|jeg\s+vet\s+ikke))"
)


# An answer said again: "As I said - no.", "Som sagt: nei", "Som eg skreiv, ja."
_RESTATED = re.compile(
    r"^(?:as i (?:said|wrote|mentioned|told you)|like i said|as (?:already )?(?:said|mentioned|stated)"
    r"|som (?:sagt|nevnt|skrevet)|som (?:jeg|eg|e|æ|i) (?:sa|skrev|skreiv|nevnte))"
    r"(?:\s+(?:before|earlier|tidligere|før|over|above|ovenfor))?[\s,:;.!–—-]+",
    re.IGNORECASE,
)


def _yes_no(value: str) -> bool | None:
    text = value.strip().lstrip("-–•* ").strip()
    restated = _RESTATED.sub("", text, count=1)
    if restated != text and len(restated.split()) <= 2:
        text = restated  # "As I said - no.", not "Som sagt: nei til oppdatering, men ja, logg inn"
    if len(text) > 80:
        return None  # a long sentence is not a bare yes or no; its phrases were read already
    if _NO.match(text):
        return False
    if _YES.match(text):
        return True
    return None


def _stated(fields: Fields) -> dict[str, Any]:
    return dict(fields.stated())


def _merge(found: dict[str, Any], stated: dict[str, Any]) -> None:
    found.update(stated)
