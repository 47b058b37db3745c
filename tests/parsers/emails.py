"""Every email the parser tests read: the labelled corpus, and `../shared/corpus` when it is beside us."""

from __future__ import annotations

from pathlib import Path

from tests.corpora import corpus_files

ROOT = Path(__file__).resolve().parents[2]
LABELLED = sorted((ROOT / "tests" / "data" / "emails").glob("*.eml"))
EVERY_EMAIL = sorted({*LABELLED, *corpus_files()})
