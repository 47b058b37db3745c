"""The outbox: replies, questions, reminders and notifications waiting to be delivered.

Rows are written in the transaction of the state change that caused them (`enqueue`), then a
sender claims due rows with a lease, delivers and marks them. A failure is retried with
exponential backoff; a row whose lease ran out (the sender died) is claimed again.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Table, bindparam, func, or_, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from store.db import Store
from store.models import OutboxItem, OutboxStatus, utcnow

_OUTBOX: Table = OutboxItem.__table__  # type: ignore[attr-defined]  # set by SQLModel at class creation, not declared

# Built once (they run for every reply): building a statement costs more than running it.
_INSERT_POSTGRESQL = (
    postgresql_insert(_OUTBOX).on_conflict_do_nothing(index_elements=["dedupe_key"]).returning(_OUTBOX.c.id)
)
_INSERT_SQLITE = (
    sqlite_insert(_OUTBOX).on_conflict_do_nothing(index_elements=["dedupe_key"]).returning(_OUTBOX.c.id)
)
_SENT_TO_SINCE = select(func.count()).where(
    _OUTBOX.c.recipient == bindparam("recipient"),
    _OUTBOX.c.created_at >= bindparam("since"),
    _OUTBOX.c.kind.in_(bindparam("kinds", expanding=True)),
)

LEASE = timedelta(minutes=2)
MAX_ATTEMPTS = 15
FIRST_RETRY = timedelta(seconds=15)
LONGEST_WAIT = timedelta(hours=1)


def _row(
    *,
    channel: str,
    kind: str,
    recipient: str,
    payload: dict[str, Any],
    case_id: int | None = None,
    dedupe_key: str | None = None,
    not_before: datetime | None = None,
    now: datetime,
) -> dict[str, Any]:
    return {
        "channel": channel,
        "kind": kind,
        "recipient": recipient[:320],
        "payload": payload,
        "case_id": case_id,
        "dedupe_key": dedupe_key,
        "status": OutboxStatus.PENDING,
        "attempts": 0,
        "next_attempt_at": not_before or now,
        "created_at": now,
    }


def _insert(session: Session, values: list[dict[str, Any]]) -> list[int]:
    """Insert rows in one statement, skipping any whose `dedupe_key` is taken; returns the new ids.

    ON CONFLICT DO NOTHING rather than check-then-insert: two instances writing the same reply at
    the same moment cannot both succeed, and neither fails.
    """
    connection = session.connection()
    statement = _INSERT_POSTGRESQL if connection.dialect.name == "postgresql" else _INSERT_SQLITE
    # executemany with one compiled statement (SQLAlchemy batches it as "insertmanyvalues").
    result = connection.execute(statement, values)
    return [int(i) for i in result.scalars() if i is not None]


def enqueue(
    session: Session,
    *,
    channel: str,
    kind: str,
    recipient: str,
    payload: dict[str, Any],
    case_id: int | None = None,
    dedupe_key: str | None = None,
    not_before: datetime | None = None,
) -> int | None:
    """Add an item in the caller's transaction; returns its id, or None when `dedupe_key` is taken."""
    row = _row(
        channel=channel,
        kind=kind,
        recipient=recipient,
        payload=payload,
        case_id=case_id,
        dedupe_key=dedupe_key,
        not_before=not_before,
        now=utcnow(),
    )
    ids = _insert(session, [row])
    return ids[0] if ids else None


def enqueue_many(session: Session, rows: list[dict[str, Any]]) -> int:
    """Add many items in one statement, in the caller's transaction; rows whose `dedupe_key` is
    already used are skipped. Each row has the keyword arguments of `enqueue`. Returns how many
    were added."""
    if not rows:
        return 0
    now = utcnow()
    return len(_insert(session, [_row(**r, now=now) for r in rows]))


def sent_to_since(session: Session, recipient: str, since: datetime, kinds: tuple[str, ...]) -> int:
    """How many items of these kinds went (or are going) to a recipient since a time.

    A Core query on the session's connection: items are inserted at once (`enqueue`), so the count
    needs no flush of the caller's pending changes (it runs before every reply).
    """
    values = {"recipient": recipient, "since": since, "kinds": list(kinds)}
    return int(session.connection().execute(_SENT_TO_SINCE, values).scalar_one())


def _due(now: datetime) -> Any:
    return or_(
        (col(OutboxItem.status) == OutboxStatus.PENDING) & (col(OutboxItem.next_attempt_at) <= now),
        (col(OutboxItem.status) == OutboxStatus.SENDING) & (col(OutboxItem.claimed_until) < now),
    )


def claim_due_outbox(store: Store, *, now: datetime | None = None, limit: int = 20) -> list[OutboxItem]:
    """Claim items due for delivery in one statement; a claimed item is this caller's until its
    lease ends (`FOR UPDATE SKIP LOCKED` on PostgreSQL, so instances split the work)."""
    now = now or utcnow()
    with store.session(fast=True) as session:
        pick = select(OutboxItem.id).where(_due(now)).order_by(col(OutboxItem.id)).limit(limit)
        if session.get_bind().dialect.name == "postgresql":
            pick = pick.with_for_update(skip_locked=True)
        ids = list(
            session.execute(
                update(OutboxItem)
                .where(col(OutboxItem.id).in_(pick.scalar_subquery()), _due(now))
                .values(
                    status=OutboxStatus.SENDING, claimed_until=now + LEASE, attempts=OutboxItem.attempts + 1
                )
                .returning(col(OutboxItem.id))
            ).scalars()
        )
        if not ids:
            return []
        rows = session.exec(select(OutboxItem).where(col(OutboxItem.id).in_(ids))).all()
        return sorted(rows, key=lambda row: row.id or 0)


def release_claims(store: Store) -> int:
    """Put every item being sent back in line: at start-up of the only instance (the SQLite store)."""
    with store.session() as session:
        result = session.execute(
            update(OutboxItem)
            .where(col(OutboxItem.status) == OutboxStatus.SENDING)
            .values(status=OutboxStatus.PENDING, claimed_until=None)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]


def mark_sent(store: Store, item_id: int, *, now: datetime | None = None) -> None:
    with store.session(fast=True) as session:
        session.execute(
            update(OutboxItem)
            .where(col(OutboxItem.id) == item_id)
            .values(status=OutboxStatus.SENT, sent_at=now or utcnow(), claimed_until=None, last_error=None)
        )


def mark_failed_attempt(
    store: Store,
    item_id: int,
    error: str,
    *,
    permanent: bool = False,
    retry_after: float | None = None,
    now: datetime | None = None,
) -> str:
    """Schedule the next attempt with backoff (or the server's Retry-After); returns the new status."""
    now = now or utcnow()
    with store.session(fast=True) as session:
        item = session.get(OutboxItem, item_id)
        if item is None:
            return "missing"
        item.last_error = error[:2000]
        item.claimed_until = None
        if permanent or item.attempts >= MAX_ATTEMPTS:
            item.status = OutboxStatus.FAILED
        else:
            wait = FIRST_RETRY * (2 ** max(item.attempts - 1, 0))
            if retry_after is not None:
                wait = max(wait, timedelta(seconds=retry_after))
            item.next_attempt_at = now + min(wait, LONGEST_WAIT)
            item.status = OutboxStatus.PENDING
        session.add(item)
        return item.status
