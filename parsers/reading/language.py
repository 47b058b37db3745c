"""The language to answer in, from the words a text uses most: bokmål ("nb") or English ("en")."""

from __future__ import annotations

import re

from parsers.fields import Language
from parsers.reading.text import LETTERS

__all__ = ["COMMON_WORDS", "clear_language", "detect_language"]

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
#: Words too common in either language to be anything else (a login, a name).
COMMON_WORDS = _NB_WORDS | _EN_WORDS
_WORD = re.compile(rf"[{LETTERS}']+")


def detect_language(text: str) -> Language:
    """The language to answer in: "en" when English words outweigh Norwegian ones, else "nb"."""
    nb, en = _weights(text)
    return "en" if en > nb else "nb"


def clear_language(text: str) -> Language | None:
    """The language a text is plainly written in: the one whose common words outweigh the other's; None
    when neither does ("Login: yes", "1. Edge 2. alle" say nothing about the language). For following a
    customer who switches language: only a clear switch moves the case."""
    nb, en = _weights(text)
    if nb == en:
        return None
    return "en" if en > nb else "nb"


def _weights(text: str) -> tuple[int, int]:
    """How many common Norwegian and English words a text has (æ, ø or å count as two Norwegian words)."""
    nb = en = 0
    for word in _WORD.findall(text.lower()[:4000]):
        if word in _NB_WORDS:
            nb += 1
        elif word in _EN_WORDS:
            en += 1
    if any(ch in text for ch in "æøåÆØÅ"):
        nb += 2
    return nb, en
