"""The outbox: one row per dedupe key, claims, backoff, sent and failed."""

from __future__ import annotations

from datetime import timedelta

from store.db import Store
from store.models import OutboxItem, utcnow
from store.outbox import claim_due_outbox, enqueue, mark_failed_attempt, mark_sent


def test_outbox_dedupe_claim_backoff_and_sent(store: Store) -> None:
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


def test_a_permanent_failure_is_not_retried(store: Store) -> None:
    """A 5xx from the relay ends the item as failed rather than retrying forever."""
    with store.session() as session:
        enqueue(session, channel="email", kind="question", recipient="a@x.no", payload={})
    (item,) = claim_due_outbox(store)
    assert mark_failed_attempt(store, item.id, "550", permanent=True) == "failed"
