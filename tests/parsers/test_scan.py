"""The shared scan in parsers.extract: every vocabulary expression finds exactly what a scan of the whole
text by the engine finds, at the same places, in the same order."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import extract
from parsers.clean import clean_description
from parsers.extract import _ALL_WORDS, _SCAN_FROM, _alternative_prefixes, _literal_prefixes, _Words
from parsers.message import parse_message
from parsers.vocabulary import DEFAULT_VOCABULARY, Vocabulary
from tests.corpora import needs_corpus
from tests.parsers.emails import EVERY_EMAIL

LITERALS = sorted({literal for words in _ALL_WORDS for literal in words.starts or ()})


@cache
def _texts() -> list[str]:
    """Descriptions as extraction reads them: cleaned, as written and lowercased, every email we have."""
    texts: list[str] = []
    for path in EVERY_EMAIL:
        text = clean_description(parse_message(path.read_bytes()).text)[:3000]
        texts += [text, text.lower()]
    return [t for t in texts if len(t) >= _SCAN_FROM]


def _engine(words: _Words, text: str) -> tuple[Any, ...]:
    """What the expression finds when the engine scans the whole text."""
    regex = words._regex
    found = regex.search(text)
    return (
        found.span() if found else None,
        [(m.span(), m.groups()) for m in regex.finditer(text)],
        regex.findall(text),
    )


def _scanned(words: _Words, text: str) -> tuple[Any, ...]:
    found = words.search(text)
    return (
        found.span() if found else None,
        [(m.span(), m.groups()) for m in words.finditer(text)],
        words.findall(text),
    )


def test_almost_every_expression_is_in_the_scan() -> None:
    """What makes extraction fast: expressions that cannot be scanned for are the rare exception."""
    scanned = [w for w in _ALL_WORDS if w._slot is not None]
    assert len(_ALL_WORDS) >= 40
    assert len(scanned) >= len(_ALL_WORDS) - 3, [w.pattern[:60] for w in _ALL_WORDS if w._slot is None]


@needs_corpus
def test_every_expression_finds_the_same_in_every_email() -> None:
    texts = _texts()
    assert len(texts) > 500
    found = 0
    for words in _ALL_WORDS:
        for text in texts:
            expected = _engine(words, text)
            assert _scanned(words, text) == expected, (words.pattern[:60], text[:80])
            found += len(expected[1])
    assert found > 1000  # the comparison covered matches, not only texts without any


def test_every_match_starts_with_one_of_its_literals() -> None:
    """The literals an expression is scanned for are where every one of its matches starts."""
    texts = _texts()
    for words in _ALL_WORDS:
        if words.starts is None:
            continue
        for text in texts:
            haystack = text.lower() if words._fold else text
            for match in words._regex.finditer(text):
                assert haystack.startswith(words.starts, match.start()), (words.pattern[:60], match.group())


# Besides punctuation: decimal digits other than 0-9, which Python's \\d matches, and the letters that
# ignoring case matches to another letter than their lowercase ("ſ" s, "ı" and "İ" i).
_SEPARATORS = st.sampled_from(
    [
        *[" ", "  ", ", ", ". ", ".\n", "\n\n", "-", "/", "(", ")", ":", "'", '"', "é", "x", "1"],
        *["３", "٣", "०", "ſ", "ı", "İ", "K"],
    ]
)


@st.composite
def _phrase_soup(draw: st.DrawFn) -> str:
    """Text made of the literals the scan looks for (whole, cut short, run together, upper-cased) and of
    separators and words: where matches start, nearly start, and overlap."""
    parts: list[str] = []
    for _ in range(draw(st.integers(8, 40))):
        kind = draw(st.integers(0, 5))
        if kind <= 2:
            literal = draw(st.sampled_from(LITERALS))
            if kind == 1:
                literal = literal[: draw(st.integers(1, max(1, len(literal))))]
            if kind == 2 and draw(st.booleans()):
                literal = literal.upper() if draw(st.booleans()) else literal.capitalize()
            if kind == 2 and draw(st.booleans()):
                literal = literal.replace("s", "ſ").replace("i", "ı").replace("I", "İ")
            parts.append(literal)
        elif kind == 3:
            parts.append(
                draw(st.sampled_from(["ikke", "not", "alle", "bruker", "user", "versjon", "3", "12.4"]))
            )
        else:
            parts.append(draw(_SEPARATORS))
        if draw(st.booleans()):
            parts.append(draw(_SEPARATORS))
    text = "".join(parts)
    return text if len(text) >= _SCAN_FROM else text + " " + "x" * _SCAN_FROM


@settings(max_examples=300, deadline=None)
@given(_phrase_soup())
def test_every_expression_finds_the_same_in_made_up_text(text: str) -> None:
    for candidate in (text, text.lower()):
        for words in _ALL_WORDS:
            assert _scanned(words, candidate) == _engine(words, candidate), words.pattern[:60]


def test_a_short_text_and_a_text_lowercasing_moves_are_scanned_whole() -> None:
    handler = next(w for w in _ALL_WORDS if w._fold and w._slot is not None)
    text = "İ" * 3 + " Vi ønsker at Martin Hansen tar denne saken, takk. " * 3
    assert len(text.lower()) != len(text)
    assert handler._candidates(text) is None
    assert _scanned(handler, text) == _engine(handler, text)
    assert handler._candidates("kort") is None


def test_an_expression_made_after_the_scan_is_built_scans_on_its_own() -> None:
    late = _Words(r"\bhaster\b")
    try:
        text = "Dette haster veldig, og det haster fordi alle venter. " * 2
        assert late._slot is None
        assert [m.span() for m in late.finditer(text)] == [(6, 12), (28, 34), (60, 66), (82, 88)]
    finally:
        _ALL_WORDS.remove(late)


@pytest.mark.parametrize(
    ("pattern", "literals"),
    [
        (r"\bhaster\b|\bhaste\w*", ["haster", "haste"]),
        (r"\b(?:please |kindly |)(?:do not|don't) log", ["please ", "kindly ", "do not", "don't"]),
        (r"(?:i |)(?:forrige|sist) uke", ["i ", "forrige", "sist"]),
        (r"(?:(?:forrige|på) )?(?P<wd>mandag|tirsdag)", ["forrige", "på", "mandag", "tirsdag"]),
        (r"(?<![\d.,/:-])(?P<nd>\d{1,2})[./]", list("0123456789")),
        (r"(?:ab){0,2}c", ["ab", "c"]),
        (r"(?:ab)+c", ["ab"]),
        (r"colou?r", ["colo"]),
        (r"\d?x", None),
        (r"[a-z]+ing", None),
        (r"(?:x|[yz])", None),
    ],
)
def test_literal_prefixes(pattern: str, literals: list[str] | None) -> None:
    assert _literal_prefixes(pattern) == literals
    if literals is not None:  # and they are true: every match starts with one
        regex = re.compile(pattern)
        for text in ("i forrige uke", "på mandag", "12.3", "ababc", "colour", "please do not log", "haster"):
            for match in regex.finditer(text):
                assert text.startswith(tuple(literals), match.start())


def test_a_look_behind_is_not_part_of_the_literal() -> None:
    assert _alternative_prefixes(r"(?<=x)abc") == ["abc"]
    assert extract._after_quantifier("{0,2}?rest") == "rest"


def _plain_module_pattern(vocabulary: Vocabulary) -> re.Pattern[str]:
    """The module forms as one plain list, longest first: what the grouped expression must equal."""
    alternatives = []
    for form in sorted({f for m in vocabulary.modules for f in m.forms}, key=lambda f: (-len(f), f)):
        body = r"[\s-]+".join(re.escape(w) for w in form.rstrip("*").split())
        alternatives.append(body + (r"[\wæøåé-]*" if form.endswith("*") else ""))
    return re.compile(r"(?<![\wæøåé])(?:" + "|".join(alternatives) + r")(?![\wæøåé])")


def test_module_forms_grouped_by_first_letter_find_what_the_plain_list_finds() -> None:
    grouped = DEFAULT_VOCABULARY.module_pattern
    plain = _plain_module_pattern(DEFAULT_VOCABULARY)
    assert grouped.pattern != plain.pattern
    found = 0
    for text in _texts():
        low = text.lower()
        expected = [m.group() for m in plain.finditer(low)]
        assert [m.group() for m in grouped.finditer(low)] == expected, low[:80]
        assert [m.span() for m in grouped.finditer(low)] == [m.span() for m in plain.finditer(low)]
        found += len(expected)
    assert found > 200


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                *sorted({f.rstrip("*") for m in DEFAULT_VOCABULARY.modules for f in m.forms}),
                *["-", " ", "er", "ene", "modul", "x", ", ", "\n", "æ"],
            ]
        ),
        min_size=1,
        max_size=30,
    )
)
def test_module_forms_in_made_up_text(parts: list[str]) -> None:
    text = "".join(parts)
    grouped, plain = DEFAULT_VOCABULARY.module_pattern, _plain_module_pattern(DEFAULT_VOCABULARY)
    assert [m.span() for m in grouped.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_a_configured_vocabulary_is_grouped_too() -> None:
    vocabulary = Vocabulary.from_config(
        [{"key": "fleet", "nb": ["kjøretøy*", "kjøreliste*", "bil"], "en": ["vehicle*", "van", "vans"]}]
    )
    text = "bilen og kjørelisten, en van og to vans; vehicles og kjøretøyet. bil."
    assert [m.group() for m in vocabulary.module_pattern.finditer(text)] == [
        "kjørelisten",
        "van",
        "vans",
        "vehicles",
        "kjøretøyet",
        "bil",
    ]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                *(p for pattern, _, _ in extract._BROWSER_NAMES for p in re.split(r"\||\(\?i:|\)", pattern)),
                *["IE", "MSIE", "ie", "Ie", "11", " ", ", ", "-", "versjon ", "v", "(", "Internet Explorer"],
                *[
                    "Microsoft Edge",
                    "CHROME",
                    "FireFox",
                    "Safari",
                    "OPERA",
                    "Vivaldi",
                    "brave",
                    "Samsung Internet",
                ],
            ]
        ),
        min_size=1,
        max_size=12,
    )
)
def test_the_browser_test_in_front_misses_no_browser_name(parts: list[str]) -> None:
    """`_browser` returns early when no browser word occurs: where the expression finds a name, one does."""
    text = " ".join(parts)
    if extract._BROWSER.search(text):
        assert "IE" in text or any(word in text.lower() for word in extract._BROWSER_WORDS), text


def test_the_browser_test_in_front_misses_no_browser_name_in_any_email() -> None:
    for text in _texts():
        for match in extract._BROWSER.finditer(text):
            name = match.group(0)
            assert "IE" in name or any(word in name.lower() for word in extract._BROWSER_WORDS), name


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("Det gjelder ３ brukere.", "scope", "several"),
        (
            "Det gjelder ٣ brukere, og " + "resten av teksten er bare fyll for å gjøre den lang nok. " * 2,
            "scope",
            "several",
        ),
        ("Vi ønſker at Martin tar denne saken, takk. " * 3, "requested_handler", "Martin"),
        ("Please assıgn this to Kari, she knows the customer well. " * 2, "requested_handler", "Kari"),
        ("Siden henger i FİREFOX hver gang vi åpner et avvik.", "browser", "Firefox"),
        ("Vi bruker İnternet Explorer 11 på alle maskinene våre.", "browser", "Internet Explorer 11"),
    ],
)
def test_digits_and_letters_that_fold_apart_are_read_as_the_engine_reads_them(
    text: str, field: str, value: str
) -> None:
    assert getattr(extract.extract_stated(text), field) == value


def test_a_date_with_other_digits_in_a_long_text() -> None:
    sent = datetime(2026, 11, 4, 9, 0, tzinfo=UTC)
    text = "Feilen oppstod ３. mars da vi lagret et avvik, og den har kommet tilbake flere ganger siden."
    assert len(text) >= _SCAN_FROM
    assert extract.extract_stated(text, sent_at=sent).observed_on == date(2026, 3, 3)


def test_the_longest_stem_a_word_starts_with_names_its_module() -> None:
    vocabulary = Vocabulary.from_config(
        [
            {"key": "first", "nb": ["ab*", "abc*", "x*"]},
            {"key": "second", "nb": ["abc*", "ab", "abcd*"]},
        ]
    )
    assert [vocabulary.module_of(w) for w in ("ab", "abc", "abcd", "abcde", "abx", "xy", "a")] == [
        "second",  # an exact form wins over a stem
        "first",  # equal stems: the first module's
        "second",  # the longest stem
        "second",
        "first",
        "first",
        None,
    ]
