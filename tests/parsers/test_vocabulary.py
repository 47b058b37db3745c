"""The module vocabulary's grouped expression, the browser reader's early exit, and text whose digits or
letters fold apart under case-insensitive matching."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import extract
from parsers.clean import clean_description
from parsers.message import parse_message
from parsers.reading import app
from parsers.vocabulary import DEFAULT_VOCABULARY, Vocabulary
from tests.parsers.emails import EVERY_EMAIL


@cache
def _texts() -> list[str]:
    """Descriptions as extraction reads them: cleaned, as written and lowercased, every email we have."""
    texts: list[str] = []
    for path in EVERY_EMAIL:
        text = clean_description(parse_message(path.read_bytes()).text)[:3000]
        texts += [text, text.lower()]
    return texts


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
                *(p for pattern, _, _ in app._BROWSER_NAMES for p in re.split(r"\||\(\?i:|\)", pattern)),
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
    if app._BROWSER.search(text):
        assert "IE" in text or any(word in text.lower() for word in app._BROWSER_WORDS), text


def test_the_browser_test_in_front_misses_no_browser_name_in_any_email() -> None:
    for text in _texts():
        for match in app._BROWSER.finditer(text):
            name = match.group(0)
            assert "IE" in name or any(word in name.lower() for word in app._BROWSER_WORDS), name


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


@pytest.mark.parametrize(
    ("text", "module"),
    [
        ("timeforing funker ikke i appen", "time_tracking"),
        ("timefoeringa viser feil sum", "time_tracking"),
        ("kan ikke aapne haandboka", "documents"),
        ("arshjulet er tomt", "annual_wheel"),
        ("vi moter paa en feil i avvik", "deviations"),  # "møter på" is no meeting, however it is typed
    ],
)
def test_a_module_typed_without_norwegian_letters_is_that_module(text: str, module: str) -> None:
    assert extract.extract_fields(text).module == module


def test_a_configured_form_with_norwegian_letters_gets_its_plain_spellings() -> None:
    vocabulary = Vocabulary.from_config([{"key": "sjø", "nb": ["sjøkart*"], "exclude": ["sjøkartet vårt"]}])
    assert vocabulary.modules[0].forms == ("sjøkart*", "sjokart*", "sjoekart*")
    assert {"sjøkartet vårt", "sjokartet vart", "sjoekartet vaart", "sjokartet vaart"} <= set(
        vocabulary.modules[0].exclude
    )
