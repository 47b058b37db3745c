"""What every reader of a description shares: vocabulary expressions, negation and clause and sentence
boundaries.

A vocabulary expression (`words`) is a plain compiled regular expression whose every match starts a
word. The expressions are linear (no nested quantifiers over the same characters), so a long or hostile
description costs time in proportion to its length.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = [
    "CLAUSE_BREAK",
    "FOLDS_APART",
    "LETTERS",
    "NEGATOR",
    "NORWEGIAN_NOT",
    "clause_before",
    "negated",
    "sentences",
    "words",
]

LETTERS = "a-zæøåéäöü"  # letters in lowercased Norwegian and English text

# Characters that ignoring case matches to a letter their lowercase is not: "ſ" (s), "ı" and "İ" (i).
FOLDS_APART = re.compile("[ſıİ]")

# "ikke" as customers write it: bokmål, nynorsk "ikkje", and the dialects' "ikkj", "itte" (Sørlandet),
# "itj" and "ittj" (Trøndelag, Nord-Norge). An expression alternative, for `words`, `NEGATOR`, `negated`.
NORWEGIAN_NOT = "ikk(?:j?e)|ikkj|itte|itj|ittj"

NEGATOR = re.compile(
    rf"\b(?:{NORWEGIAN_NOT}|ingen|intet|aldri|not|no|never|none|isn't|aren't|doesn't|don't|dont|won't"
    r"|without|uten)\b"
)
# A period or colon inside a word ("landax.no", "5.0.2", "kl. 10:30") ends no clause: "landax.no," is no "no".
CLAUSE_BREAK = re.compile(r"[.:](?![\w])|[!?;\n]|,?\s(?:men|but|mens|while|whereas)\b")


def words(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`pattern` (alternatives of phrases) compiled so that a match only starts at a word's beginning.

    Its Norwegian is read as customers type it: "å", "ø" and "æ" outside a character class also match
    the forms a keyboard without them gives ("a" or "aa", "o" or "oe", "ae"), and "ikke" also matches
    nynorsk "ikkje" and the dialects' "ikkj", "itte" (Sørlandet), "itj" and "ittj" (Trøndelag, Nord-Norge).
    """
    return re.compile(r"(?<![\w])(?:" + without_special_letters(pattern) + ")", flags)


_PLAIN_FORMS = {"å": "(?:å|aa|a)", "ø": "(?:ø|oe|o)", "æ": "(?:æ|ae)", "Å": "(?:Å|Aa|A)", "Ø": "(?:Ø|Oe|O)"}


def without_special_letters(pattern: str) -> str:
    """`pattern` with its literal "å", "ø", "æ" and "ikke" widened to their plain-keyboard and nynorsk
    forms (see `words`); character classes and escapes are left as they are."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            out.append(pattern[i : i + 2])
            i += 2
        elif ch == "[":
            end = _class_end(pattern, i)
            out.append(pattern[i:end])
            i = end
        elif pattern.startswith("ikke", i) and not pattern.startswith("ikkj", i):
            out.append(f"(?:{NORWEGIAN_NOT})")
            i += 4
        else:
            out.append(_PLAIN_FORMS.get(ch, ch))
            i += 1
    return "".join(out)


def _class_end(pattern: str, start: int) -> int:
    """The index after the character class that opens at `start` ("]" first, or after "^", is a member)."""
    i = start + 1
    if pattern[i : i + 1] == "^":
        i += 1
    if pattern[i : i + 1] == "]":
        i += 1
    while pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i + 1


def clause_before(low: str, start: int, width: int = 60) -> str:
    """The part of the clause that ends at `start` (at most `width` characters)."""
    window = low[max(0, start - width) : start]
    breaks = list(CLAUSE_BREAK.finditer(window))
    return window[breaks[-1].end() :] if breaks else window


def negated(low: str, start: int, end: int, words_before: int = 3) -> bool:
    """Whether the phrase at low[start:end] is negated: "ikke"/"not" just before it, or "ikke" right after
    it ("haster ikke": Norwegian puts the negation after the verb)."""
    before = clause_before(low, start).split()[-words_before:]
    if any(NEGATOR.fullmatch(word.strip(",")) for word in before):
        return True
    return bool(re.match(rf"\s+(?:{NORWEGIAN_NOT}|not)\b", low[end : end + 8]))


def sentences(low: str) -> Iterator[tuple[int, str]]:
    """Sentences of lowercased text with their offsets; a period after a number is not a sentence end.

    Every sentence but the last ends on the punctuation or line break that ends it, never inside a word,
    so a word-bounded expression that matches in a sentence matches in the whole text too: a search of
    the whole text first can skip the sentence loop.
    """
    start = 0
    for match in re.finditer(
        rf"(?<=[{LETTERS}\)\"]{{2}})[.!?]+(?=\s)|[!?]+|\n\s*\n|\n(?=\s*[-*•]|\s*\d+[.)]\s)", low
    ):
        yield start, low[start : match.end()]
        start = match.end()
    if start < len(low):
        yield start, low[start:]
