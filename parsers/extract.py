"""Case fields read out of a customer's description, in Norwegian (bokmål) and English.

`extract_fields` reads the cleaned description (see `parsers.clean`) and the subject and returns the
fields the text states. The rules are small vocabularies with inflections, read in the clause they
occur in: "haster ikke" is low priority, "dere må ikke logge inn" is a refusal, "vi får ikke logget inn"
is a symptom and says nothing about the vendor's access. A field the text does not state stays empty:
a wrong guess is worse than a question. That holds for `type` and `priority` too: without a cue they
are None, and the case takes the portal's defaults; only `language` always has a value.

Everything here is a pure function over text. The expressions are linear (no nested quantifiers over
the same characters), so a long or hostile description costs time in proportion to its length.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from parsers.fields import CaseType, Fields, Language, Platform, Priority, Scope
from parsers.threading import strip_reply_prefixes
from parsers.vocabulary import DEFAULT_VOCABULARY, Module, Vocabulary

__all__ = [
    "DEFAULT_VOCABULARY",
    "Module",
    "Vocabulary",
    "detect_language",
    "extract_fields",
    "extract_stated",
]

_L = "a-zæøåéäöü"  # letters in lowercased Norwegian and English text


class _Words:
    """A vocabulary expression whose every alternative starts a word, tried only where it can match.

    Python's engine tries every alternative at every position: 40 to 60 ns per character for these
    lists, and a message meets about fifty of them. Most alternatives start with a literal ("haster",
    "ikke alle"), so a match can only start where one of those literals starts a word. `_Scan` finds
    those places for all expressions at once, in one pass over a text; each expression is then tried
    only there, which gives exactly the matches a scan of the whole text gives, in the same order.
    An expression that ignores case is tried where its literals start words of the lowercased text.
    Short texts, and expressions without such literals, are scanned whole, behind a substring test
    for the literals every match contains.
    """

    def __init__(self, pattern: str, flags: int = 0, require: tuple[str, ...] | None = None) -> None:
        self.pattern = pattern
        self._regex = re.compile(r"(?<![\w])(?:" + pattern + ")", flags)
        self._fold = bool(flags & re.IGNORECASE)
        # Literals are read from the pattern's text, which under VERBOSE or ASCII means something else.
        readable = require is None and not flags & (re.VERBOSE | re.ASCII)
        literals = _literal_prefixes(pattern) if readable else None
        # A "\d" start stands for "0" to "9" here, but Python's \d is any decimal digit ("３", "٣"):
        # such an expression has no substring test, and is scanned whole in a text with other digits.
        self.digits = literals is not None and any(p in _ASCII_DIGITS for p in literals)
        # `require`: substrings of which every match contains one, for patterns that open with a class.
        needed = list(require) if require is not None else None if self.digits else literals
        self._prefixes = tuple(p.lower() for p in needed) if needed is not None else None
        # The literals a match starts with, when the scan can find where this expression may match;
        # `_slot` is this expression's number in that scan (set by `_Scan`).
        # An expression that ignores case finds its (lowercased) literals in the lowercased text.
        self.starts: tuple[str, ...] | None = (
            None if literals is None else tuple(p.lower() if self._fold else p for p in literals)
        )
        self._slot: int | None = None
        _ALL_WORDS.append(self)

    def _may_match(self, text: str) -> bool:
        if self._prefixes is None or (self._fold and _FOLDS_APART.search(text)):
            return True
        haystack = text.lower() if self._fold else text
        return any(prefix in haystack for prefix in self._prefixes)

    def _candidates(self, text: str) -> list[int] | None:
        """Where in `text` a match may start, in order; None when the whole text is to be scanned."""
        if self._slot is None or len(text) < _SCAN_FROM:
            return None
        if self._fold:
            low = _lowered(text)
            if low is None:
                return None
            text = low
        return _scan(text).get(self._slot, [])

    def search(self, text: str) -> re.Match[str] | None:
        candidates = self._candidates(text)
        if candidates is None:
            return self._regex.search(text) if self._may_match(text) else None
        for position in candidates:
            match = self._regex.match(text, position)
            if match is not None:
                return match
        return None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        candidates = self._candidates(text)
        if candidates is None:
            return self._regex.finditer(text) if self._may_match(text) else iter(())
        return self._matches_at(text, candidates)

    def findall(self, text: str) -> list[Any]:
        candidates = self._candidates(text)
        if candidates is None:
            return self._regex.findall(text) if self._may_match(text) else []
        matches = self._matches_at(text, candidates)
        if self._regex.groups == 0:
            return [match.group() for match in matches]
        if self._regex.groups == 1:
            return [match.group(1) or "" for match in matches]
        return [match.groups("") for match in matches]

    def _matches_at(self, text: str, candidates: list[int]) -> Iterator[re.Match[str]]:
        """Matches starting at `candidates`, left to right and not overlapping, as the engine finds them."""
        end = 0
        for position in candidates:
            if position >= end:
                match = self._regex.match(text, position)
                if match is not None:
                    end = match.end()
                    yield match


def _words(pattern: str, flags: int = 0, require: tuple[str, ...] | None = None) -> _Words:
    return _Words(pattern, flags, require)


_ALL_WORDS: list[_Words] = []
_ASCII_DIGITS = frozenset("0123456789")
# Characters that ignoring case matches to a letter their lowercase is not: "ſ" (s), "ı" and "İ" (i).
# A text with one is read by the whole expression, without substring tests or the scan.
_FOLDS_APART = re.compile("[ſıİ]")
# A decimal digit other than 0 to 9 ("３", "٣"): see `_Words.digits`.
_OTHER_DIGIT = re.compile(r"[^\D0-9]")
# Texts shorter than this are scanned by each expression: the shared pass costs more than it saves.
_SCAN_FROM = 80


class _Scan:
    """One pass over a text that finds, for every `_Words` expression at once, where it may match.

    The literals all expressions start with form one trie, written as a regular expression whose
    branches each open with a different character, so the engine rejects a branch on one comparison.
    At every place a match may begin (not after a word character, the expressions' own look-behind),
    the trie gives the longest literal found there; the literals along its path are the ones found
    there, and their expressions are the ones to try there.
    """

    def __init__(self, expressions: list[_Words]) -> None:
        trie: dict[str, Any] = {}
        owners: dict[str, set[int]] = {}
        for slot, words in enumerate(expressions):
            words._slot = slot
            for literal in words.starts or ():
                node = trie
                for ch in literal:
                    node = node.setdefault(ch, {})
                node[""] = {}
                owners.setdefault(literal, set()).add(slot)
        # Every literal found at a place brings the ones that are its beginnings (found there too).
        self._owners = {
            literal: tuple(
                sorted({s for n in range(1, len(literal) + 1) for s in owners.get(literal[:n], ())})
            )
            for literal in owners
        }
        self._regex = re.compile(r"(?<![\w])(?=(" + _trie_pattern(trie) + "))")
        self._digit_slots = tuple(slot for slot, words in enumerate(expressions) if words.digits)

    def positions(self, text: str) -> dict[int, list[int] | None]:
        """Expression number → the places in `text` where it may match, in order (None: scan it all)."""
        found: dict[int, list[int] | None] = {}
        owners = self._owners
        for match in self._regex.finditer(text):
            start = match.start()
            for slot in owners[match[1]]:
                places = found.get(slot)
                if places is None:
                    found[slot] = [start]
                else:
                    places.append(start)
        if not text.isascii() and _OTHER_DIGIT.search(text):
            for slot in self._digit_slots:
                found[slot] = None
        return found


def _trie_pattern(node: dict[str, Any]) -> str:
    """The trie below `node` as an expression that matches the longest literal it holds at a place."""
    ends_here = "" in node
    branches = [re.escape(ch) + _trie_pattern(child) for ch, child in node.items() if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        return ("(?:" + body + ")?") if len(branches) == 1 else body + "?"
    return body


_META = frozenset("\\()[].?*+{}|^$")


def _literal_prefixes(pattern: str) -> list[str] | None:
    """The literal text each top-level alternative of `pattern` must start with, or None when some
    alternative has none (then the pattern is always scanned)."""
    prefixes: list[str] = []
    for alternative in _split_alternatives(pattern):
        found = _alternative_prefixes(alternative)
        if found is None:
            return None
        prefixes.extend(found)
    return prefixes


def _alternative_prefixes(alternative: str) -> list[str] | None:
    """The literals a match of one alternative starts with, or None when that cannot be said."""
    text = alternative
    while True:
        if text.startswith("\\b"):
            text = text[2:]
        elif text.startswith(("(?<!", "(?<=")):  # a look-behind: the match starts after it
            text = text[_group_end(text) + 1 :]
        else:
            break
    if text.startswith(("(?P<", "(?:")):
        close = _group_end(text)
        inner = _split_alternatives(text[text.index(">") + 1 if text.startswith("(?P<") else 3 : close])
        after = text[close + 1 :]
        found: list[str] = []
        for option in inner:
            prefixes = _alternative_prefixes(option) if option else []
            if prefixes is None:
                return None
            found.extend(prefixes)
        if "" in inner or after[:1] in ("?", "*") or after.startswith(("{0", "{,")):
            # The group may match nothing: the match may also start with what follows it.
            rest = _alternative_prefixes(_after_quantifier(after))
            if rest is None:
                return None
            found.extend(rest)
        return found
    if text.startswith("\\d"):
        if text[2:3] in ("?", "*") or text[2:].startswith(("{0", "{,")):
            return None
        return list("0123456789")
    run = ""
    i = 0
    while i < len(text) and text[i] not in _META:
        run += text[i]
        i += 1
    if i < len(text) and text[i] in "?*{":
        run = run[:-1]
    return [run] if run else None


def _group_end(text: str) -> int:
    """The index of the parenthesis that closes the group `text` opens with."""
    depth, i = 0, 0
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i = _class_end(text, i)
            continue
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0:
            return i
        i += 1
    raise ValueError(f"unbalanced group: {text[:40]!r}")


def _class_end(text: str, start: int) -> int:
    """The index after the character class that opens at `start` ("]" first, or after "^", is a member)."""
    i = start + 1
    if text[i : i + 1] == "^":
        i += 1
    if text[i : i + 1] == "]":
        i += 1
    while text[i] != "]":
        i += 2 if text[i] == "\\" else 1
    return i + 1


def _after_quantifier(text: str) -> str:
    """`text` without the quantifier (and its lazy mark) it opens with."""
    if text[:1] in ("?", "*", "+"):
        text = text[1:]
    elif text.startswith("{"):
        text = text[text.index("}") + 1 :]
    return text[1:] if text.startswith("?") else text


def _split_alternatives(pattern: str) -> list[str]:
    parts: list[str] = []
    depth, start, i = 0, 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i = _class_end(pattern, i)
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


# ---------------------------------------------------------------------------------------------- language

_NB_WORDS = frozenset(
    [
        "og",
        "jeg",
        "ikke",
        "det",
        "er",
        "på",
        "en",
        "et",
        "har",
        "vi",
        "som",
        "til",
        "med",
        "av",
        "kan",
        "å",
        "at",
        "den",
        "de",
        "dere",
        "hei",
        "hvordan",
        "hva",
        "når",
        "får",
        "vår",
        "våre",
        "må",
        "skal",
        "vil",
        "også",
        "eller",
        "fra",
        "men",
        "så",
        "bare",
        "hos",
        "etter",
        "noen",
        "ved",
        "mvh",
        "hilsen",
        "takk",
        "feil",
        "gang",
        "bruker",
        "brukere",
        "ønsker",
        "gjelder",
        "meg",
        "oss",
        "deg",
        "seg",
        "kun",
        "ett",
        "hvis",
        "om",
        "går",
        "blir",
        "ble",
        "fikk",
        "være",
        "hadde",
        "nå",
        "mitt",
        "min",
        "mine",
        "sin",
        "dette",
        "disse",
        "ingen",
        "alle",
        "flere",
        "siden",
        "igjen",
        "mot",
        "uten",
        "vennlig",
    ]
)
_EN_WORDS = frozenset(
    [
        "the",
        "and",
        "is",
        "are",
        "we",
        "you",
        "to",
        "of",
        "in",
        "it",
        "on",
        "with",
        "not",
        "have",
        "has",
        "this",
        "that",
        "can",
        "our",
        "my",
        "when",
        "what",
        "how",
        "please",
        "thanks",
        "hi",
        "hello",
        "be",
        "do",
        "does",
        "from",
        "but",
        "would",
        "could",
        "there",
        "an",
        "was",
        "were",
        "they",
        "them",
        "their",
        "it's",
        "i'm",
        "don't",
        "doesn't",
        "any",
        "some",
        "all",
        "users",
        "user",
        "only",
        "again",
        "since",
        "yesterday",
        "today",
        "regards",
        "kind",
        "best",
        "dear",
    ]
)
_WORD = re.compile(rf"[{_L}']+")


def detect_language(text: str) -> Language:
    """The language to answer in: "en" when English words outweigh Norwegian ones, else "nb"."""
    nb = en = 0
    for word in _WORD.findall(text.lower()[:4000]):
        if word in _NB_WORDS:
            nb += 1
        elif word in _EN_WORDS:
            en += 1
    if any(ch in text for ch in "æøåÆØÅ"):
        nb += 2
    return "en" if en > nb else "nb"


# ------------------------------------------------------------------------------------------ shared bits

_NEGATOR = re.compile(
    r"\b(?:ikke|ikkje|ingen|intet|aldri|not|no|never|none|isn't|aren't|doesn't|don't|dont|won't|without"
    r"|uten)\b"
)
_CLAUSE_BREAK = re.compile(r"[.!?;:\n]|,?\s(?:men|but|mens|while|whereas)\b")


def _clause_before(low: str, start: int, width: int = 60) -> str:
    """The part of the clause that ends at `start` (at most `width` characters)."""
    window = low[max(0, start - width) : start]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    return window[breaks[-1].end() :] if breaks else window


def _negated(low: str, start: int, end: int, words_before: int = 3) -> bool:
    """Whether the phrase at low[start:end] is negated: "ikke"/"not" just before it, or "ikke" right after
    it ("haster ikke": Norwegian puts the negation after the verb)."""
    before = _clause_before(low, start).split()[-words_before:]
    if any(_NEGATOR.fullmatch(word.strip(",")) for word in before):
        return True
    return bool(re.match(r"\s+(?:ikke|ikkje|not)\b", low[end : end + 8]))


def _sentences(low: str) -> Iterator[tuple[int, str]]:
    """Sentences of lowercased text with their offsets; a period after a number is not a sentence end.

    Every sentence but the last ends on the punctuation or line break that ends it, never inside a word,
    so a word-bounded expression that matches in a sentence matches in the whole text too: a search of
    the whole text first can skip the sentence loop.
    """
    start = 0
    for match in re.finditer(
        rf"(?<=[{_L}\)\"]{{2}})[.!?]+(?=\s)|[!?]+|\n\s*\n|\n(?=\s*[-*•]|\s*\d+[.)]\s)", low
    ):
        yield start, low[start : match.end()]
        start = match.end()
    if start < len(low):
        yield start, low[start:]


# ---------------------------------------------------------------------------------------------- type

_TYPE_CUES: tuple[tuple[CaseType, int, _Words], ...] = (
    (
        "agreement_change",
        4,
        _words(
            r"\bavtaleendring\w*|\bendr\w* (?:av |i |på )?(?:vår |våre |selve |)(?:avtale[nr]?"
            r"|abonnement\w*|lisensavtale\w*)\b"
            r"|\b(?:si|sier|sagt) opp\b|\boppsigelse\w*|\b(?:avslutte|terminere|nedgradere|oppgradere"
            r"|forlenge|fornye)"
            r" (?:vår |våre |)(?:avtale\w*|abonnement\w*|lisens\w*|kontrakt\w*)"
            r"|\bredusere (?:antall |)lisens\w*|\bfærre lisens\w*|\bfakturaadresse\w*|\bfakturamottaker\w*"
            r"|\bny kontaktperson for avtale\w*|\bagreement change\b|\bchange (?:to |of |in )?(?:our |the )?"
            r"(?:agreement|subscription|contract|plan|licen[cs]e agreement)\b|\bcancel (?:our |the |my )?"
            r"(?:subscription|agreement|contract|licen[cs]es?|account)\b|\bterminate (?:our |the )?"
            r"(?:agreement|subscription|contract)\b|\b(?:downgrade|upgrade) (?:our |the |to )"
            r"|\breduce (?:the number of |our )?licen[cs]es\b|\bbilling address\b|\binvoice address\b"
            r"|\brenew(?:al of)? (?:our |the )?(?:agreement|contract|subscription)\b"
        ),
    ),
    (
        "order",
        3,
        _words(
            r"\bbestill\w*|\bordre\b|\bkjøpe\b|\bønsker å (?:kjøpe|ta i bruk|få tilgang til)\b"
            r"|\bpristilbud\w*"
            r"|\btilbud på\b|\bflere lisens\w*|\bekstra lisens\w*|\bnye lisens\w*"
            r"|\baktiver\w* (?:modul\w*|\w+modul\w*)|\bnytt? (?:modul|instans)\w*|\bplace an order\b"
            r"|\bwe(?:'d| would) like to (?:order|buy|purchase)\b|\border(?:ing)? (?:\d+|more|additional"
            r"|extra|new|the)\b"
            r"|\bpurchase\w*|\bbuy\b|\bquote for\b|\bprice quote\b|\bactivate the \w+ module\b"
            r"|\bnew instance\b"
        ),
    ),
    (
        "order",
        3,
        _words(
            r"\b(?:\d+|to|tre|fire|fem|ti) (?:nye |ekstra |flere |)lisens\w*"
            r"|\b(?:\d+|more|additional|extra|new) licen[cs]es?\b",
            require=("lisens", "licen"),
        ),
    ),
    (
        "improvement",
        3,
        _words(
            r"\bforbedringsforslag\w*|\bforslag\w*|\bforeslå\w*|\bønske om\b|\bønsker oss\b|\bsavner\b"
            r"|\b(?:hadde|ville) (?:det |)(?:vært|være) (?:fint|flott|bra|nyttig|praktisk|kjekt|ønskelig"
            r"|supert)"
            r"|\bkunne dere (?:lagt|lage|laget|fått|legge|gjøre|gjort)\b|\bny(?:e)? funksjon\w*"
            r"|\bforbedring\w*"
            r"|\bfeature request\b|\bsuggestion\w*|\bsuggest\w*|\bwould (?:be|love) (?:nice|great|helpful"
            r"|useful|"
            r"good|handy)\b|\bit would be (?:nice|great|helpful|useful|good)\b|\bcould you (?:add|make"
            r"|consider)\b"
            r"|\bnew feature\b|\benhancement\w*|\bimprovement\w*|\bwe miss\b|\bwish(?:list)?\b"
        ),
    ),
    (
        "bug",
        3,
        _words(
            r"\bfeilmelding\w*|\bfungerer (?:ikke|dårlig)\b|\bvirker ikke\b|\bfunker ikke\b|\bkrasj\w*"
            r"|\bbug\w*|\berror\w*|\bnot working\b|\bdoes(?:n't| not) work\b|\bis(?:n't| not) working\b"
            r"|\bcrash\w*|\bbroken\b|\bødelagt\b|\b(?:blank|hvit|tom) (?:side|skjerm)\b|\bwhite screen\b"
            r"|\bblank page\b"
            r"|\bhenger\b|\bfryser\b|\bfrozen\b|\bfreez\w*|\blaster ikke\b|\bwon't load\b|\bvises ikke\b"
            r"|\bkommer ikke opp\b|\bnot (?:showing|loading|saving)\b|\bforsvunnet\b|\bdisappeared\b"
            r"|\bteknisk feil\b|\btimeout\b|\btidsavbrudd\b|\bhttp (?:500|502|503|404)\b|\b(?:500|502|503"
            r"|404)\b"
            r"|\btimes? out\b|\btimed out\b"
            r"|\bforsvinner\b|\bforsvant\b|\b(?:er|blitt|ble) borte\b|\bvanish\w*|\bdisappear\w*"
            r"|\b(?:er|ligger) nede\b|\b(?:is|went|are) (?:\w+ |)down\b|\boutage\b"
        ),
    ),
    (
        "bug",
        1,
        _words(
            r"\bfeil\b|\bfeilen\b|\bproblem\w*|\bissue\b|\bgår ikke\b|\bfår ikke\b|\bkan ikke\b"
            r"|\bklarer ikke\b"
            r"|\blar seg ikke\b|\bcannot\b|\bcan't\b|\bunable to\b|\bstopped working\b"
            r"|\bslutte\w* å fungere\b"
            r"|\bwrong\b|\bincorrect\b|\bmangler\b|\bmissing\b|\blar (?:\w+ |)seg ikke\b"
            r"|\bmist(?:er|et)\b|\blost\b|\bdobbelt\b|\bduplikat\w*|\bduplicate\w*|\bser rar\w* ut\b"
            r"|\bvises feil\b"
            r"|\blooks (?:wrong|weird|strange|odd|broken)\b|\bnot \w+ing\b|\b(?:is|are|was|were) not \w+ed\b"
            r"|\b(?:isn't|aren't|wasn't|weren't) \w+ed\b|\bno longer exists?\b|\bfinnes ikke(?: lenger|)\b"
            r"|\bfailed\b|\bfails\b|\bfeilet\b|\bmislykte?s\b|\bdoes(?:n't| not) exist\b|\bblank\b"
            r"|\bgreyed out\b|\ber grå\b|\bikke finnes\b|\bkommer ikke\b"
        ),
    ),
    (
        "bug",
        1,
        # Norwegian passive with a negation ("lagres ikke", "lukkes ikke", "vises ikke") is a symptom.
        _words(r"\b\w{3,}es ikke\b", require=("es ikke",)),
    ),
    (
        "support",
        2,
        _words(
            r"\bhvordan\b|\bhvor (?:finner|kan|ligger)\b|\ber det mulig\b|\bspørsmål\w*|\blurer på\b"
            r"|\bhjelp til\b"
            r"|\bhow (?:do|can|to|should)\b|\bwhere (?:do|can|is)\b|\bis (?:it|there a way) possible\b"
            r"|\bquestion\w*"
            r"|\bwondering\b|\bhelp with\b|\bguidance\b|\bveiledning\b|\bfinner ikke (?:hvor|ut|knappen"
            r"|menyen|valget)\b"
            r"|\bcan(?:'t|not) find\b|\bcould(?:n't| not) find\b"
        ),
    ),
)
_TYPE_PRECEDENCE: tuple[CaseType, ...] = ("agreement_change", "order", "improvement", "bug", "support")
_IN_ORDER_TO = re.compile(r"\b(?:in order to|in order for|out of order)\b")


def _case_type(subject_low: str, low: str) -> CaseType | None:
    """What kind of case: the type whose cues weigh most, the subject counting double; None without cues."""
    scores: dict[CaseType, int] = dict.fromkeys(_TYPE_PRECEDENCE, 0)
    subject_low = _IN_ORDER_TO.sub(" ", subject_low)
    low = _IN_ORDER_TO.sub(" ", low)
    for case_type, weight, pattern in _TYPE_CUES:
        scores[case_type] += 2 * weight * len(pattern.findall(subject_low))
        scores[case_type] += weight * min(3, len(pattern.findall(low)))
    best = max(scores.values())
    if best == 0:
        return None
    return next(t for t in _TYPE_PRECEDENCE if scores[t] == best)


# ------------------------------------------------------------------------------------------ priority

_PRIORITY_LABEL = _words(
    r"\b(?:prioritet|priority)\s*[:=-]\s*(kritisk|critical|høy|hoy|high|urgent|normal|medium|middels|lav"
    r"|low)\b"
)
# A subject that opens with the urgency ("HASTER: …", "Critical - …") is the customer's own label.
_SUBJECT_PRIORITY = re.compile(r"^\W*(kritisk|critical|haster|hastesak|urgent|viktig|important|asap)\b")
_LOW = _words(
    r"\bikke (?:så |noe |spesielt |veldig |)(?:viktig|kritisk|presserende|akutt)\b|\bhaster ikke\b"
    r"|\bingen hast\b"
    r"|\bikke (?:noe |)(?:hast|hastverk)\b|\bikke noe som haster\b|\bnår (?:dere|du) (?:har|får) tid\b"
    r"|\blav(?:ere)? prioritet\b|\bikke (?:en |)hastesak\b|\bnot (?:very |really |so |that |)(?:urgent"
    r"|critical|pressing)\b"
    r"|\bno (?:rush|hurry)\b|\blow(?:er)? priority\b|\bwhen(?:ever)? you (?:have|get) (?:the |some |)time\b"
    r"|\bnothing urgent\b|\bnot a priority\b|\bin no hurry\b"
)
_CRITICAL = _words(
    r"\b(?:systemet|landax|løsningen|siden|nettsiden|tjenesten|appen|alt|hele systemet|instansen)"
    r" (?:er|ligger) (?:helt |totalt |fullstendig |)nede\b|\bnede for alle\b"
    r"|\bingen (?:av (?:oss|brukerne|våre brukere|de ansatte) |)(?:kan|får|klarer|kommer) (?:\w+ |)(?:jobbe"
    r"|arbeide|"
    r"logge|logget|brukt|bruke|gjort|gjøre|inn|jobbet)\b|\bingen får (?:logget|jobbet|gjort)\b"
    r"|\bingen kommer inn\b"
    r"|\bstår (?:helt |)stille\b|\b(?:er|dette er|saken er) (?:svært |veldig |)kritisk(?=\s*(?:[.,!]|$"
    r"|for\b))|\bkritisk (?:feil|sak|problem)\b"
    r"|\b(?:system|site|service|platform|landax|app|everything|instance|application) (?:is|went|has gone) "
    r"(?:completely |totally |)down\b|\b(?:nobody|no one|none of us|none of our users) (?:can|is able to) "
    r"(?:\w+ |)(?:work|log|use|access|get)\b|\bproduction (?:is |has |)(?:stopped|down)\b|\boutage\b"
    r"|\b(?:this|it) is critical\b|\bcritical (?:issue|bug|error|problem)\b|\bcompletely down\b"
)
_HIGH = _words(
    r"\bhaster\b|\bhastesak\b|\bhaste\w*\b|\burgent\w*|\basap\b|\bsnarest\b|\bså (?:fort|raskt"
    r"|snart) som mulig\b"
    r"|\bas soon as possible\b|\bhøy prioritet\b|\bhigh priority\b|\b(?:veldig|svært|særdeles) viktig\b"
    r"|\bvery important\b|\btime[- ]critical\b|\bhaste\b"
)


def _priority(subject_low: str, low: str) -> Priority | None:
    both = f"{subject_low}\n{low}"
    label = _PRIORITY_LABEL.search(both)
    if label:
        value = label.group(1)
        if value in ("kritisk", "critical"):
            return "critical"
        if value in ("høy", "hoy", "high", "urgent"):
            return "high"
        return "low" if value in ("lav", "low") else "normal"
    for match in _CRITICAL.finditer(both):
        if not _negated(both, match.start(), match.end()):
            return "critical"
    opening = _SUBJECT_PRIORITY.match(subject_low)
    if opening:
        return "critical" if opening.group(1) in ("kritisk", "critical") else "high"
    if _LOW.search(both):
        return "low"
    for match in _HIGH.finditer(both):
        if not _negated(both, match.start(), match.end()):
            return "high"
    return None


# ------------------------------------------------------------------------------------------- browser

_BROWSER_NAMES: tuple[tuple[str, str, bool], ...] = (
    # (pattern, canonical family, whether the bare word must be capitalised to count)
    (r"samsung internet|samsung-nettleser\w*|samsung browser", "Samsung Internet", False),
    (r"(?i:internet explorer)|\bIE(?=\s?\d{1,2}\b|\b)|\bMSIE", "Internet Explorer", True),
    (r"microsoft edge|ms edge|edge-nettleser\w*|edge browser|Edge", "Edge", True),
    (r"google chrome|chrome|chromium", "Chrome", False),
    (r"mozilla firefox|firefox", "Firefox", False),
    (r"Safari|safari-nettleser\w*|safari browser", "Safari", True),
    (r"Opera|opera gx|opera browser", "Opera", True),
    (r"Brave|brave browser|brave-nettleser\w*", "Brave", True),
    (r"Vivaldi|vivaldi browser", "Vivaldi", True),
)
_BROWSER = re.compile(
    r"(?<![\w/.-])(?:"
    + "|".join(
        f"(?P<b{i}>{p})" if strict else f"(?P<b{i}>(?i:{p}))"
        for i, (p, _, strict) in enumerate(_BROWSER_NAMES)
    )
    + r")(?![a-zA-Z-])"
    + r"(?i:[\s,]*(?:\(|-)?\s*(?:versjon|version|ver\.?|v\.?)?\s*(?P<version>\d{1,3})(?:\.[\d.]+)?(?![\d]))?",
)
# Every name in `_BROWSER_NAMES` contains one of these (lowercased), or "IE" as written.
_BROWSER_WORDS = (
    "samsung",
    "internet explorer",
    "edge",
    "chrom",
    "firefox",
    "safari",
    "opera",
    "brave",
    "vivaldi",
)
_USER_AGENT = re.compile(
    r"\b(?:(?P<edge>Edg|Edge)/(?P<ev>\d+)|OPR/(?P<ov>\d+)|SamsungBrowser/(?P<sv>\d+)|Firefox/(?P<fv>\d+)"
    r"|Chrome/(?P<cv>\d+)|Version/(?P<safv>\d+)[\d.]* (?:Mobile/\w+ )?Safari/)"
)
_WORKS_IN = re.compile(r"\b(?:fungerer|virker|funker|går|works?|working|is fine|fine|ok)\b[^.!?\n]{0,40}$")
_BROWSER_CONTEXT = _words(r"\b(?:nettleser\w*|browser\w*|versjon|version)\b")


def _browser(text: str) -> str | None:
    """Family and major version of the browser the problem is seen in, e.g. "Chrome 131"."""
    agent = _user_agent_browser(text)
    if agent:
        return agent
    low = text.lower()
    if "IE" not in text and not _FOLDS_APART.search(text) and not any(word in low for word in _BROWSER_WORDS):
        return None  # no browser named: the expression below costs twenty times this test
    candidates: list[tuple[int, int, str]] = []
    for match in _BROWSER.finditer(text):
        family = _browser_family(match)
        if family is None:
            continue
        # Capitalised look-alike words ("on the Edge", "brave") only count next to browser words.
        if family in ("Edge", "Opera", "Brave", "Vivaldi", "Safari") and not _browser_word_near(low, match):
            name = match.group(0).split()[0]
            if (
                not name[:1].isupper()
                or match.start() == 0
                or text[match.start() - 2 : match.start()] == ". "
            ):
                continue
        start, end = match.start(), match.end()
        if _negated(low, start, end, words_before=2):
            # "fungerer i Firefox, men ikke i Chrome": the negated one is where it fails.
            sentence_before = low[max(0, start - 60) : start]
            if _WORKS_IN.search(re.split(r"[.!?\n]", sentence_before)[-1][:60] + " x"):
                candidates.append((0, start, _browser_value(family, match.group("version"))))
            continue
        version = match.group("version")
        # A later "works in Firefox" names the browser that is fine, not the one with the problem.
        clause = _clause_before(low, start, 40)
        rank = 1 if _WORKS_IN.search(clause) and not _NEGATOR.search(clause) else 0
        candidates.append((rank, start, _browser_value(family, version)))
    if not candidates:
        return None
    candidates.sort()
    return candidates[0][2]


# Alone as an answer, "edge" or "opera" is the browser, capital letter or not.
_BROWSER_ANY_CASE = re.compile(_BROWSER.pattern, re.IGNORECASE)


def browser_at_start(text: str) -> str | None:
    """The browser a short answer opens with, any case, version optional: "edge", "Chrome 131, I think".

    This is how a reply to "which browser?" is read, where a bare word is the answer; in running text
    a capitalised look-alike ("on the Edge") needs browser words beside it (see `_browser`).
    """
    match = _BROWSER_ANY_CASE.match(text.lstrip())
    if match is None:
        return None
    family = _browser_family(match)
    return _browser_value(family, match.group("version")) if family else None


def _browser_value(family: str, version: str | None) -> str:
    if version and (family != "Internet Explorer" or int(version) <= 11):
        return f"{family} {version}"
    return family


def _browser_family(match: re.Match[str]) -> str | None:
    for i, (_, family, _) in enumerate(_BROWSER_NAMES):
        if match.group(f"b{i}"):
            return family
    return None


def _browser_word_near(low: str, match: re.Match[str]) -> bool:
    return bool(_BROWSER_CONTEXT.search(low[max(0, match.start() - 40) : match.end() + 30]))


def _user_agent_browser(text: str) -> str | None:
    if "Mozilla/" not in text:
        return None
    match = _USER_AGENT.search(text)
    if match is None:
        return None
    # Edge, Opera and Samsung also say "Chrome/" and "Safari/", so the most specific token decides.
    found = {name: v for name, v in match.groupdict().items() if v}
    for token, family in (("ev", "Edge"), ("ov", "Opera"), ("sv", "Samsung Internet")):
        specific = re.search(
            {"ev": r"\bEdg(?:e|A|iOS)?/(\d+)", "ov": r"\bOPR/(\d+)", "sv": r"SamsungBrowser/(\d+)"}[token],
            text,
        )
        if specific:
            return f"{family} {specific.group(1)}"
    if "fv" in found:
        return f"Firefox {found['fv']}"
    chrome = re.search(r"\bChrome/(\d+)", text)
    if chrome:
        return f"Chrome {chrome.group(1)}"
    if "safv" in found:
        return f"Safari {found['safv']}"
    return None


# ----------------------------------------------------------------------------------------------- app

_IOS = _words(r"\b(?:iphone\w*|ipad\w*|ios)\b")
_ANDROID = _words(r"\b(?:android\w*|samsung galaxy|galaxy s\d+|google pixel)\b")
_APP_CONTEXT = _words(
    r"\b(?:app|appen|apper|appene|apps|appversjon\w*|mobilapp\w*|landax[- ]app\w*|application)\b"
)
_APP_VERSION = _words(
    r"\b(?:app[- ]?versjon(?:en)?|appversjon(?:en)?|app[- ]version|versjon(?:en)?|version|ver\.?|v\.?)"
    r"\s*(?:nr\.?|nummer|number|er|is|:)?\s*(?P<v>\d{1,3}\.\d{1,3}(?:\.\d{1,4}){0,2})\b"
    r"|\b(?:appen|app|the app)\s*\(?\s*(?P<w>\d{1,3}\.\d{1,3}\.\d{1,4}(?:\.\d{1,4})?)\b"
)
_OS_VERSION_BEFORE = re.compile(r"\b(?:ios|ipados|android|chrome|edge|firefox|safari|windows|macos|os)\s*$")


def _app(low: str, has_browser: bool) -> tuple[Platform | None, str | None]:
    """Landax App platform and version: platform from the device named, version as written."""
    version: str | None = None
    for match in _APP_VERSION.finditer(low):
        value = match.group("v") or match.group("w")
        before = low[max(0, match.start() - 25) : match.start()]
        if _OS_VERSION_BEFORE.search(before) or _OS_VERSION_BEFORE.search(
            low[match.start() : match.start() + 8]
        ):
            continue
        near = low[max(0, match.start() - 80) : match.end() + 60]
        # A version counts as the app's when the app is named near it or the number is app-shaped (x.y.z).
        if _APP_CONTEXT.search(near) or (value.count(".") >= 2 and not _BROWSER_CONTEXT.search(near)):
            version = value
            break
    ios = _first(_IOS, low)
    android = _first(_ANDROID, low)
    platform: Platform | None = None
    if ios is not None or android is not None:
        app_named = bool(_APP_CONTEXT.search(low)) or version is not None
        # On a phone with a browser named and no app in sight, the customer means the mobile browser.
        if app_named or not has_browser:
            platform = "ios" if ios is not None and (android is None or ios < android) else "android"
    return platform, version


def _first(pattern: _Words, text: str) -> int | None:
    match = pattern.search(text)
    return match.start() if match else None


# --------------------------------------------------------------------------------------------- scope

_SCOPE_SEVERAL_NEG = _words(r"\b(?:ikke alle|not all|not everyone|not everybody|ikke for alle)\b")
_SCOPE_ALL = _words(
    r"\balle (?:våre |de |vi |disse |)(?:brukere|brukerne|ansatte|kolleger|kollegaer|medarbeidere|avdelinger|"
    r"lokasjoner)\b|\balle (?:hos oss|i (?:firmaet|bedriften|organisasjonen|selskapet|kommunen))\b"
    r"|\balle (?:får|har|opplever|ser|sliter|melder|mister)\b|\b(?:gjelder|for) alle\s*(?:[.,!\n]|$)"
    r"|\bingen (?:av (?:oss|brukerne|våre brukere|de ansatte) |brukere |)(?:kan|får|klarer|kommer)\b"
    r"|\bhele (?:firmaet|bedriften|organisasjonen|selskapet|kommunen)\b"
    r"|\ball (?:of )?(?:our |the |)(?:users|employees|staff|colleagues|accounts)\b|\beveryone\b|\beverybody\b"
    r"|\bevery user\b|\bnobody\b|\bno one\b|\bnone of (?:us|our users|the users)\b"
    r"|\bthe (?:whole|entire) (?:company|organi[sz]ation)\b|\ball of us\b"
)
_SCOPE_ONE = _words(
    r"\b(?:kun|bare)\s+(?:én|en|1|ene|ett)\s+(?:bruker|person|ansatt|av (?:oss|brukerne|våre brukere))\b"
    r"|\b(?:kun|bare) (?:meg|for meg|min bruker|jeg)\b|\bgjelder (?:kun |bare |)(?:meg|min bruker"
    r"|denne brukeren)\b"
    r"|\b(?:én|1) bruker\b|\ben enkelt (?:bruker|ansatt)\b|\b(?:en|én) av (?:brukerne|våre brukere"
    r"|de ansatte|våre ansatte)\b"
    r"|\ben (?:bruker|ansatt) (?:hos oss |)(?:får|har|opplever|kan ikke|klarer ikke|sliter)\b"
    r"|\b(?:only|just) (?:me|for me|one user|my user|a single user|this user|one person|one of (?:our"
    r"|the) users|"
    r"one (?:employee|colleague))\b|\b(?:a single|one) (?:user|employee)\b|\bone of our (?:users|employees)\b"
    r"|\bnobody else\b|\bingen andre\b"
)
_SCOPE_SEVERAL = _words(
    r"\b(?:flere|noen|enkelte|mange) (?:av (?:våre |)(?:brukerne|brukere|oss|de ansatte|ansatte|kollegene)"
    r"|brukere|"
    r"ansatte|personer|kolleger|kollegaer|medarbeidere)\b"
    r"|\b(?:to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|\d{1,3}) (?:av (?:brukerne|oss|våre brukere|de ansatte)|"
    r"brukere|brukerne|ansatte|personer)\b"
    r"|\b(?:several|some|multiple|a few|many|a couple of|two|three|four|five|six|seven|eight|nine|ten"
    r"|\d{1,3})"
    r" (?:of (?:our|the|my) )?(?:users|employees|people|colleagues|staff members|accounts)\b"
)


def _scope(low: str) -> Scope | None:
    """One, several or all users, from the first phrase that says so."""
    found: list[tuple[int, Scope]] = []
    for pattern, scope in (
        (_SCOPE_SEVERAL_NEG, "several"),
        (_SCOPE_ALL, "all"),
        (_SCOPE_ONE, "one"),
        (_SCOPE_SEVERAL, "several"),
    ):
        for match in pattern.finditer(low):
            if scope == "all" and low[max(0, match.start() - 5) : match.start()].endswith(("ikke ", "not ")):
                continue
            if scope == "all" and re.match(r"\s*(?:else|andre)\b", low[match.end() : match.end() + 7]):
                continue  # "everybody else is fine" says the others are not affected
            found.append((match.start(), scope))  # type: ignore[arg-type]
            break
    if not found:
        return None
    # "ikke alle" also contains "alle": the negated form starts first and so wins.
    found.sort(key=lambda pair: pair[0])
    return found[0][1]


# ------------------------------------------------------------------------------------ affected users

_USER_CONTEXT = _words(
    r"\b(?:bruker\w*|brukar\w*|user\w*|konto\w*|account\w*|login\w*|pålogg\w*|innlogg\w*|logge?r? inn|"
    r"logget inn|log in|ansatt\w*|employee\w*|gjelder|affected|berørt\w*|kollega\w*|colleague\w*)\b"
)
_CONTACT_CONTEXT = _words(r"\b(?:kontakt\w*|contact|ring\w*|call|nås|reach|svar til|reply to|cc)\b")
_USERNAME = re.compile(
    r"(?<![\w@./-])([a-zæøå][a-zæøå0-9]*(?:[._][a-zæøå0-9]+){1,2})(?![\w@-]|\.[a-zæøå0-9])"
)
_EMAIL = re.compile(r"(?<![\w.+-])([\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+)")
_USER_ID = _words(
    r"\b(?:bruker-?id|brukerid|user[- ]?id|ansatt(?:nummer|nr|-?id)|employee (?:id|number)|bruker(?:nummer"
    r"|nr))"
    r"\s*(?:nr\.?|#|:|er|is)?\s*(?P<ids>\d{1,10}(?:\s*(?:,|og|and|&|/)\s*\d{1,10})*)"
)
_NAMED_LOGIN = _words(
    r"\b(?:brukernavn(?:et)?|brukeren|username|user name|user|bruker|login)\s*(?:er|is|:|=)?\s*"
    r"[\"'«“]?(?P<name>[a-zæøå][\w.@-]{1,40}?)[\"'»”]?(?=[\s,.;:!?)]|$)"
)
_NOT_USERNAME_END = frozenset(
    [
        "no",
        "com",
        "net",
        "org",
        "se",
        "dk",
        "io",
        "eu",
        "de",
        "uk",
        "fi",
        "nu",
        "info",
        "biz",
        "pdf",
        "png",
        "jpg",
        "jpeg",
        "gif",
        "docx",
        "doc",
        "xlsx",
        "xls",
        "csv",
        "txt",
        "zip",
        "msg",
        "eml",
        "html",
        "htm",
        "js",
        "ts",
        "py",
        "exe",
        "ps1",
        "bat",
        "ini",
        "json",
        "xml",
        "md",
        "rtf",
        "pptx",
        "ppt",
        "heic",
        "mov",
        "mp4",
        "log",
    ]
)
_ABBREVIATIONS = frozenset(
    ["f.eks", "bl.a", "m.m", "e.g", "i.e", "t.o.m", "f.o.m", "o.l", "a.s", "d.v.s", "p.t"]
)


def _affected_users(text: str, vendor_suffixes: tuple[str, ...]) -> tuple[str, ...]:
    """Usernames, e-mail addresses and user ids the customer names as affected, in order, once each."""
    low = text.lower()
    found: list[tuple[int, str]] = []
    for match in _USER_ID.finditer(low):
        for id_match in re.finditer(r"\d+", match.group("ids")):
            found.append((match.start("ids") + id_match.start(), id_match.group(0)))
    # A sentence names users only where the whole text does (see `_sentences`): most mail never does.
    for start, sentence in _sentences(low) if _USER_CONTEXT.search(low) else ():
        if not _USER_CONTEXT.search(sentence) or _CONTACT_CONTEXT.search(sentence):
            continue
        for match in _EMAIL.finditer(sentence):
            address = match.group(1).rstrip(".")
            if not address.endswith(tuple(f"@{s}" for s in vendor_suffixes)):
                found.append((start + match.start(), address))
        masked = _EMAIL.sub(lambda m: " " * len(m.group(0)), sentence)
        for match in _USERNAME.finditer(masked):
            name = match.group(1)
            parts = re.split(r"[._]", name)
            if name in _ABBREVIATIONS or parts[-1] in _NOT_USERNAME_END or min(len(p) for p in parts) < 2:
                continue
            # Usernames are written lowercase; "feilen.Det" is a missing space, not a login.
            original = text[start + match.start() : start + match.end()]
            if original != original.lower() or "www" in parts:
                continue
            found.append((start + match.start(), name))
        for match in _NAMED_LOGIN.finditer(masked):
            name = match.group("name").rstrip(".")
            if re.search(r"[._@\d]", name) and not re.fullmatch(r"[\d.]+", name):
                found.append((start + match.start("name"), name))
    found.sort(key=lambda pair: pair[0])
    out: list[str] = []
    # Every name kept, and every part of one ("ola.hansen" of "ola.hansen@acme.no", "4411" of
    # "bruker-4411"): a name already covered is the same user named twice. Sets keep this linear,
    # so a pasted list of thousands of addresses cannot stall the inbox worker.
    covered: set[str] = set()
    for _, name in found[:_MAX_USERS]:
        if name in covered:
            continue
        out.append(name)
        covered.add(name)
        covered.update(_USER_PARTS.split(name))
        covered.add(name.partition("@")[0])
    return tuple(out)


_MAX_USERS = 10_000
_USER_PARTS = re.compile(r"[@\s,;:/()-]+")


# -------------------------------------------------------------------------------------------- module


def _module(subject_low: str, low: str, vocabulary: Vocabulary) -> str | None:
    """The module the case is about: one named with "modul" wins, then the subject, then the first named."""
    best: tuple[int, int, str] | None = None
    for source_rank, text in ((1, subject_low), (2, low)):
        for match in vocabulary.module_pattern.finditer(text):
            following = text[match.end() : match.end() + 20].split()
            next_word = following[0].strip(".,:;!?") if following else ""
            preceding = text[max(0, match.start() - 20) : match.start()].split()
            prev_word = preceding[-1].strip(".,:;!?") if preceding else ""
            key = vocabulary.module_of(match.group(0), next_word, prev_word)
            if key is None:
                continue
            word = match.group(0)
            if next_word in ("report", "reports") and "report" not in word:
                key = "reports"  # English puts the head noun last: a "deviation report" is a report
            explicit = "modul" in word or next_word.startswith(("modul", "module"))
            rank = (0 if explicit else source_rank, match.start(), key)
            if best is None or rank < best:
                best = rank
    return best[2] if best else None


# ------------------------------------------------------------------------------------------ record id

_RECORD_KEYWORD = re.compile(
    r"\b(?:id|id-?nummer|id-?nr|nr|nummer|number|no|ref|referanse|løpenummer)\s*[.:]?\s*[:#=]?\s*(?:er\s+"
    r"|is\s+|)"
    r"(?P<id>\d{2,10}|[a-z]{1,5}-\d{1,10}(?:-\d{1,6})?)\b"
    r"|#\s?(?P<hash>\d{2,10})\b"
    r"|[?&](?:id|recordid|record_id|avvikid|itemid)=(?P<url>\d{1,12})\b"
)
_RECORD_NOT = re.compile(
    r"\b(?:bruker\w*|user\w*|ansatt\w*|employee\w*|kunde\w*|customer\w*|org\w*|faktura\w*|invoice\w*"
    r"|ordre\w*|"
    r"order\w*|tlf|telefon\w*|phone|mob\w*|lisens\w*|licen[cs]e\w*|sak|saken|saksnr|saksnummer|case|ticket|"
    r"versjon|version|konto\w*|account\w*|post\w*|zip|org\.?nr|telefonnummer)\s*[-\s]?$"
)


_REGISTRATION_WORD = re.compile(
    r"\b(?:registrering\w*|registration|record|post|element|item|skjema\w*|form)\s*$"
)


def _record_id(low: str, vocabulary: Vocabulary) -> str | None:
    """The id of the registration with the problem: "ID 4521", "avvik nr. 4521", "avvik #4521", "?id=4521"."""
    for match in _RECORD_KEYWORD.finditer(low):
        value = match.group("id") or match.group("hash") or match.group("url")
        before = low[max(0, match.start() - 25) : match.start()]
        if _RECORD_NOT.search(before):
            continue
        # "nr. 4521" needs a registration word before it; "no 2" is English for "no".
        bare_number = match.group("id") and match.group(0).startswith(("nr", "nummer", "number", "no"))
        if (
            bare_number
            and not vocabulary.module_pattern.search(before)
            and not _REGISTRATION_WORD.search(before)
        ):
            continue
        return value.upper() if "-" in value else value
    for match in vocabulary.module_pattern.finditer(low):
        after = re.match(
            r"\s*(?:nr\.?|#|no\.?|number|id)?\s*[:.]?\s*(\d{3,10})\b(?!\.\d|[.,]\d)",
            low[match.end() : match.end() + 24],
        )
        if after and not re.fullmatch(r"(?:19|20)\d{2}", after.group(1)):
            return after.group(1)
    return None


# --------------------------------------------------------------------------------------------- dates

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "januar january jan",
        "februar february feb",
        "mars march mar",
        "april apr",
        "mai may",
        "juni june jun",
        "juli july jul",
        "august aug",
        "september sept sep",
        "oktober october okt oct",
        "november nov",
        "desember december des dec",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAYS: dict[str, int] = {
    "mandag": 0,
    "tirsdag": 1,
    "onsdag": 2,
    "torsdag": 3,
    "fredag": 4,
    "lørdag": 5,
    "søndag": 6,
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
_NUMBER_WORDS = {
    "en": 1,
    "ett": 1,
    "én": 1,
    "one": 1,
    "a": 1,
    "to": 2,
    "two": 2,
    "tre": 3,
    "three": 3,
    "fire": 4,
    "four": 4,
    "fem": 5,
    "five": 5,
    "seks": 6,
    "six": 6,
    "sju": 7,
    "syv": 7,
    "seven": 7,
    "couple of": 2,
    "par": 2,
}
_DATE = _words(
    r"(?P<today>\bi dag\b|\bidag\b|\bi morges\b|\bi formiddag\b|\bi ettermiddag\b|\bi kveld\b|\btoday\b"
    r"|\bthis (?:morning|afternoon|evening)\b|\bearlier today\b)"
    r"|(?P<yesterday>\bi går\b|\bigår\b|\byesterday\b|\blast night\b|\bi går kveld\b)"
    r"|(?P<before_yesterday>\bi forgårs\b|\bday before yesterday\b)"
    r"|(?P<ago>\bfor (?P<n1>\d{1,2}|en|ett|én|to|tre|fire|fem|seks|sju|syv|et par) (?P<u1>dag|dager|uke"
    r"|uker) siden\b"
    r"|\b(?P<n2>\d{1,2}|a|one|two|three|four|five|six|seven|a couple of) (?P<u2>days?|weeks?) ago\b)"
    r"|(?P<last_week>\b(?:i |)(?:forrige|sist|siste) uke\b|\blast week\b)"
    r"|(?P<weekend>\b(?:i|forrige|sist) helg(?:a|en)?\b|\b(?:over|during|at) the weekend\b|\blast weekend\b)"
    r"|(?P<weekday>\b(?:(?:forrige|sist|på|siden|i|last|on|this past|since|fra) )?"
    r"(?P<wd>mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag|monday|tuesday|wednesday|thursday|friday"
    r"|saturday|sunday)"
    r"(?:en)?(?P<wd_last_week> (?:i |)(?:forrige|sist) uke| last week)?\b)"
    r"|(?P<iso>\b(?P<iy>20\d{2})-(?P<im>\d{1,2})-(?P<id>\d{1,2})\b)"
    r"|(?P<numeric>(?<![\d.,/:-])(?P<nd>\d{1,2})[./](?P<nm>\d{1,2})(?:[./](?P<ny>\d{4}|\d{2}))?(?![\d]"
    r"|[./]\d))"
    r"|(?P<day_month>\b(?P<dd>\d{1,2})(?:\.|st|nd|rd|th)?\s*(?:of\s+)?"
    + _MONTH
    + r"(?:\s*,?\s*(?P<dy>\d{4}))?\b)"
    r"|(?P<month_day>\b" + _MONTH.replace("month", "month2") + r"\s+(?P<md>\d{1,2})(?:st|nd|rd|th)?\b(?!:)"
    r"(?:\s*,?\s*(?P<my>\d{4}))?)"
)
_DATE_NOT_OBSERVED = re.compile(
    r"\b(?:frist|deadline|innen|by|before|før|fra og med|f\.o\.m|med virkning|effective|starting|gjeldende|"
    r"until|til og med|t\.o\.m|neste|next|møte\w*|meeting|kurs\w*|faktura\w*|invoice\w*|avtale\w*|agreement|"
    r"revisjon\w*|audit|ferie\w*|vacation|holiday|kl|klokken|at|version|versjon|v|"
    # a date after an event names when that happened (an import, an update), not when the problem was seen
    r"oppdatering\w*|update\w*|upgrade\w*|oppgradering\w*|release\w*|imported|importert|created|opprettet|"
    r"installed|installert|sent|sendt|received|mottatt|changed|endret|registered|"
    r"fungerte|virket|funket|worked|was there|var der|was fine|gikk fint)\.?\s*(?:(?:i|on|in|den|the|før"
    r"|before|"
    r"siden|since)\s+){0,2}$"
)
# "The supplier sent new versions last week": a date in a clause about someone else's action.
_EVENT_IN_CLAUSE = re.compile(
    r"\b(?:sent|sendte|imported|importerte|installed|installerte|released|created|opprettet|updated"
    r"|oppdaterte|"
    r"upgraded|oppgraderte|moved|flyttet|ordered|bestilte|signed|signerte)\b"
)
_NUMERIC_CONTEXT = re.compile(r"\b(?:den|fra|siden|since|on|dato|date|d|the|skjedde|happened|oppstod)\.?\s*$")


def _observed_on(low: str, original: str, sent_at: datetime | None) -> date | None:
    """The first date in the text that says when the problem was seen, resolved against `sent_at`."""
    today = sent_at.date() if sent_at is not None else None
    for match in _DATE.finditer(low):
        before = low[max(0, match.start() - 25) : match.start()]
        if _DATE_NOT_OBSERVED.search(before) or _EVENT_IN_CLAUSE.search(
            _clause_before(low, match.start(), 50)
        ):
            continue
        resolved = _resolve(match, before, original, today)
        if resolved is None:
            continue
        if today is not None and resolved > today:
            continue  # a date after the message is a deadline or a plan, not an observation
        return resolved
    return None


def _resolve(match: re.Match[str], before: str, original: str, today: date | None) -> date | None:
    kind = match.lastgroup
    groups = match.groupdict()
    if groups["today"]:
        return today
    if groups["yesterday"]:
        return today - timedelta(days=1) if today else None
    if groups["before_yesterday"]:
        return today - timedelta(days=2) if today else None
    if groups["ago"]:
        if today is None:
            return None
        amount = groups["n1"] or groups["n2"] or "1"
        unit = groups["u1"] or groups["u2"] or "dag"
        n = int(amount) if amount.isdigit() else _NUMBER_WORDS.get(amount.replace("et ", ""), 1)
        return today - timedelta(days=n * (7 if unit.startswith(("uke", "week")) else 1))
    if groups["last_week"]:
        # A week, not a day: its Monday is the earliest the problem can have been seen.
        return today - timedelta(days=today.weekday() + 7) if today else None
    if groups["weekend"]:
        return _last_weekday(today, 5) if today else None
    if groups["weekday"]:
        if today is None:
            return None
        weekday = _WEEKDAYS[groups["wd"]]
        if groups["wd_last_week"]:
            return today - timedelta(days=today.weekday() + 7) + timedelta(days=weekday)
        return _last_weekday(today, weekday)
    del kind
    year: int | None
    if groups["iso"]:
        return _safe_date(int(groups["iy"]), int(groups["im"]), int(groups["id"]))
    if groups["numeric"]:
        if groups["ny"] is None and not _NUMERIC_CONTEXT.search(before):
            return None  # "10.05" without a year is as often a time or a version as a date
        year = _full_year(groups["ny"]) if groups["ny"] else None
        return _with_year(int(groups["nd"]), int(groups["nm"]), year, today)
    if groups["day_month"]:
        month_word = groups["month"]
        if not _month_word_ok(month_word, match.start("month"), original):
            return None
        year = int(groups["dy"]) if groups["dy"] else None
        return _with_year(int(groups["dd"]), _MONTHS[month_word], year, today)
    if groups["month_day"]:
        month_word = groups["month2"]
        if not _month_word_ok(month_word, match.start("month2"), original):
            return None
        year = int(groups["my"]) if groups["my"] else None
        return _with_year(int(groups["md"]), _MONTHS[month_word], year, today)
    return None


def _month_word_ok(word: str, start: int, original: str) -> bool:
    # "may" and "mar" are also ordinary English words; as months they are written with a capital.
    if word in ("may", "mar", "jun", "jul"):
        return original[start : start + 1].isupper()
    return True


def _last_weekday(today: date, weekday: int) -> date:
    """The latest `weekday` strictly before `today` ("fredag" said on a Friday means a week ago)."""
    days = (today.weekday() - weekday) % 7 or 7
    return today - timedelta(days=days)


def _full_year(text: str) -> int:
    value = int(text)
    return value + 2000 if value < 100 else value


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _with_year(day: int, month: int, year: int | None, today: date | None) -> date | None:
    """A date; without a year, the latest such date not after `today` (None when there is no today)."""
    if year is not None:
        return _safe_date(year, month, day)
    if today is None:
        return None
    candidate = _safe_date(today.year, month, day)
    if candidate is None:
        return _safe_date(today.year - 1, month, day)
    if candidate > today:
        return _safe_date(today.year - 1, month, day)
    return candidate


# ------------------------------------------------------------------------------------------ recurring

_ONCE = _words(
    r"\b(?:bare|kun) (?:skjedd |skjedde |hendt |hendte |vært |)(?:én|en|1) gang\b|\bengangstilfelle\w*"
    r"|\bengangs\w*"
    r"|\bikke (?:skjedd|hendt|gjentatt seg|kommet tilbake|oppstått) (?:igjen|siden|på nytt)\b"
    r"|\bikke (?:gjentakende|gjentagende)\b|\bhar ikke gjentatt seg\b|\bskjedde (?:bare |kun |)(?:én"
    r"|en) gang\b"
    r"|\bonly (?:happened |occurred |)once\b|\bjust once\b|\bone-off\b|\bone[- ]time (?:thing|issue|event"
    r"|occurrence)\b"
    r"|\b(?:has not|hasn't|did not|didn't|have not|haven't) (?:happened|occurred|come back|reappeared"
    r"|recurred)"
    r" (?:again|since)\b|\bnot recurring\b|\bhappened (?:only |just |)once\b|\bsingle (?:incident"
    r"|occurrence)\b"
)
_AGAIN = _words(
    r"\bhver gang\b|\bgjentakende\b|\bgjentagende\b|\bgjentar seg\b|\bskjer stadig\b|\bstadig vekk\b"
    r"|\bhele tiden\b|\bigjen og igjen\b|\bgang på gang\b|\bhver (?:dag|morgen|uke|kveld|måned|innlogging)\b"
    r"|\bflere ganger\b|\bjevnlig\b|\bav og til\b|\binnimellom\b|\bsporadisk\b|\bperiodevis\b|\balltid\b"
    r"|\bskjer (?:igjen|fortsatt|hver)\b|\bfortsatt (?:et |)problem\b|\bkan reprodusere\b|\breproduserbar\w*"
    r"|\b(?:every|each) (?:time|day|morning|week|month|login|attempt)\b|\bkeeps? (?:happening|coming back"
    r"|failing|crashing)\b"
    r"|\brecurring\b|\brepeatedly\b|\bconstantly\b|\ball the time\b|\bagain and again\b|\bconsistently\b"
    r"|\bseveral times\b|\bmultiple times\b|\bsometimes\b|\boccasionally\b|\bintermittent\w*\b|\balways\b"
    r"|\bfrom time to time\b|\breproducible\b|\bcan reproduce\b|\bhver eneste gang\b|\bhappens again\b"
)


def _recurring(low: str) -> bool | None:
    once = _ONCE.search(low)
    if once:
        return False
    for match in _AGAIN.finditer(low):
        phrase = match.group(0)
        # "ikke hver gang" still means it comes back; only a negated "gjentakende" says it does not.
        if phrase in ("hver gang", "every time", "alltid", "always") or not _negated(
            low, match.start(), match.end()
        ):
            return True
    return None


# -------------------------------------------------------------------------------- login, personal data

_VENDOR = r"(?:dere|du|landax|supporten|support|saksbehandler\w*|konsulent\w*)"
_LOG_IN_NB = r"(?:logge?r?|logget|logg) (?:dere |deg |seg |)(?:inn|på)"
_LOGIN_LABEL = _words(
    r"\b(?:pålogging\w*|innlogging\w*|tilgang|login(?: access)?|log[- ]?in|access)\s*[:=]\s*"
    r"(?P<v>ja|nei|yes|no|ok|tillatt|allowed|ikke tillatt|not allowed|granted|denied|innvilget|avslått)\b"
)
_LOGIN_NO = _words(
    rf"\b(?:ønsker|vil) ikke at {_VENDOR} (?:skal |)(?:\w+ |){_LOG_IN_NB}"
    rf"|\b{_VENDOR} (?:må|skal|kan|får|bør) ikke (?:\w+ ){{0,2}}{_LOG_IN_NB}"
    rf"|\b(?:må|skal|kan|får|bør) {_VENDOR} ikke (?:\w+ ){{0,2}}{_LOG_IN_NB}"
    r"|\b(?:vennligst|venligst|ber (?:om at |)dere|husk å|dere bes) ikke (?:å |)logge? (?:dere |deg "
    r"|)(?:inn|på)\b"
    r"|\bikke logg (?:dere |deg |)(?:inn|på)\b|\b(?:ingen|ikke) (?:tillatelse|lov|tilgang) til (?:å "
    r"|)(?:logge|pålogging)"
    r"|\bgir ikke (?:dere |deg |)(?:tilgang|tillatelse|lov)\b|\btillater ikke (?:pålogging|innlogging"
    r"|at dere)\b"
    r"|\bingen (?:pålogging|innlogging|fjerntilgang)\b|\b(?:pålogging|innlogging) (?:er |)(?:ikke ønsket"
    r"|ikke tillatt|"
    r"ikke ok|ikke greit|uønsket)\b|\bikke ønskelig at (?:dere|du) logger\b|\buten å logge (?:inn|på)\b"
    r"|\b(?:please |kindly |)(?:do not|don't|dont) (?:\w+ ){0,2}log ?(?:in|on|into)\b"
    r"|\byou (?:may not|must not|mustn't|cannot|can't|are not allowed to|aren't allowed to|should not"
    r"|shouldn't)"
    r" (?:\w+ |)log ?(?:in|on)\b|\bwe (?:do not|don't|would rather not) (?:want|allow|permit|give|grant)"
    r" (?:you |your \w+ |anyone |)(?:to |)(?:log|login|access|permission)\b|\bno (?:login|log-in"
    r"|remote) access\b"
    r"|\bnot (?:ok|okay|allowed|permitted|comfortable with you) (?:for you |)to log\b|\bwithout logging in\b"
    r"|\b(?:login|log-in|access) is not (?:allowed|permitted|ok|okay|granted)\b"
)
_LOGIN_YES = _words(
    rf"\b{_VENDOR} (?:kan|må|får|har lov til å|har tillatelse til å|kan godt|står fritt til å) "
    rf"(?:gjerne |godt |fint |fritt |bare |også |)(?:\w+ |){_LOG_IN_NB}"
    rf"|\blogg (?:dere |deg |)(?:gjerne|bare) (?:inn|på)\b|\b(?:ok|greit|fint|i orden) (?:at|om"
    rf"|hvis) (?:dere|du) logger"
    r"|\b(?:tillater|godkjenner|aksepterer|tillat) (?:\w+ |)(?:pålogging|innlogging)\b"
    r"|\b(?:pålogging|innlogging) (?:er |)(?:ok|greit|tillatt|i orden|fint)\b"
    r"|\b(?:gir|gi) (?:dere|deg|landax|saksbehandler\w*) (?:\w+ |)(?:tilgang|tillatelse|lov) til (?:å "
    r"|)(?:logge|pålogging)"
    rf"|\b(?:kan|kunne) {_VENDOR} (?:\w+ |){_LOG_IN_NB} (?:og|for å)\b"
    r"|\b(?:feel free|you(?:'re| are) welcome|you (?:may|are allowed to|have (?:our |my |)permission to)"
    r"|ok(?:ay)? (?:for you |)to|go ahead and|you can (?:go ahead and |)) (?:\w+ |)log ?(?:in|on|into)\b"
    r"|\bwe (?:allow|grant|give|approve) (?:you |your \w+ |)(?:\w+ |)(?:login|log-in|access|permission)\b"
    r"|\b(?:login|log-in|access) is (?:fine|ok|okay|allowed|granted|approved)\b"
    r"|\b(?:could|can) you (?:please |)log ?(?:in|on|into) (?:and|to)\b|\bplease log ?(?:in|on|into) (?:and"
    r"|to)\b"
    r"|\b(?:happy|glad|fine|ok|okay) (?:for|with) you (?:to |)(?:\w+ |)log ?(?:in|on|into)\b"
)
_GENERIC_YOU = re.compile(
    r"\b(?:når|hvis|om|dersom|når man|when|if|once|after|before|whenever) (?:du|man|you)\b[^.!?\n]*$"
)


def _login_allowed(low: str) -> bool | None:
    """Whether the customer lets the vendor's staff log into their system; the last statement counts."""
    verdicts: list[tuple[int, bool]] = []
    for match in _LOGIN_LABEL.finditer(low):
        verdicts.append(
            (
                match.start(),
                match.group("v") in ("ja", "yes", "ok", "tillatt", "allowed", "granted", "innvilget"),
            )
        )
    for match in _LOGIN_NO.finditer(low):
        verdicts.append((match.start(), False))
    for match in _LOGIN_YES.finditer(low):
        if _GENERIC_YOU.search(_clause_before(low, match.start() + 3, 50)):
            continue  # "when you log in, the page is blank" describes the product, it grants nothing
        if any(start <= match.start() < start + 60 and not ok for start, ok in verdicts):
            continue
        if _negated(low, match.start(), match.start() + 1, words_before=2):
            verdicts.append((match.start(), False))
            continue
        verdicts.append((match.start(), True))
    if not verdicts:
        return None
    verdicts.sort(key=lambda pair: pair[0])
    return verdicts[-1][1]


_PD_TERM = _words(
    r"\bpersonopplysning\w*|\bpersondata\w*|\bpersonsensitiv\w*|\bsensitive (?:person)?opplysninger\b"
    r"|\bhelseopplysning\w*|\bpersonal (?:data|information|details)\b|\bpersonally identifiable\b|\bpii\b"
    r"|\bsensitive (?:personal )?data\b|\bgdpr\b"
)
_PD_LABEL = _words(
    r"\b(?:personopplysninger|behandling av personopplysninger|personal data|gdpr)\s*[:=]\s*(?P<v>ja|nei"
    r"|yes|no)\b"
)
_PD_STATEMENT = re.compile(
    r"\b(?:inneholder|omfatter|gjelder|involverer|behandle\w*|innebærer|ligger|finnes|er det|det er|vi har"
    r"|vil bli|blir|ja"
    r"|contain\w*|include\w*|involv\w*|process\w*|handle|is|are|there is|there are|yes|will|may|can see"
    r"|see)\b"
)


def _personal_data(low: str) -> bool | None:
    """Whether handling the case involves personal data, as the customer states it (negations included)."""
    label = _PD_LABEL.search(low)
    if label:
        return label.group("v") in ("ja", "yes")
    verdict: bool | None = None
    if not _PD_TERM.search(low):
        return None  # no sentence can name it either (see `_sentences`)
    for start, sentence in _sentences(low):
        for match in _PD_TERM.finditer(sentence):
            if "?" in sentence:
                continue  # a question about personal data states nothing
            clause = _clause_before(sentence, match.start(), 80) + sentence[match.start() : match.end() + 40]
            clause = (
                _CLAUSE_BREAK.split(clause)[0] if _CLAUSE_BREAK.search(clause[len(clause) - 40 :]) else clause
            )
            if _NEGATOR.search(clause):
                verdict = False
            elif _PD_STATEMENT.search(clause):
                verdict = True
            del start
            break
    return verdict


# ------------------------------------------------------------------------------ instance and handler


def _instance(low: str, vocabulary: Vocabulary) -> str | None:
    """The customer's own system host, e.g. "acme.landax.no", from a URL or a bare host name."""
    for suffix in vocabulary.instance_suffixes:
        pattern = re.compile(
            r"(?<![@\w.-])((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+" + re.escape(suffix) + r")\b"
        )
        for match in pattern.finditer(low):
            host = match.group(1)
            first_label = host.split(".", 1)[0]
            if first_label in vocabulary.vendor_hosts or host == suffix:
                continue
            return host
    return None


_NAME = r"(?P<name>(?-i:[A-ZÆØÅ][a-zæøåéü]+(?:[ -][A-ZÆØÅ][a-zæøåéü]+)?))"
_HANDLER = tuple(
    _words(p, re.IGNORECASE)
    for p in (
        r"\b(?:ønsker|vil gjerne|ønsket|foretrekker|håper)\s+(?:at\s+|)(?:det er\s+|)"
        + _NAME
        + r"\s+(?:tar|ser|behandler|håndterer|følger|kan ta|får|skal|blir)\b",
        r"\b(?:ønsker|foretrekker|vil ha|vil gjerne ha|ønsker oss)\s+"
        + _NAME
        + r"\s+(?:som saksbehandler|på saken|på denne|på dette)\b",
        r"\b(?:ønsket saksbehandler|ønsker saksbehandler|saksbehandler|requested handler|preferred handler|"
        r"handler)\s*[:=]\s*" + _NAME,
        r"\b(?:kan|kunne)\s+"
        + _NAME
        + r"\s+(?:ta|se på|følge opp|håndtere|hjelpe oss med)\s+(?:saken|denne|dette)\b",
        r"\b(?:send|sett|tildel|gi|gjerne send)\s+(?:saken|denne saken|denne|dette)\s+til\s+" + _NAME,
        r"\b(?:would like|'d like|want|prefer|wish|hope)\s+(?:for\s+|that\s+|)"
        + _NAME
        + r"\s+(?:to\s+|)(?:handle|handles|take|takes|look|looks|work|works|deal|pick|follow|check|help)\b",
        r"\bassign\s+(?:this|it|the case|this case|the ticket|this ticket|)\s*to\s+" + _NAME,
        r"\b(?:could|can)\s+"
        + _NAME
        + r"\s+(?:please\s+|)(?:handle|take|look at|work on|pick up)\s+(?:this|it|the case)\b",
        r"\b(?:preferably|ideally)\s*,?\s*(?:by\s+|with\s+|)" + _NAME + r"\b",
        r"\bgjerne\s+(?:at\s+|)" + _NAME + r"\s+(?:tar|ser på|følger opp|som)\b",
    )
)
_NOT_A_NAME = frozenset(
    [
        "Landax",
        "Dere",
        "Du",
        "Vi",
        "Jeg",
        "You",
        "We",
        "Support",
        "Supporten",
        "This",
        "It",
        "Den",
        "Det",
        "De",
        "Han",
        "Hun",
        "Someone",
        "Noen",
        "Dette",
        "Saken",
    ]
)


def _requested_handler(text: str) -> str | None:
    for pattern in _HANDLER:
        match = pattern.search(text)
        if match and match.group("name").split()[0] not in _NOT_A_NAME:
            return match.group("name")
    return None


# ----------------------------------------------------------------------------------------------- main


def extract_fields(
    text: str,
    *,
    subject: str = "",
    sent_at: datetime | None = None,
    vocabulary: Vocabulary = DEFAULT_VOCABULARY,
) -> Fields:
    """The case fields a cleaned description (and its subject) states.

    `sent_at` is the message's Date, an aware datetime: "i går" and "fredag" are resolved in its time
    zone. Without it relative dates stay unresolved and a date without a year is not guessed.
    """
    subject_text = strip_reply_prefixes(subject)
    subject_low = subject_text.lower()
    low = text.lower()
    both = f"{subject_text}\n{text}" if subject_text else text
    both_low = both.lower()
    case_type = _case_type(subject_low, low)
    problem = case_type in ("bug", "support", None)
    browser = _browser(both)
    platform, version = _app(both_low, browser is not None)
    module = _module(subject_low, low, vocabulary)
    if case_type == "agreement_change" and module == "contracts":
        module = None  # the customer's agreement with the vendor, not the contracts module
    return Fields(
        type=case_type,
        priority=_priority(subject_low, low),
        instance=_instance(both_low, vocabulary),
        requested_handler=_requested_handler(text),
        login_allowed=_login_allowed(low),
        personal_data=_personal_data(low),
        browser=browser,
        app_platform=platform,
        app_version=version,
        scope=_scope(low) if problem else None,
        affected_users=_affected_users(text, vocabulary.instance_suffixes) if problem else (),
        module=module,
        record_id=_record_id(low, vocabulary),
        observed_on=_observed_on(low, text, sent_at) if problem else None,
        recurring=_recurring(low) if problem else None,
        language=detect_language(both),
    )


def extract_stated(
    text: str, *, sent_at: datetime | None = None, vocabulary: Vocabulary = DEFAULT_VOCABULARY
) -> Fields:
    """Only what a short piece of text states: no default type, priority or language, and every field read
    whatever the case type. This is how an answer to the bot's questions is read."""
    low = text.lower()
    browser = _browser(text)
    platform, version = _app(low, browser is not None)
    return Fields(
        priority=_priority("", low),
        instance=_instance(low, vocabulary),
        requested_handler=_requested_handler(text),
        login_allowed=_login_allowed(low),
        personal_data=_personal_data(low),
        browser=browser,
        app_platform=platform,
        app_version=version,
        scope=_scope(low),
        affected_users=_affected_users(text, vocabulary.instance_suffixes),
        module=_module("", low, vocabulary),
        record_id=_record_id(low, vocabulary),
        observed_on=_observed_on(low, text, sent_at),
        recurring=_recurring(low),
    )


# ----------------------------------------------------------------------------------- the shared scan

# Every expression above, in one scan (see `_Words`); one built later is not in it and scans on its own.
_SCANNER = _Scan([words for words in _ALL_WORDS if words.starts])


@lru_cache(maxsize=8)
def _lowered(text: str) -> str | None:
    """`text` lowercased for the expressions that ignore case, or None when it holds a letter that
    ignoring case reads differently from lowercasing (see `_FOLDS_APART`)."""
    return None if _FOLDS_APART.search(text) else text.lower()


@lru_cache(maxsize=8)
def _scan(text: str) -> dict[int, list[int] | None]:
    """`_SCANNER.positions(text)`, kept for the last few texts: one text meets many expressions in a row."""
    return _SCANNER.positions(text)
