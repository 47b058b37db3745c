"""The word gates in front of the readers' costly expression families are safe: every match of a gated
family, in any text we have, contains one of the words of its gate.

A reader skips a family when the text holds none of its gate words (most mail names no login, no phone,
no licence), so a phrase added to a family without a gate word would silently never match. This test
finds such a phrase: it scans the labelled tune mail, the older labelled corpus and every wording in the
reading and answer tables with the bare expressions, and checks the gate words are there.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from parsers.message import parse_message
from parsers.reading import app, consent, ids, kind
from tests.parsers import test_answers, test_reading

DATA = Path(__file__).resolve().parents[1] / "data"


def _texts() -> list[str]:
    texts: set[str] = set()
    for folder in (DATA / "emails", DATA / "labelled" / "tune" / "emails"):
        for path in sorted(folder.glob("*.eml")):
            message = parse_message(path.read_bytes())
            texts.add(f"{message.subject}\n{message.text}".lower())
    for answer in json.loads((DATA / "labelled" / "tune" / "answers.json").read_text(encoding="utf-8")):
        texts.add(str(answer["reply"]).lower())
    texts.update(str(row[1]).lower() for row in test_reading.ROWS)
    for rows in test_answers._KINDS_TABLES.values():
        texts.update(str(row[0]).lower() for row in rows)
    return sorted(texts)


def _gated() -> list[tuple[str, tuple[str, ...], re.Pattern[str]]]:
    families: list[tuple[str, tuple[str, ...], re.Pattern[str]]] = [
        (f"case type cue {i}", cue[2].needed, cue[2].pattern)
        for i, cue in enumerate(kind._ALL_CUES)
        if isinstance(cue[2], kind._Needs)
    ]
    login = (
        consent._LOGIN_LABEL,
        consent._LOGIN_NO,
        consent._MORE_LOGIN_NO,
        consent._EVERYDAY_LOGIN_NO,
        consent._EVERYDAY_LOGIN_YES,
        consent._MORE_LOGIN_YES,
        consent._LOGIN_YES,
        consent._VENDOR_ENTERS,
    )
    families += [("login consent", consent._LOGIN_WORDS, pattern) for pattern in login]
    families += [("names", consent._NAME_WORDS, p) for p in (consent._NO_NAMES, consent._NAMES)]
    families += [("browser maker", app._INDIRECT_MAKERS, app._INDIRECT)]
    families += [("phone", app._PHONE_WORDS, p) for p in (app._IOS, app._ANDROID)]
    families += [
        ("login fails", ("log", "sign"), ids._LOGIN_FAILS),
        ("priority", ("priorit",), kind._PRIORITY_LABEL),
    ]
    return families


TEXTS = _texts()


@pytest.mark.parametrize(("name", "needed", "pattern"), _gated(), ids=lambda value: str(value)[:40])
def test_every_match_of_a_gated_family_holds_a_gate_word(
    name: str, needed: tuple[str, ...], pattern: re.Pattern[str]
) -> None:
    ungated = [text[:120] for text in TEXTS if pattern.search(text) and not any(w in text for w in needed)]
    assert not ungated, f"{name}: phrases that match without a gate word {needed}: {ungated[:3]}"


def test_the_texts_exercise_the_gates() -> None:
    """The check above is only as good as its texts: most families must match somewhere in them."""
    matched = sum(1 for _, _, pattern in _gated() if any(pattern.search(text) for text in TEXTS))
    assert matched >= len(_gated()) * 3 // 4
