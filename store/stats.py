"""Counts for `/metrics`: cases by status, the quarantine, grants, and the outbox's depth.

Read in one transaction, so a scrape sees one moment of the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlmodel import col, select

from store.db import Store
from store.models import (
    Case,
    GrantStatus,
    InboundMessage,
    InboundStatus,
    LoginGrant,
    OutboxItem,
    OutboxStatus,
)


@dataclass(frozen=True)
class Counts:
    """What the gauges show; `cases` is by status value, `outbox_oldest` the oldest undelivered item."""

    cases: dict[str, int]
    quarantined: int
    grants_active: int
    grant_calls_pending: int
    grant_calls_failing: int
    outbox_depth: int
    outbox_oldest: datetime | None


def counts(store: Store) -> Counts:
    """Every count the gauges show, read in one transaction."""
    with store.session() as session:
        cases = {
            status: n for status, n in session.exec(select(Case.status, func.count()).group_by(Case.status))
        }

        def count(*where: object) -> int:
            return int(session.exec(select(func.count()).where(*where)).one())  # type: ignore[arg-type]

        pending = col(LoginGrant.pending_action).is_not(None)
        undelivered = col(OutboxItem.status).in_([OutboxStatus.PENDING, OutboxStatus.SENDING])
        depth, oldest = session.exec(
            select(func.count(), func.min(OutboxItem.created_at)).where(undelivered)
        ).one()
        return Counts(
            cases=cases,
            quarantined=count(InboundMessage.status == InboundStatus.FAILED),
            grants_active=count(LoginGrant.status == GrantStatus.ACTIVE),
            grant_calls_pending=count(pending),
            grant_calls_failing=count(pending, col(LoginGrant.failing_since).is_not(None)),
            outbox_depth=int(depth),
            outbox_oldest=oldest,
        )
