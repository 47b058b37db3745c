"""Every email the parser tests read: the labelled corpus and `../shared/corpus` beside the repository."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EVERY_EMAIL = sorted(
    {
        p
        for p in [
            *(ROOT / "tests" / "data" / "emails").glob("*.eml"),
            *(ROOT.parent / "shared" / "corpus").rglob("*"),
        ]
        if p.is_file()
    }
)
