"""Every store test runs on the embedded SQLite store and on the machine's PostgreSQL (`store_url`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from store.db import Store, open_store
from store.inbox import Arrival


@pytest.fixture
def store(store_url: str, tmp_path: Path) -> Iterator[Store]:
    """A migrated, empty store, disposed of after the test."""
    s = open_store(store_url, tmp_path / "att", migrate=True)
    yield s
    s.dispose()


def arrival(n: int) -> Arrival:
    """A small distinct message, as the SMTP edge would hand it over."""
    return Arrival(
        raw=f"Subject: {n}\r\n\r\nbody {n}\r\n".encode(), envelope_from=f"a{n}@x.no", envelope_to=("s@v.no",)
    )
