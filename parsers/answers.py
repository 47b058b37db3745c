"""A customer's reply to the bot's questions, read into case fields and commands.

The bot asks numbered questions (`asked`, in order). Customers answer in every shape: numbered lines
("1. Edge  2. ja"), labelled lines ("Nettleser: Firefox"), free sentences ("I'm on Chrome, feel free to
log in"), answers typed under each quoted question, or a bare "ja" when one yes/no question was asked.
They also correct themselves ("beklager, det var Edge, ikke Chrome") and give commands ("lukk saken",
"trekk tilbake påloggingen").

The raw reply is read, not the cleaned description: the quoted questions tell which answer is which.
Unquoted history under the reply (an Outlook block) is ignored, and so is the signature.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from parsers.clean import reply_lines, strip_signature
from parsers.extract import DEFAULT_VOCABULARY, Vocabulary, browser_at_start, extract_stated
from parsers.fields import FIELD_NAMES, Fields, Language

__all__ = ["Answer", "explicit_date", "read_answer", "read_commands", "says_in_app"]

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


# ---------------------------------------------------------------------------------------- commands

_CLOSE = re.compile(
    r"\b(?:lukk|avslutt)(?:e|)\s+(?:denne\s+|)saken\b|\bsaken\s+kan\s+(?:nå\s+|bare\s+|gjerne\s+|)"
    r"(?:lukkes|avsluttes)\b|\b(?:kan|må)\s+(?:dere|du)\s+(?:gjerne\s+|bare\s+|)(?:lukke|avslutte)\s+saken\b"
    r"|\bclose\s+(?:this|the|my|our)\s+(?:case|ticket|issue)\b|\b(?:case|ticket)\s+can\s+(?:now\s+"
    r"|)be\s+closed\b"
    r"|\bfeel\s+free\s+to\s+close\b|\byou\s+(?:can|may)\s+close\s+(?:it|this|the\s+case|the\s+ticket)\b"
)
_WITHDRAW = re.compile(
    r"\btrekk(?:er|e|)\s+(?:vi\s+|)(?:tilbake\s+|)(?:påloggingen|påloggingstilgangen|tilgangen|tillatelsen)"
    r"(?:\s+tilbake|)\b|\btrekk(?:er|e|)\s+(?:vi\s+|)tilbake\s+(?:påloggingen|tilgangen|tillatelsen"
    r"|pålogging)\b"
    r"|\b(?:dere|du)\s+(?:kan|får|må)\s+ikke\s+(?:\w+\s+|)(?:logge|logger)\s+(?:dere\s+|deg\s+|)(?:inn"
    r"|på)\s+lenger\b"
    r"|\b(?:dere|du)\s+har\s+ikke\s+lenger\s+(?:tilgang|lov|tillatelse)\b|\bfjern\s+(?:deres\s+"
    r"|)(?:tilgangen|påloggingen)\b"
    r"|\bwithdraw\s+(?:the\s+|your\s+|our\s+|my\s+|)(?:login|log-in|access|permission)\b"
    r"|\brevoke\s+(?:the\s+|your\s+|)(?:login|log-in|access|permission)\b"
    r"|\byou\s+(?:can|may)\s+no\s+longer\s+log\s*(?:in|on)\b|\bremove\s+your\s+(?:login|access)\b"
)
_COMMAND_NEGATION = re.compile(r"\b(?:ikke|ikkje|not|don't|do\s+not|never|aldri|ennå|yet)\b")


def read_commands(text: str) -> frozenset[str]:
    """Commands in a reply: "close" and "withdraw_login", in Norwegian or English, quoted text ignored."""
    own = _own_text(text).lower()
    commands: set[str] = set()
    for name, pattern in (("close", _CLOSE), ("withdraw_login", _WITHDRAW)):
        for match in pattern.finditer(own):
            before = re.split(r"[.!?\n]", own[max(0, match.start() - 25) : match.start()])[-1]
            clause = before + own[match.start() : match.end() + 8]
            # "ikke lukk saken ennå" / "don't close the case"; a withdraw phrase carries its own "ikke".
            if name == "close" and _COMMAND_NEGATION.search(clause):
                continue
            commands.add(name)
            break
    return frozenset(commands)


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
    ("login_allowed", re.compile(r"logge?r? (?:inn|på)|pålogging|innlogging|log ?in|login|tilgang|access")),
    ("recurring", re.compile(r"gjentak|gjentag|hver gang|engang|én gang|igjen|recurr|every time|once|again")),
    ("observed_on", re.compile(r"\bdato\b|\bnår\b|\bwhen\b|\bdate\b|observert|observed|oppstod|happen")),
    ("affected_users", re.compile(r"brukernavn|username|hvilke brukere|which users|bruker-?id|user id")),
    (
        "scope",
        re.compile(r"én bruker|en bruker|flere|alle|one user|several|all users|omfang|scope|hvor mange"),
    ),
    ("browser", re.compile(r"nettleser|browser|\bapp\b|appen|plattform|platform")),
    ("module", re.compile(r"\bmodul|\bmodule")),
    ("record_id", re.compile(r"\bid\b|registrering|record")),
    ("requested_handler", re.compile(r"saksbehandler|handler")),
    ("priority", re.compile(r"prioritet|priority|haster|urgent")),
)
_NUMBERED = re.compile(r"^\s*(?:svar\s*|answer\s*|spm\.?\s*|q\s*|)(\d{1,2})\s*[.):\-]\s*(.*)$", re.IGNORECASE)
_INLINE_NUMBER = re.compile(r"(?:^|\s)(\d{1,2})\s*[.)]\s+")
_LABEL = re.compile(r"^\s*([A-Za-zÆØÅæøå][\w /-]{1,40}?)\s*[:=]\s*(.+)$")
_MONTH_START = re.compile(
    r"^(?:jan|feb|mar|apr|mai|may|jun|jul|aug|sep|okt|oct|nov|des|dec)[a-z]*\b", re.IGNORECASE
)
_YES = re.compile(
    r"^(?:ja|jada|jo|japp|jepp|yes|yep|yeah|yup|ok|okay|oki|gjerne|selvfølgelig|sure|of course|greit|fint|"
    r"absolutt|klart|correct|stemmer|riktig|go ahead|det går fint|det er greit|that's fine|fine"
    r"|definitely)\b",
    re.IGNORECASE,
)
_NO = re.compile(
    r"^(?:nei|no|nope|nah|helst ikke|ikke|not|never|aldri|ingen|none|nei takk|no thanks|negative)\b",
    re.IGNORECASE,
)
_BARE_VERSION = re.compile(r"\b(\d{1,3}\.\d{1,3}(?:\.\d{1,4}){0,2})\b")
_CORRECTION = re.compile(
    r"\b(?:beklager|unnskyld|sorry|oops|rettelse|correction|feil av meg|my mistake|my bad|jeg mente|i meant|"
    r"skal være|should be|det var (?:\w+\s+){0,3}ikke|ikke \w+,? men|not \w+,? but|actually)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[^\d][.!?])\s+")
_USER_TOKEN = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[a-zæøå][\w-]*[._][\w.-]*[a-zæøå0-9]\b|\b\d{2,10}\b"
)
_BARE_SCOPE: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "all",
        re.compile(
            r"^(?:alle|all|everyone|everybody|alle sammen|all of them|all users|alle brukere)\b", re.I
        ),
    ),
    (
        "one",
        re.compile(r"^(?:én|en|1|one|bare meg|kun meg|meg|just me|only me|me|én bruker|one user)\b", re.I),
    ),
    (
        "several",
        re.compile(r"^(?:flere|noen|several|some|multiple|a few|flere brukere|noen brukere)\b", re.I),
    ),
)

#: Customers number their answers their own way ("6) ja"); numbers beyond this are not numbering.
_MAX_NUMBER = 20
_GREETING = re.compile(
    r"^(?:hei|hi|hello|hallo|heisann|dear\s+\w+|god\s+(?:morgen|dag)|good\s+(?:morning|afternoon)"
    r"|takk(?:\s+for\s+(?:svar|svaret|sist|hjelpen))?|thanks|thank\s+you|svar|answers?|see\s+below"
    r"|se\s+under|sjå\s+under)(?:\s+\w+)?[\s,.!:]*$",
    re.IGNORECASE,
)
_UNKNOWN = re.compile(
    r"\b(?:vet\s+ikke|veit\s+ikke|vet\s+ikkje|veit\s+ikkje|aner\s+ikke|ingen\s+anelse|usikker|uvisst"
    r"|ikke\s+sikker|ikkje\s+sikker|husker\s+ikke|hugsar\s+ikkje|kan\s+ikke\s+si|vanskelig\s+å\s+si"
    r"|i\s+don'?t\s+know|i\s+do\s+not\s+know|don'?t\s+know|dunno|no\s+idea|not\s+sure|unsure"
    r"|can'?t\s+(?:remember|say|tell)|cannot\s+(?:remember|say|tell)|don'?t\s+remember|no\s+clue"
    r"|unknown|ukjent|hard\s+to\s+say)\b"
)
_HEDGE = re.compile(
    r"\b(?:tror\s+(?:jeg|eg|det)|jeg\s+tror|eg\s+trur|trur\s+eg|kanskje|muligens|antakelig|sannsynligvis"
    r"|visstnok|i\s+think|i\s+believe|i\s+guess|maybe|perhaps|probably|possibly|might\s+be|could\s+be"
    r"|(?:skal|må|må\s+nok)\s+(?:sjekke|høre|spørre)|(?:have|need)\s+to\s+(?:check|ask)|i'?ll\s+(?:check|ask)"
    r"|will\s+(?:check|ask|get\s+back)|get\s+back\s+to\s+you|kommer\s+tilbake|haven'?t\s+heard|ikke\s+hørt)\b"
)
_APP_WORD = re.compile(r"\b(?:app|appen|appa|iphone|ipad|ios|android|samsung|galaxy|pixel|motorola)\b")
_ONCE = re.compile(
    r"\b(?:bare\s+(?:én|en|ein)\s+gang|kun\s+(?:én|en)\s+gang|én\s+gang|engang|only\s+once|just\s+once|once)\b"
)
_LOGIN_NO = re.compile(
    r"\b(?:no\s+need\s+to\s+log|(?:rather|prefer)\s+(?:you\s+)?(?:didn'?t|did\s+not|not)\s+log|please\s+don'?t"
    r"\s+log|do\s+not\s+log|don'?t\s+log\s+in|helst\s+ikke\s+(?:logg|pålogg)|ikke\s+logg\s+inn|ikke\s+logge\s+inn"
    r"|trengs\s+ikke\s+(?:å\s+)?logge|ikke\s+nødvendig\s+å\s+logge)"
)
_LOGIN_YES = re.compile(
    r"\b(?:log\s*(?:in|on)\s+(?:if|when|as)\s+(?:needed|necessary|required)|logg?e?\s+(?:inn|på)\s+(?:hvis|om|ved)"
    r"\s+(?:det\s+trengs|nødvendig|behov)|go\s+ahead\s+and\s+log|feel\s+free\s+to\s+log|you\s+(?:can|may)\s+log"
    r"|(?:dere|du)\s+(?:kan|får|må\s+gjerne)\s+(?:gjerne\s+|godt\s+)?logge|log\s+in\s+immediately)"
)
_PERSONAL_NO = re.compile(
    r"\b(?:no\s+personal\s+(?:data|info\w*)|ingen\s+person(?:opplysning|opplysing)\w*|not\s+personal\s+data"
    r"|ikke\s+person(?:opplysning|opplysing)\w*|no\s+names\s+in\s+it|ingen\s+navn)\b"
)
_PERSONAL_YES = re.compile(
    r"\b(?:(?:show|shows|contain|contains|has|have|include|includes|mention|mentions)\s+(?:our\s+|the\s+|some\s+)?"
    r"(?:employee\s+|staff\s+)?(?:names|health|sick|injury)|(?:viser|vise|inneholder|har)\s+(?:navn|ansatte"
    r"|helse)|helseopplysning\w*|namn\s+på\s+tilsette|navn\s+på\s+ansatte)"
)
_COUNT_WORD = (
    r"(?:\d{1,4}|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|tolv|femten|tjue|two|three|four|five|six|seven"
    r"|eight|nine|ten|twelve|fifteen|twenty)"
)
_SEVERAL_COUNT = re.compile(
    rf"\b(?:{_COUNT_WORD}\s+(?:av|of|stykker|stykk|stykke|stk|people|persons|users|brukere|ansatte|kollegaer"
    rf"|colleagues)|(?:vi|we)\s+(?:er|are)\s+{_COUNT_WORD}\b|alle\s+{_COUNT_WORD}\b|all\s+{_COUNT_WORD}\b"
    r"|(?:same|samme)\s+(?:problem|feil|error)|(?:kollega\w*|colleague)\s+(?:min|mi|mitt|my)?\s*(?:har|has|sier|says))"
)
_ME_AND = re.compile(r"\b(?:meg\s+og|me\s+and|i\s+and|jeg\s+og)\s+\w+")
_ONLY_ME = re.compile(
    r"^(?:bare|kun|only|just)\s+(?:meg|me|eg|mæ)\b|\b(?:only|just)\s+me\b|\bbare\s+meg\b|\bkun\s+meg\b"
)
_NAME_LEAD = re.compile(r"^(?:only|just|bare|kun|det\s+er|it'?s|it\s+is)\s+", re.IGNORECASE)
_NAME_WORD = re.compile(r"[A-ZÆØÅ][a-zæøåéü'-]+(?:-[A-ZÆØÅ][a-zæøåé]+)?")
_NOT_NAMES = frozenset(
    (
        "ja",
        "nei",
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
    )
)
_QUESTION_WORD = re.compile(
    r"\b(?:hva|hvorfor|hvordan|hvor|teller|regnes|gjelder|betyr|mener|what|why|how|where|which|do|does|is|are"
    r"|count|counts|mean|means|er\s+det|må\s+vi|skal\s+vi|should|must|kva|korleis|kvifor)\b"
)
_ASK_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "personal_data",
        re.compile(r"personopplysning|personal data|personal information|gdpr|persondata|personopplysing"),
    ),
    ("login_allowed", re.compile(r"logge?r? (?:inn|på)|pålogging|innlogging|log ?in|login|tilgang|access")),
    (
        "app_version",
        re.compile(r"app-?versjon|app version|versjon av appen|version of the app|which version"),
    ),
    ("browser", re.compile(r"nettleser|browser")),
)
_MEANING = re.compile(r"\b(?:hva mener|what do you mean|hva betyr|what does|kva meiner|what is meant)\b")
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
    ("affected_users", re.compile(r"berørte brukere|affected users|brukere|users")),
    ("scope", re.compile(r"^(?:gjelder|affected|omfang|scope|hvem)$")),
    ("login_allowed", re.compile(r"pålogging|login|log in|innlogging|tilgang|access")),
    ("personal_data", re.compile(r"personopplysning|personal")),
    ("observed_on", re.compile(r"observert|observed|dato|date|når|when")),
    ("recurring", re.compile(r"gjentak|recurr|hver gang|every time")),
    ("browser", re.compile(r"nettleser|browser|^app\b|plattform|platform")),
)


def read_answer(
    text: str,
    *,
    asked: Sequence[str],
    sent_at: datetime | None = None,
    vocabulary: Vocabulary = DEFAULT_VOCABULARY,
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
    """
    reading = _Reading()
    own = _own_text(text)
    second = _second_problem(own)
    reading.same_as = _same_as_case(own)
    for answered, segment in _segments(text, asked):
        segment = strip_signature(segment)
        if second:
            segment = segment.replace(second, "")
        if not segment.strip():
            continue
        items = [_Item(segment, answered)] if answered is not None else _items(segment, asked)
        for item in items:
            _read_item(item, asked, sent_at, vocabulary, reading)
    _place_loose(reading, asked)
    found = reading.found
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
    )


@dataclass
class _Reading:
    """What has been read from a reply so far."""

    found: dict[str, Any] = field(default_factory=dict)
    corrections: set[str] = field(default_factory=set)
    unknown: set[str] = field(default_factory=set)
    asks_about: set[str] = field(default_factory=set)
    #: Bare yes/no answers that no question claimed (no number, no place, no words naming one).
    loose: list[bool] = field(default_factory=list)
    same_as: int | None = None
    in_app: bool = False


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


def _items(segment: str, asked: Sequence[str]) -> list[_Item]:
    """A free piece of a reply as answers: numbered parts, labelled lines, then lines or sentences, each
    with the asked field its number, label or place points to."""
    numbered: list[_Item] = []
    labelled: list[_Item] = []
    plain: list[str] = []
    for line in segment.split("\n"):
        if not line.strip() or _GREETING.match(line.strip()):
            continue
        parts = _numbered_parts(line)
        if parts:
            for number, value in parts:
                slot = asked[number - 1] if 1 <= number <= len(asked) else None
                numbered.append(_Item(value, slot))
            continue
        label = _LABEL.match(line)
        field_name = _label_field(label.group(1)) if label else None
        if label and field_name:
            labelled.append(_Item(label.group(2), field_name, labelled=True))
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
    only = asked[0] if len(asked) == 1 else None
    if only is not None and alone and len(plain) == 1 and len(sentences) > 1:
        # One question, several sentences: the question's reading applies to the sentence that answers it.
        return [_Item(s, only) for s in sentences]
    return (
        items + [_Item(line, only) for line in plain]
        if len(sentences) <= len(plain)
        else (items + [_Item(s, only) for s in sentences])
    )


def _read_item(
    item: _Item,
    asked: Sequence[str],
    sent_at: datetime | None,
    vocabulary: Vocabulary,
    reading: _Reading,
) -> None:
    """Read one answer into `reading`."""
    text = item.text.strip()
    if not text:
        return
    low = text.lower()
    slot = item.slot
    about = _asks_about(text, slot, asked)
    if about:
        reading.asks_about.update(about)
        return
    stated = _stated(extract_stated(text, sent_at=sent_at, vocabulary=vocabulary))
    stated.update({k: v for k, v in _reply_phrases(text, low, asked, sent_at).items() if k not in stated})
    if slot is not None:
        for name, value in _value_for(slot, text, sent_at).items():
            stated.setdefault(name, value)
    if (slot in _WHERE or any(n in asked for n in _WHERE)) and says_in_app(text):
        reading.in_app = True
    cued = [name for name, cue in _FIELD_CUES if cue.search(low) and name in asked]
    target = next(iter(cued), None) if cued else slot
    if item.labelled:
        target = slot
    if _UNKNOWN.search(low) or _HEDGE.search(low):
        # "Edge, tror jeg, men er ikke sikker": not a fact. "Vet ikke": not known, and not asked again.
        if target is None:
            return  # "in meetings all day, will get back to you": nothing to take from it
        hedged = [n for n in _family(target) if n in stated]
        for name in hedged:
            stated.pop(name)
        if not hedged and target is not None and _UNKNOWN.search(low):
            reading.unknown.add(target)
        if target in YES_NO_FIELDS or target is None:
            for name in YES_NO_FIELDS & set(stated):
                if name == target or target is None:
                    stated.pop(name)
        _take(reading, stated, text, sent_at, vocabulary)
        return
    if not any(name in YES_NO_FIELDS for name in stated):
        verdict = _yes_no(text)
        if verdict is not None:
            named = [n for n in cued if n in YES_NO_FIELDS]
            if len(named) == 1:
                stated[named[0]] = verdict
            elif named:
                pass  # "ja til pålogging og personopplysninger"-like lines are read by their phrases
            elif slot in YES_NO_FIELDS and not cued:
                stated[slot] = verdict
            elif slot is None and not cued:
                reading.loose.append(verdict)
    _take(reading, stated, text, sent_at, vocabulary)


def _take(
    reading: _Reading, stated: dict[str, Any], text: str, sent_at: datetime | None, vocabulary: Vocabulary
) -> None:
    if _CORRECTION.search(text):
        reading.corrections.update(stated)
    for name, value in stated.items():
        if name in reading.found and name not in reading.corrections and name == "module":
            continue
        reading.found[name] = value
    del sent_at, vocabulary


def _place_loose(reading: _Reading, asked: Sequence[str]) -> None:
    """Bare yes/no answers go to the yes/no questions nothing else answered, in order, when they match
    one to one (or one answer to the one question left)."""
    if not reading.loose:
        return
    left = [
        name
        for name in asked
        if name in YES_NO_FIELDS and name not in reading.found and name not in reading.unknown
    ]
    if len(left) == len(reading.loose):
        for name, verdict in zip(left, reading.loose, strict=True):
            reading.found[name] = verdict


_WHERE = ("browser", "app_platform", "app_version")
_IN_APP = re.compile(
    r"\b(?:i\s+appen|i\s+appa|in\s+the\s+(?:mobile\s+)?app|the\s+app|appen|appa|mobilappen|mobile\s+app"
    r"|landax-appen|landax\s+app)\b"
)
_NOT_APP = re.compile(
    r"\b(?:ikke|ikkje|not|no|don'?t\s+use|do\s+not\s+use|bruker\s+ikke)\s+(?:i\s+|in\s+)?(?:the\s+)?"
    r"(?:mobile\s+)?(?:app|appen|appa|mobilappen)\b"
)


def says_in_app(text: str) -> bool:
    """Whether a text says the problem is in the app ("Det er i appen, ikke nettleseren", "It's in the
    app"), not that it is not ("we don't use the app")."""
    low = text.lower()
    return bool(_IN_APP.search(low)) and not _NOT_APP.search(low)


def _family(name: str | None) -> tuple[str, ...]:
    if name in ("browser", "app_platform", "app_version"):
        return ("browser", "app_platform", "app_version")
    if name in ("scope", "affected_users"):
        return ("scope", "affected_users")
    return (name,) if name else ()


def _numbered_parts(line: str) -> list[tuple[int, str]]:
    """Numbered answers ("1. Edge  2. ja", "2) alle", the customer's own numbers too) as (number, answer)
    pairs; "3. november" is a date."""
    starts = list(_INLINE_NUMBER.finditer(line))
    if not starts or (starts[0].start() > 0 and line[: starts[0].start()].strip()):
        return []
    parts: list[tuple[int, str]] = []
    for i, match in enumerate(starts):
        number = int(match.group(1))
        end = starts[i + 1].start() if i + 1 < len(starts) else len(line)
        value = line[match.end() : end].strip(" ,;")
        if not 1 <= number <= _MAX_NUMBER or _MONTH_START.match(value):
            return [] if i == 0 else parts
        if parts and number <= parts[-1][0] and i > 0:
            # Not an ascending list on one line: the later number belongs to the answer ("2. 3 brukere").
            previous_number, previous = parts[-1]
            parts[-1] = (previous_number, f"{previous} {line[match.start() : end].strip()}")
            continue
        parts.append((number, value))
    return parts


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
        if named and not _APP_WORD.search(bare.lower()):
            stated["browser"] = named
        version = _BARE_VERSION.search(bare)
        if version and (slot != "browser" or _APP_WORD.search(bare.lower())):
            stated["app_version"] = version.group(1)
    elif slot in ("scope", "affected_users"):
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
    elif slot == "recurring" and _ONCE.search(bare.lower()):
        stated["recurring"] = False
    del sent_at
    return stated


def _reply_phrases(text: str, low: str, asked: Sequence[str], sent_at: datetime | None) -> dict[str, Any]:
    """What replies say in words a first mail seldom uses: "log in if needed", "I'd rather you didn't
    log in", "tre av oss", "meg og kollegaen min", an explicit date ("Monday 4 January")."""
    stated: dict[str, Any] = {}
    if _LOGIN_NO.search(low):
        stated["login_allowed"] = False
    elif _LOGIN_YES.search(low):
        stated["login_allowed"] = True
    if _PERSONAL_NO.search(low):
        stated["personal_data"] = False
    elif _PERSONAL_YES.search(low):
        stated["personal_data"] = True
    if "scope" in asked or "affected_users" in asked:
        if _SEVERAL_COUNT.search(low) or _ME_AND.search(low):
            stated["scope"] = "several"
        elif _ONLY_ME.search(low):
            stated["scope"] = "one"
    if any(n in asked for n in ("browser", "app_platform", "app_version")) and len(text.split()) <= 4:
        named = browser_at_start(text.strip(" .!"))
        if named and not _APP_WORD.search(low):
            stated["browser"] = named
    if "observed_on" in asked:
        day = explicit_date(text, sent_at)
        if day is not None:
            stated["observed_on"] = day
    return stated


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
_NUMERIC_DATE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.?(?:(\d{4}|\d{2})\b)?(?![\d.])")


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
            match = _NUMERIC_DATE.search(text)
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
        if words[0].lower() in _NOT_NAMES:
            return ()
        names.append(part)
    return tuple(names)


def _asks_about(text: str, slot: str | None, asked: Sequence[str]) -> set[str]:
    """The questions a question in the reply asks about ("Teller navn på ansatte som personopplysninger?")."""
    if "?" not in text:
        return set()
    low = text.lower()
    if not _QUESTION_WORD.search(low):
        return set()
    about: set[str] = set()
    for name, cue in _ASK_CUES:
        if cue.search(low):
            about.add(name)
    if not about and slot is not None and _MEANING.search(low):
        about.add(slot)
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


def _user_tokens(value: str) -> tuple[str, ...]:
    tokens = [t.lower().rstrip(".") for t in _USER_TOKEN.findall(value)]
    return tuple(dict.fromkeys(t for t in tokens if not re.fullmatch(r"\d{1,3}\.\d.*", t)))


def _yes_no(value: str) -> bool | None:
    text = value.strip().lstrip("-–•* ").strip()
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
