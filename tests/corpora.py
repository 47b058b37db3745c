"""The shared real-world mail beside the repository (`../shared/`), and how tests that need it skip.

`../shared/corpus` holds other projects' test mail and `../shared/realmail` inputs rebuilt from public
bug reports; neither is copied into this repository. A test that needs them is marked `needs_corpus` /
`needs_realmail` and skips, saying why, in a clone with nothing beside it. CI has them (`.ci/run`
refuses to run without), so there the marks never skip.
"""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus"
REALMAIL = SHARED / "realmail"

#: Data files that ship with the corpus and are not mail.
_NOT_MAIL = {".md", ".json", ".yml", ".yaml"}

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the repository")
needs_realmail = pytest.mark.skipif(
    not REALMAIL.is_dir(), reason="../shared/realmail is not beside the repository"
)


def corpus_files() -> list[Path]:
    """Every mail or reply text of the shared corpus, sorted; empty when it is not there."""
    if not CORPUS.is_dir():
        return []
    return sorted(
        p
        for p in CORPUS.rglob("*")
        if p.is_file() and p.suffix not in _NOT_MAIL and "_license" not in p.parts
    )
