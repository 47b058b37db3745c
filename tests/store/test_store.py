"""The store's intention-named functions, on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect, text

from store.db import Store, _alembic_config, make_engine, open_store, upgrade
from store.inbox import (
    Arrival,
    accept_inbound,
    claim_inbound,
    list_failed,
    quarantine_exhausted,
    raw_of,
    release_failed_attempt,
    retry_failed,
)
from store.models import OutboxItem, utcnow
from store.outbox import claim_due_outbox, enqueue, mark_failed_attempt, mark_sent


@pytest.fixture
def store(store_url: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    s = open_store(store_url, tmp_path / "att", migrate=True)
    yield s
    s.dispose()


def _arrival(n: int) -> Arrival:
    return Arrival(
        raw=f"Subject: {n}\r\n\r\nbody {n}\r\n".encode(), envelope_from=f"a{n}@x.no", envelope_to=("s@v.no",)
    )


def test_migrations_run_twice_without_change(store) -> None:  # type: ignore[no-untyped-def]
    """Upgrading an up-to-date store is a no-op, so every start may do it."""
    upgrade(store.engine)
    upgrade(store.engine)
    assert accept_inbound(store, [_arrival(1)])


def test_accept_returns_ids_in_order_and_stores_bytes(store) -> None:  # type: ignore[no-untyped-def]
    """A batch is stored in order with its raw bytes intact."""
    ids = accept_inbound(store, [_arrival(i) for i in range(5)])
    assert ids == sorted(ids) and len(ids) == 5
    claimed = claim_inbound(store, limit=5)
    assert [c.id for c in claimed] == ids
    with store.session() as session:
        assert [raw_of(session, i) for i in ids] == [_arrival(i).raw for i in range(5)]
        assert [c.size for c in claimed] == [len(_arrival(i).raw) for i in range(5)]


@pytest.mark.parametrize("crashed_half_way", [False, True])
def test_upgrading_a_0001_store_moves_the_raw_bytes_out_of_the_inbox_rows(
    store_url: str, crashed_half_way: bool
) -> None:
    """Mail accepted before migration 0002 keeps its bytes, now beside its row, and the row loses
    the column (claiming and finishing a message no longer rewrite its bytes). An upgrade that died
    after SQLite committed the new table on its own finishes at the next start."""
    engine = make_engine(store_url)
    try:
        with engine.connect() as connection:
            cfg = _alembic_config(engine)
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, "0001")
            connection.execute(
                text(
                    "INSERT INTO inbound (channel, received_at, envelope_from, envelope_to, peer, raw, size,"
                    " status, attempts) VALUES ('email', CURRENT_TIMESTAMP, 'a@x.no', '[]', '', :raw, 5,"
                    " 'pending', 0)"
                ),
                {"raw": b"bytes"},
            )
            if crashed_half_way:
                blob = "BYTEA" if connection.dialect.name == "postgresql" else "BLOB"
                connection.execute(
                    text(f"CREATE TABLE inbound_raw (inbound_id INTEGER PRIMARY KEY, raw {blob} NOT NULL)")
                )
            connection.commit()
        upgrade(engine)
        columns = {c["name"] for c in inspect(engine).get_columns("inbound")}
        assert "raw" not in columns and "size" in columns
        store = Store(engine=engine, attachments_dir=Path("unused"))
        (row,) = claim_inbound(store, limit=1)
        assert row.id is not None
        with store.session() as session:
            assert raw_of(session, row.id) == b"bytes"
    finally:
        engine.dispose()


def test_a_claim_is_exclusive_until_its_lease_ends(store) -> None:  # type: ignore[no-untyped-def]
    """Two workers never hold the same message; an expired claim is taken again."""
    accept_inbound(store, [_arrival(1)])
    now = utcnow()
    first = claim_inbound(store, now=now)
    assert len(first) == 1
    assert claim_inbound(store, now=now + timedelta(seconds=10)) == []
    again = claim_inbound(store, now=now + timedelta(minutes=6))
    assert [r.id for r in again] == [first[0].id] and again[0].attempts == 2


def test_third_failure_quarantines_and_retry_brings_it_back(store) -> None:  # type: ignore[no-untyped-def]
    """A message failing three times is kept in quarantine with its error, and can be retried."""
    (inbound_id,) = accept_inbound(store, [_arrival(1)])
    statuses = []
    for _ in range(3):
        (row,) = claim_inbound(store)
        statuses.append(release_failed_attempt(store, row.id, "boom", max_attempts=3))
    assert statuses == ["pending", "pending", "failed"]
    failed = list_failed(store)
    assert [(f.id, f.last_error) for f in failed] == [(inbound_id, "boom")]
    assert claim_inbound(store) == []
    retry_failed(store, inbound_id)
    assert [r.id for r in claim_inbound(store)] == [inbound_id]


def test_a_message_that_kills_its_worker_ends_in_quarantine(store) -> None:  # type: ignore[no-untyped-def]
    """Claims that expire after the last attempt (the process died each time) quarantine the message."""
    accept_inbound(store, [_arrival(1)])
    now = utcnow()
    for i in range(3):
        assert claim_inbound(store, now=now + timedelta(minutes=6 * i))
    assert quarantine_exhausted(store, max_attempts=3, now=now + timedelta(minutes=30)) == 1
    assert "process stopped" in (list_failed(store)[0].last_error or "")


def test_outbox_dedupe_claim_backoff_and_sent(store) -> None:  # type: ignore[no-untyped-def]
    """The same dedupe key queues once; a failed attempt waits longer each time; sent is final."""
    with store.session() as session:
        assert enqueue(
            session, channel="email", kind="question", recipient="a@x.no", payload={}, dedupe_key="k1"
        )
        assert (
            enqueue(
                session, channel="email", kind="question", recipient="a@x.no", payload={}, dedupe_key="k1"
            )
            is None
        )
    now = utcnow()
    (item,) = claim_due_outbox(store, now=now)
    assert claim_due_outbox(store, now=now) == []
    assert mark_failed_attempt(store, item.id, "relay down", now=now) == "pending"
    assert claim_due_outbox(store, now=now + timedelta(seconds=5)) == []
    (again,) = claim_due_outbox(store, now=now + timedelta(seconds=16))
    assert again.attempts == 2
    mark_failed_attempt(store, item.id, "relay down", now=now)
    with store.session() as session:
        waited = session.get(OutboxItem, item.id).next_attempt_at - now
    assert waited == timedelta(seconds=30)
    mark_sent(store, item.id)
    assert claim_due_outbox(store, now=now + timedelta(hours=2)) == []


def test_a_permanent_failure_is_not_retried(store) -> None:  # type: ignore[no-untyped-def]
    """A 5xx from the relay ends the item as failed rather than retrying forever."""
    with store.session() as session:
        enqueue(session, channel="email", kind="question", recipient="a@x.no", payload={})
    (item,) = claim_due_outbox(store)
    assert mark_failed_attempt(store, item.id, "550", permanent=True) == "failed"
