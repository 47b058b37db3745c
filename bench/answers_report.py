"""Scores `parsers.answers.read_answer` on labelled answer lines and prints how well replies are read.

Run: `python bench/answers_report.py [PATH ...] [--details]` (default: the tune half,
tests/data/labelled/tune/answers.json). Each PATH is a JSON list of labelled replies, written by people
who did not read the reader's rules (tests/data/labelled/README.md):

    {"id": "a001", "language": "nb", "asked": ["browser", "login_allowed"],
     "sent_at": "2026-11-04T09:00:00+01:00", "reply": "1. Edge  2. ja",
     "expected": {"browser": "Edge", "login_allowed": true}, "unknown": [], "asks_about": [], "note": ""}

`expected` holds the fields a careful person reads from the reply (dates as YYYY-MM-DD, user lists as
lists), `unknown` the fields the customer says they cannot give, `asks_about` the questions the
customer asks about. Printed per PATH and per field: precision (values read that are right), recall
(expected values read right), wrong (read, but another value) and invented (read where the reply says
nothing of that field); then hits, misses and extras for `unknown` and `asks_about`, and the share of
replies read exactly right. Nothing is written; the reader runs in-process.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "tests" / "data" / "labelled" / "tune" / "answers.json"
sys.path.insert(0, str(ROOT))

from parsers.answers import read_answer  # noqa: E402
from parsers.fields import FIELD_NAMES  # noqa: E402


def _norm(value: Any) -> Any:
    """A value as the labels write it: ISO dates, lowercased lists and text, booleans as they are."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return sorted(str(v).strip().lower() for v in value) or None
    if isinstance(value, str):
        return value.strip().lower() or None
    return value


@dataclass
class Tally:
    """Counts for one field over a file."""

    expected: int = 0
    read: int = 0
    right: int = 0
    wrong: int = 0
    invented: int = 0


@dataclass
class SetTally:
    """Hits, misses and extras for a set-valued label (`unknown`, `asks_about`)."""

    hits: int = 0
    missed: int = 0
    extra: int = 0


@dataclass
class Scored:
    fields: dict[str, Tally] = field(default_factory=dict)
    unknown: SetTally = field(default_factory=SetTally)
    asks_about: SetTally = field(default_factory=SetTally)
    exact: int = 0
    total: int = 0
    details: list[str] = field(default_factory=list)


def _sent_at(entry: dict[str, Any]) -> datetime | None:
    raw = entry.get("sent_at")
    return datetime.fromisoformat(raw) if raw else None


def _compare_sets(tally: SetTally, want: set[str], have: set[str]) -> list[str]:
    tally.hits += len(want & have)
    tally.missed += len(want - have)
    tally.extra += len(have - want)
    return [f"-{n}" for n in sorted(want - have)] + [f"+{n}" for n in sorted(have - want)]


def score(entries: list[dict[str, Any]]) -> Scored:
    """Read every labelled reply and count what was read right, wrong, invented and missed."""
    scored = Scored()
    for entry in entries:
        answer = read_answer(
            str(entry.get("reply") or ""), asked=list(entry.get("asked") or []), sent_at=_sent_at(entry)
        )
        have = {name: _norm(value) for name, value in answer.fields.stated().items()}
        want = {
            name: _norm(value)
            for name, value in (entry.get("expected") or {}).items()
            if name in FIELD_NAMES and value is not None and value != []
        }
        problems: list[str] = []
        for name in sorted(set(have) | set(want)):
            tally = scored.fields.setdefault(name, Tally())
            if name in want:
                tally.expected += 1
            if name in have:
                tally.read += 1
            if name in want and name in have:
                if have[name] == want[name]:
                    tally.right += 1
                else:
                    tally.wrong += 1
                    problems.append(f"{name}: {have[name]!r} (expected {want[name]!r})")
            elif name in have:
                tally.invented += 1
                problems.append(f"{name}: {have[name]!r} invented")
            else:
                problems.append(f"{name}: missed (expected {want[name]!r})")
        unknown = _compare_sets(scored.unknown, set(entry.get("unknown") or []), set(answer.unknown))
        asks = _compare_sets(scored.asks_about, set(entry.get("asks_about") or []), set(answer.asks_about))
        if unknown:
            problems.append(f"unknown: {' '.join(unknown)}")
        if asks:
            problems.append(f"asks_about: {' '.join(asks)}")
        scored.total += 1
        if problems:
            reply = " / ".join(
                line.strip() for line in str(entry.get("reply") or "").splitlines() if line.strip()
            )
            scored.details.append(
                f"  {entry.get('id')} [{entry.get('language')}] asked={entry.get('asked')}\n"
                f"      reply: {reply[:300]}\n" + "".join(f"      {p}\n" for p in problems)
            )
        else:
            scored.exact += 1
    return scored


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "  -  "


def report(path: Path, *, details: bool) -> Scored:
    entries = json.loads(path.read_text(encoding="utf-8"))
    scored = score(entries)
    languages = Counter(str(e.get("language")) for e in entries)
    print(f"\n{path} ({len(entries)} replies: {', '.join(f'{k} {v}' for k, v in sorted(languages.items()))})")
    head = ("field", "expected", "read", "right", "wrong", "invented", "precision", "recall")
    widths = (-18, 8, 5, 5, 5, 8, 9, 7)
    print("  " + " ".join(f"{h:<{-w}}" if w < 0 else f"{h:>{w}}" for h, w in zip(head, widths, strict=True)))
    totals = Tally()
    for name in sorted(scored.fields):
        t = scored.fields[name]
        for attr in ("expected", "read", "right", "wrong", "invented"):
            setattr(totals, attr, getattr(totals, attr) + getattr(t, attr))
        print(
            f"  {name:<18} {t.expected:>8} {t.read:>5} {t.right:>5} {t.wrong:>5} {t.invented:>8}"
            f" {_ratio(t.right, t.read):>9} {_ratio(t.right, t.expected):>7}"
        )
    t = totals
    print(
        f"  {'all fields':<18} {t.expected:>8} {t.read:>5} {t.right:>5} {t.wrong:>5} {t.invented:>8}"
        f" {_ratio(t.right, t.read):>9} {_ratio(t.right, t.expected):>7}"
    )
    for label, st in (("unknown", scored.unknown), ("asks_about", scored.asks_about)):
        print(f"  {label:<18} hits {st.hits}, missed {st.missed}, extra {st.extra}")
    print(
        f"  replies read exactly right  {scored.exact}/{scored.total} = {_ratio(scored.exact, scored.total)}"
    )
    if details:
        print("".join(scored.details), end="")
    return scored


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[DEFAULT])
    parser.add_argument("--details", action="store_true", help="list each reply not read exactly right")
    args = parser.parse_args()
    for path in args.paths:
        report(path, details=args.details)
    return 0


if __name__ == "__main__":
    sys.exit(main())
