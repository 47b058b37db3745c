"""The durable inbox: accept raw messages first, process them later, quarantine what keeps failing.

A message is `pending` until a worker claims it; the claim is a lease (`claimed_until`), so a worker
that dies mid-way leaves a message that the next sweep, or the next start, claims again. Each claim
counts as an attempt, which is how a message that crashes the process itself ends in quarantine too.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, Table, func, insert, or_, update
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, col, select

from store.db import Store
from store.errors import NotFound, StoreUnavailable
from store.models import InboundMessage, InboundRaw, InboundStatus, utcnow

# Processing a message takes well under a second; a claim older than this belongs to a worker that
# died. Taking it over is safe even if that worker still runs: the Message-ID makes it one message.
LEASE = timedelta(seconds=30)

_INBOUND: Table = InboundMessage.__table__  # type: ignore[attr-defined]  # set by SQLModel at class creation, not declared
_RAW: Table = InboundRaw.__table__  # type: ignore[attr-defined]


def raw_of(session: Session, inbound_id: int) -> bytes:
    """The bytes of an accepted message (empty once retention or erasure removed them).

    Raises LookupError when they were never stored: processing must fail loudly (and the message go
    to quarantine), not read an empty message.
    """
    row = session.get(InboundRaw, inbound_id)
    if row is None:
        raise LookupError(f"inbound message {inbound_id} has no stored bytes")
    return row.raw


@dataclass(frozen=True)
class Arrival:
    """A message as the edge received it, before it is stored."""

    raw: bytes
    envelope_from: str
    envelope_to: tuple[str, ...]
    peer: str = ""
    channel: str = "email"
    #: The channel's own id for the request (Slack's trigger or view id): the same key stored again,
    #: after a retry or a replay across a restart, is the row already there.
    idempotency_key: str | None = None


#: How an edge hands an arrival to the durable inbox: it returns (awaits) the inbox id once the message
#: is committed, or raises `StoreUnavailable` (the SMTP edge's `AcceptWriter.accept` is one).
Accept = Callable[[Arrival], Awaitable[int]]


def accept_inbound(
    store: Store, arrivals: Sequence[Arrival], *, claimed_for: timedelta | None = None
) -> list[int]:
    """Store messages durably, in one transaction; returns their inbox ids in order.

    With `claimed_for` they are stored already claimed (one attempt) for that long, so no inbox
    sweep takes them from the caller who processes them itself (the importer).
    Raises `StoreUnavailable` when the store cannot take them: nothing is stored then.
    """
    if not arrivals:
        return []
    keys = [a.idempotency_key for a in arrivals if a.idempotency_key]
    if keys:
        known = _known_keys(store, keys)
        fresh = [a for a in arrivals if a.idempotency_key not in known]
        stored = iter(_insert(store, fresh, claimed_for) if fresh else [])
        return [known[a.idempotency_key] if a.idempotency_key in known else next(stored) for a in arrivals]
    return _insert(store, arrivals, claimed_for)


def _insert(store: Store, arrivals: Sequence[Arrival], claimed_for: timedelta | None) -> list[int]:
    try:
        with store.engine.begin() as connection:
            return insert_arrivals(connection, arrivals, claimed_for=claimed_for)
    except SQLAlchemyError as exc:
        raise StoreUnavailable(f"inbox write failed: {type(exc).__name__}") from exc


def insert_arrivals(
    connection: Connection, arrivals: Sequence[Arrival], *, claimed_for: timedelta | None = None
) -> list[int]:
    """Insert inbox rows and their bytes on the caller's connection (its transaction); returns the ids.

    `accept_inbound` is the edge's way in (its own durable transaction); the importer uses this
    directly, to store and process a batch of old mail in one transaction. Raises what the driver raises.
    """
    now = utcnow()
    state: dict[str, object] = (
        {"status": InboundStatus.PENDING, "attempts": 0}
        if claimed_for is None
        else {"status": InboundStatus.PROCESSING, "attempts": 1, "claimed_until": now + claimed_for}
    )
    rows = [
        {
            "channel": a.channel,
            "received_at": now,
            "envelope_from": a.envelope_from[:320],
            "envelope_to": list(a.envelope_to),
            "peer": a.peer[:100],
            "size": len(a.raw),
            "idempotency_key": a.idempotency_key,
            **state,
        }
        for a in arrivals
    ]
    # One INSERT … RETURNING for the group, in Core: no ORM session or per-object bookkeeping for
    # what runs for every message the edge accepts while its sender waits for the 250.
    statement = insert(_INBOUND).returning(_INBOUND.c.id, sort_by_parameter_order=True)
    ids = list(connection.execute(statement, rows).scalars())
    connection.execute(
        insert(_RAW), [{"inbound_id": i, "raw": a.raw} for i, a in zip(ids, arrivals, strict=True)]
    )
    return ids


def _known_keys(store: Store, keys: Sequence[str | None]) -> dict[str | None, int]:
    """The inbox ids already stored under these idempotency keys."""
    try:
        with store.engine.connect() as connection:
            rows = connection.execute(
                select(_INBOUND.c.idempotency_key, _INBOUND.c.id).where(_INBOUND.c.idempotency_key.in_(keys))
            )
            return {key: inbound_id for key, inbound_id in rows}
    except SQLAlchemyError as exc:
        raise StoreUnavailable(f"inbox read failed: {type(exc).__name__}") from exc


def finish_inbound(
    session: Session, row: InboundMessage, outcome: str, *, now: datetime | None = None
) -> None:
    """Mark a processed message done with a one-line `outcome`, in the transaction that applied it."""
    row.status = InboundStatus.DONE
    row.processed_at = now or utcnow()
    row.claimed_until = None
    row.outcome = outcome[:200]
    session.add(row)


def unfinished(session: Session, inbound_id: int) -> InboundMessage | None:
    """The inbox row to process, or None when it is gone or another worker finished it already."""
    row = session.get(InboundMessage, inbound_id)
    return None if row is None or row.status == InboundStatus.DONE else row


def claim_inbound(store: Store, *, now: datetime | None = None, limit: int = 1) -> list[InboundMessage]:
    """Claim the oldest messages that are waiting (or whose claim expired), in one statement.

    On PostgreSQL the rows are picked `FOR UPDATE SKIP LOCKED`, so several workers or instances
    split the waiting messages instead of taking the same one; SQLite has one writer at a time.
    """
    now = now or utcnow()
    waiting = or_(
        col(InboundMessage.status) == InboundStatus.PENDING,
        (col(InboundMessage.status) == InboundStatus.PROCESSING) & (col(InboundMessage.claimed_until) < now),
    )
    with store.session(fast=True) as session:
        pick = select(InboundMessage.id).where(waiting).order_by(col(InboundMessage.id)).limit(limit)
        if session.get_bind().dialect.name == "postgresql":
            pick = pick.with_for_update(skip_locked=True)
        ids = list(
            session.execute(
                update(InboundMessage)
                .where(col(InboundMessage.id).in_(pick.scalar_subquery()), waiting)
                .values(
                    status=InboundStatus.PROCESSING,
                    claimed_until=now + LEASE,
                    attempts=InboundMessage.attempts + 1,
                )
                .returning(col(InboundMessage.id))
            ).scalars()
        )
        if not ids:
            return []
        rows = session.exec(select(InboundMessage).where(col(InboundMessage.id).in_(ids))).all()
        return sorted(rows, key=lambda row: row.id or 0)


def release_failed_attempt(
    store: Store, inbound_id: int, error: str, *, max_attempts: int, now: datetime | None = None
) -> str:
    """Record a failed attempt; after `max_attempts` the message is quarantined. Returns the status."""
    now = now or utcnow()
    with store.session(fast=True) as session:
        row = session.get(InboundMessage, inbound_id)
        if row is None:
            raise NotFound(f"inbound message {inbound_id} does not exist")
        row.last_error = error[:4000]
        row.claimed_until = None
        row.status = InboundStatus.FAILED if row.attempts >= max_attempts else InboundStatus.PENDING
        session.add(row)
        return row.status


def defer_inbound(store: Store, inbound_id: int, seconds: float, *, now: datetime | None = None) -> None:
    """Put a claimed message back for a little while, without counting the attempt."""
    now = now or utcnow()
    with store.session(fast=True) as session:
        session.execute(
            update(InboundMessage)
            .where(col(InboundMessage.id) == inbound_id)
            .values(
                status=InboundStatus.PROCESSING,  # claimable again when this short "claim" ends
                claimed_until=now + timedelta(seconds=seconds),
                attempts=func.max(InboundMessage.attempts - 1, 0)
                if session.get_bind().dialect.name == "sqlite"
                else func.greatest(InboundMessage.attempts - 1, 0),
            )
        )


def older_unfinished(session: Session, inbound_id: int) -> bool:
    """Whether a message accepted before this one is still waiting or being processed."""
    return (
        session.exec(
            select(InboundMessage.id).where(
                col(InboundMessage.id) < inbound_id,
                col(InboundMessage.status).in_((InboundStatus.PENDING, InboundStatus.PROCESSING)),
            )
        ).first()
        is not None
    )


def quarantine_exhausted(store: Store, *, max_attempts: int, now: datetime | None = None) -> int:
    """Quarantine messages whose claims expired after the last allowed attempt (a crash each time)."""
    now = now or utcnow()
    with store.session(fast=True) as session:
        result = session.execute(
            update(InboundMessage)
            .where(
                col(InboundMessage.status) == InboundStatus.PROCESSING,
                col(InboundMessage.claimed_until) < now,
                col(InboundMessage.attempts) >= max_attempts,
            )
            .values(
                status=InboundStatus.FAILED,
                claimed_until=None,
                last_error=func.coalesce(
                    InboundMessage.last_error, "processing did not finish (the process stopped)"
                ),
            )
        )
        return int(result.rowcount)  # type: ignore[attr-defined]


def release_claims(store: Store) -> int:
    """Put every claimed message back in line: at start-up of the only instance (the SQLite store)."""
    with store.session() as session:
        result = session.execute(
            update(InboundMessage)
            .where(col(InboundMessage.status) == InboundStatus.PROCESSING)
            .values(status=InboundStatus.PENDING, claimed_until=None)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]


def list_failed(store: Store) -> list[InboundMessage]:
    """The quarantine, oldest first."""
    with store.session() as session:
        return list(
            session.exec(
                select(InboundMessage)
                .where(InboundMessage.status == InboundStatus.FAILED)
                .order_by(col(InboundMessage.id))
            ).all()
        )


def retry_failed(store: Store, inbound_id: int) -> None:
    """Put a quarantined message back in line with a fresh set of attempts."""
    with store.session() as session:
        row = session.get(InboundMessage, inbound_id)
        if row is None:
            raise NotFound(f"inbound message {inbound_id} does not exist")
        if row.status != InboundStatus.FAILED:
            raise NotFound(f"inbound message {inbound_id} is not in quarantine (it is {row.status})")
        row.status = InboundStatus.PENDING
        row.attempts = 0
        row.claimed_until = None
        session.add(row)


def pending_count(store: Store) -> int:
    with store.session() as session:
        stmt = select(func.count()).where(
            col(InboundMessage.status).in_((InboundStatus.PENDING, InboundStatus.PROCESSING))
        )
        return int(session.exec(stmt).one())
