"""Store queries of the data lifecycle (issue 8): retention, erasure, the art. 30(2) record, import.

Retention and erasure change many rows at once and must be rehearsable: `transaction(store,
rehearse=True)` runs the very same statements and rolls them back, so a dry run reports exactly
what a real run would do.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from sqlmodel import Session

from store.db import Store


@contextlib.contextmanager
def transaction(store: Store, *, rehearse: bool) -> Iterator[Session]:
    """One transaction that commits when the block ends, or (rehearsing) always rolls back."""
    with Session(store.engine, expire_on_commit=False) as session:
        try:
            yield session
        except BaseException:
            session.rollback()
            raise
        if rehearse:
            session.rollback()
        else:
            session.commit()
