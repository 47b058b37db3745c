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
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from parsers.clean import reply_lines, strip_signature
from parsers.extract import DEFAULT_VOCABULARY, Vocabulary, browser_at_start, extract_stated
from parsers.fields import FIELD_NAMES, Fields, Language

__all__ = ["Answer", "read_answer", "read_commands"]

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
    ("personal_data", re.compile(r"personopplysning|personal data|personal information|gdpr|persondata")),
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
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
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


def read_answer(
    text: str,
    *,
    asked: Sequence[str],
    sent_at: datetime | None = None,
    vocabulary: Vocabulary = DEFAULT_VOCABULARY,
) -> Answer:
    """The fields a reply states, which of them it corrects, and the commands it gives.

    `asked` is the ordered list of fields the bot's last question numbered 1..n ("browser" stands for a
    browser or the app's platform and version). `text` is the raw reply, quoted question included.
    """
    found: dict[str, Any] = {}
    corrections: set[str] = set()
    for field, segment in _segments(text, asked):
        segment = strip_signature(segment)
        if not segment.strip():
            continue
        if field is not None:
            _merge(found, _value_for(field, segment, sent_at, vocabulary))
            continue
        _read_free(segment, asked, sent_at, vocabulary, found, corrections)
    fields = Fields(**{k: v for k, v in found.items() if k in FIELD_NAMES})
    return Answer(fields=fields, corrections=frozenset(corrections), commands=read_commands(text))


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
    for field, cue in _FIELD_CUES:
        if field in asked and cue.search(low):
            return field
    return None


def _read_free(
    segment: str,
    asked: Sequence[str],
    sent_at: datetime | None,
    vocabulary: Vocabulary,
    found: dict[str, Any],
    corrections: set[str],
) -> None:
    """Numbered and labelled lines, then sentences, then a bare yes/no."""
    rest: list[str] = []
    for line in segment.split("\n"):
        parts = _numbered_parts(line, asked)
        if parts:
            for index, value in parts:
                _merge(found, _value_for(asked[index - 1], value, sent_at, vocabulary))
            continue
        label = _LABEL.match(line)
        field = _label_field(label.group(1), asked) if label else None
        if label and field:
            _merge(found, _value_for(field, label.group(2), sent_at, vocabulary))
            continue
        rest.append(line)
    free = "\n".join(rest).strip()
    if not free:
        return
    for sentence in _SENTENCE.findall(free):
        if _CORRECTION.search(sentence):
            stated = _stated(extract_stated(sentence, sent_at=sent_at, vocabulary=vocabulary))
            corrections.update(stated)
            _merge(found, stated)
    stated = _stated(extract_stated(free, sent_at=sent_at, vocabulary=vocabulary))
    for name, value in stated.items():
        if name not in corrections:
            found[name] = value
    yes_no = [f for f in asked if f in YES_NO_FIELDS]
    if len(yes_no) == 1 and yes_no[0] not in found:
        verdict = _yes_no(free)
        if verdict is not None:
            found[yes_no[0]] = verdict
    if len(asked) == 1:
        for name, value in _value_for(asked[0], free, sent_at, vocabulary).items():
            found.setdefault(name, value)


def _numbered_parts(line: str, asked: Sequence[str]) -> list[tuple[int, str]]:
    """Numbered answers ("1. Edge  2. ja", "2) alle") as (number, answer) pairs; "3. november" is a date."""
    starts = list(_INLINE_NUMBER.finditer(line))
    if not starts or (starts[0].start() > 0 and line[: starts[0].start()].strip()):
        return []
    parts: list[tuple[int, str]] = []
    for i, match in enumerate(starts):
        number = int(match.group(1))
        end = starts[i + 1].start() if i + 1 < len(starts) else len(line)
        value = line[match.end() : end].strip(" ,;")
        if not 1 <= number <= len(asked) or _MONTH_START.match(value):
            return [] if i == 0 else parts
        if parts and number <= parts[-1][0]:
            # Not an ascending list: the later number belongs to the answer ("2. 3 brukere").
            previous_number, previous = parts[-1]
            parts[-1] = (previous_number, f"{previous} {line[match.start() : end].strip()}")
            continue
        parts.append((number, value))
    return parts


def _label_field(label: str, asked: Sequence[str]) -> str | None:
    low = label.lower()
    for field, cue in _FIELD_CUES:
        if cue.search(low):
            # A label names the field whether or not it was asked ("Nettleser: Firefox" is always a browser).
            return field
    del asked
    return None


def _value_for(field: str, value: str, sent_at: datetime | None, vocabulary: Vocabulary) -> dict[str, Any]:
    """What an answer to one question says: the asked field first, and anything else it states."""
    stated = _stated(extract_stated(value, sent_at=sent_at, vocabulary=vocabulary))
    bare = value.strip().strip(".!").strip()
    if field in YES_NO_FIELDS and field not in stated:
        verdict = _yes_no(bare)
        if verdict is not None:
            stated[field] = verdict
    elif field == "browser":
        named = browser_at_start(bare)
        if "browser" not in stated and named:
            stated["browser"] = named
        if "app_platform" in stated and "app_version" not in stated:
            version = _BARE_VERSION.search(bare)
            if version:
                stated["app_version"] = version.group(1)
    elif field == "scope" and "scope" not in stated:
        for scope, pattern in _BARE_SCOPE:
            if pattern.match(bare):
                stated["scope"] = scope
                break
        else:
            users = _user_tokens(bare)
            if users:
                stated["affected_users"] = users
                stated["scope"] = "one" if len(users) == 1 else "several"
    elif field == "affected_users" and "affected_users" not in stated:
        users = _user_tokens(bare)
        if users:
            stated["affected_users"] = users
        elif "scope" not in stated:
            for scope, pattern in _BARE_SCOPE:
                if scope == "all" and pattern.match(bare):
                    stated["scope"] = "all"
    elif field == "record_id" and "record_id" not in stated:
        number = re.fullmatch(r"#?\s*([A-Za-z]{0,5}-?\d{2,10})", bare)
        if number:
            stated["record_id"] = number.group(1).upper()
    elif field == "requested_handler" and "requested_handler" not in stated:
        name = re.fullmatch(r"([A-ZÆØÅ][a-zæøåé]+(?:\s[A-ZÆØÅ][a-zæøåé]+)?)", bare)
        if name:
            stated["requested_handler"] = name.group(1)
    return stated


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
