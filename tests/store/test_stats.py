"""The counts `/metrics` shows, read from the store in one go."""

from __future__ import annotations

from store import outbox, stats
from store.cases import create_case
from store.db import Store
from store.inbox import accept_inbound, claim_inbound, release_failed_attempt
from store.models import CaseStatus
from tests.store.conftest import arrival


def test_counts_reflect_cases_quarantine_and_outbox(store: Store) -> None:
    """Cases by status, a quarantined message, and the undelivered outbox with its oldest item."""
    with store.session() as session:
        create_case(session, subject="a", status=CaseStatus.DRAFT)
        create_case(session, subject="b", status=CaseStatus.OPEN)
        create_case(session, subject="c", status=CaseStatus.OPEN)
        outbox.enqueue(session, channel="email", kind="question", recipient="a@x.no", payload={})
    (inbound_id,) = accept_inbound(store, [arrival(1)])
    claim_inbound(store)
    release_failed_attempt(store, inbound_id, "boom", max_attempts=1)
    counts = stats.counts(store)
    assert counts.cases == {"draft": 1, "open": 2}
    assert counts.quarantined == 1 and counts.outbox_depth == 1 and counts.outbox_oldest is not None
    assert counts.grants_active == 0 and counts.grant_calls_pending == 0
