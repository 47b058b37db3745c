"""The durable inbox: accept in order, claim exclusively, quarantine what keeps failing, retry it."""

from __future__ import annotations

from datetime import timedelta

from store.db import Store
from store.inbox import (
    accept_inbound,
    claim_inbound,
    list_failed,
    quarantine_exhausted,
    raw_of,
    release_failed_attempt,
    retry_failed,
)
from store.models import utcnow
from tests.store.conftest import arrival as _arrival


def test_accept_returns_ids_in_order_and_stores_bytes(store: Store) -> None:
    """A batch is stored in order with its raw bytes intact."""
    ids = accept_inbound(store, [_arrival(i) for i in range(5)])
    assert ids == sorted(ids) and len(ids) == 5
    claimed = claim_inbound(store, limit=5)
    assert [c.id for c in claimed] == ids
    with store.session() as session:
        assert [raw_of(session, i) for i in ids] == [_arrival(i).raw for i in range(5)]
        assert [c.size for c in claimed] == [len(_arrival(i).raw) for i in range(5)]


def test_a_claim_is_exclusive_until_its_lease_ends(store: Store) -> None:
    """Two workers never hold the same message; an expired claim is taken again."""
    accept_inbound(store, [_arrival(1)])
    now = utcnow()
    first = claim_inbound(store, now=now)
    assert len(first) == 1
    assert claim_inbound(store, now=now + timedelta(seconds=10)) == []
    again = claim_inbound(store, now=now + timedelta(minutes=6))
    assert [r.id for r in again] == [first[0].id] and again[0].attempts == 2


def test_third_failure_quarantines_and_retry_brings_it_back(store: Store) -> None:
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


def test_a_message_that_kills_its_worker_ends_in_quarantine(store: Store) -> None:
    """Claims that expire after the last attempt (the process died each time) quarantine the message."""
    accept_inbound(store, [_arrival(1)])
    now = utcnow()
    for i in range(3):
        assert claim_inbound(store, now=now + timedelta(minutes=6 * i))
    assert quarantine_exhausted(store, max_attempts=3, now=now + timedelta(minutes=30)) == 1
    assert "process stopped" in (list_failed(store)[0].last_error or "")
