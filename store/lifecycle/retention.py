"""Retention queries: what a closed case, processed mail and the quarantine keep, and for how long.

A purged case keeps its skeleton (the case row and its fields, the message rows with direction,
time and sender) and its audit trail; it loses what people wrote and sent: message bodies,
attachments, the raw mail those messages came from, and the rendered replies in the outbox.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, ScalarSelect, delete, exists, func, or_, update
from sqlmodel import Session, col, select

from store import audit
from store.models import (
    Attachment,
    Case,
    CaseMessage,
    CaseStatus,
    InboundMessage,
    InboundRaw,
    InboundStatus,
    OutboxItem,
    OutboxStatus,
)

#: A quarantined message whose raw bytes were removed: it can no longer be retried.


@dataclass
class PurgedContent:
    """What purging some cases removed (or, rehearsed, would remove)."""

    messages: int = 0
    attachments: int = 0
    raw: int = 0
    outbox: int = 0
    digests: set[str] = field(default_factory=set)


def _has_raw() -> ColumnElement[bool]:
    return func.length(InboundRaw.raw) > 0


def _empty_raw(session: Session, inbound_ids: ScalarSelect[Any]) -> int:
    """Empty the raw bytes of the inbox rows a subquery names; returns how many. A subquery, not a
    list of ids: a list is bounded by the database's parameter limit (65,535 on PostgreSQL)."""
    result = session.execute(
        update(InboundRaw)
        .where(col(InboundRaw.inbound_id).in_(inbound_ids), _has_raw())
        .values(raw=b"")
        .execution_options(synchronize_session=False)
    )
    return _count(result)


def closed_cases_due(session: Session, cutoff: datetime) -> list[int]:
    """Ids of cases closed before `cutoff` that still hold words or files (oldest first)."""
    has_text = exists().where(col(CaseMessage.case_id) == col(Case.id), col(CaseMessage.text) != "")
    has_files = exists().where(col(Attachment.case_id) == col(Case.id))
    has_raw = exists().where(
        col(CaseMessage.case_id) == col(Case.id),
        col(InboundRaw.inbound_id) == col(CaseMessage.inbound_id),
        _has_raw(),
    )
    stmt = (
        select(Case.id)
        .where(
            col(Case.status) == CaseStatus.CLOSED,
            col(Case.closed_at) < cutoff,
            or_(has_text, has_files, has_raw),
        )
        .order_by(col(Case.id))
    )
    return [case_id for case_id in session.exec(stmt) if case_id is not None]


def purge_case_content(session: Session, case_ids: Sequence[int]) -> PurgedContent:
    """Empty these cases' messages, raw mail and sent replies, and delete their attachment rows.

    The files themselves are the caller's to remove once the rows are committed (see `blobs`).
    """
    ids = list(case_ids)
    if not ids:
        return PurgedContent()
    digests = set(session.exec(select(Attachment.sha256).where(col(Attachment.case_id).in_(ids)).distinct()))
    attachments = session.execute(delete(Attachment).where(col(Attachment.case_id).in_(ids)))
    inbound_ids = (
        select(CaseMessage.inbound_id)
        .where(col(CaseMessage.case_id).in_(ids), col(CaseMessage.inbound_id).is_not(None))
        .scalar_subquery()
    )
    raw = _empty_raw(session, inbound_ids)
    messages = session.execute(
        update(CaseMessage)
        .where(col(CaseMessage.case_id).in_(ids), col(CaseMessage.text) != "")
        .values(text="")
        .execution_options(synchronize_session=False)
    )
    # Only what is delivered (or given up): a reply still waiting keeps the bytes it must send.
    outbox = session.execute(
        update(OutboxItem)
        .where(
            col(OutboxItem.case_id).in_(ids),
            col(OutboxItem.status).in_((OutboxStatus.SENT, OutboxStatus.FAILED)),
        )
        .values(payload={})
        .execution_options(synchronize_session=False)
    )
    for case_id in ids:
        audit.record(session, "retention.purged", case_id=case_id)
    return PurgedContent(
        messages=_count(messages),
        attachments=_count(attachments),
        raw=raw,
        outbox=_count(outbox),
        digests=digests,
    )


def purge_processed_raw(session: Session, cutoff: datetime) -> int:
    """Empty the raw bytes of mail processed before `cutoff`; the row (and its outcome) stays."""
    done = select(InboundMessage.id).where(
        col(InboundMessage.status) == InboundStatus.DONE, col(InboundMessage.processed_at) < cutoff
    )
    return _empty_raw(session, done.scalar_subquery())


def expire_quarantine(session: Session, cutoff: datetime) -> int:
    """Empty quarantined mail received before `cutoff` and mark it `expired` (no longer retryable)."""
    # Marked first, then emptied by status: the rows this transaction marked are locked until it
    # commits, so a retry in between cannot take a message whose bytes are about to go, and no list
    # of ids has to fit in one statement.
    result = session.execute(
        update(InboundMessage)
        .where(col(InboundMessage.status) == InboundStatus.FAILED, col(InboundMessage.received_at) < cutoff)
        .values(status=InboundStatus.EXPIRED)
        .execution_options(synchronize_session=False)
    )
    _empty_raw(
        session,
        select(InboundMessage.id)
        .where(col(InboundMessage.status) == InboundStatus.EXPIRED)
        .scalar_subquery(),
    )
    return _count(result)


def _count(result: object) -> int:
    return int(getattr(result, "rowcount", 0) or 0)
