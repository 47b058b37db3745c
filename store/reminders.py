"""Drafts that owe their reporter a reminder, claimed so that each reminder is sent once.

The reminder sweep reads only the few columns it decides on, locks them (`FOR UPDATE SKIP LOCKED` on
PostgreSQL, so two instances never take the same draft) and moves each reminded draft one step on with
a set-based statement: a sweep over thousands of due drafts stays well under a second.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, update
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from store.models import Case, CaseStatus


@dataclass(frozen=True)
class DueDraft:
    """The few columns of a draft the reminder sweep decides on."""

    id: int
    channel: str
    reporter: str
    status: str
    asked_at: datetime | None
    reminders_sent: int


@dataclass(frozen=True)
class Schedule:
    """When silence is owed a reminder: step `n` after `after_hours[n]` hours since the question;
    abandoned after `abandon_after_days` days (0 = never)."""

    after_hours: tuple[float, ...]
    abandon_after_days: float


def _due(now: datetime, schedule: Schedule) -> Any:
    """SQL for "a draft that owes a reminder or is abandoned by now", so idle sweeps read nothing."""
    owed: list[Any] = [
        (col(Case.reminders_sent) == step) & (col(Case.asked_at) <= now - timedelta(hours=hours))
        for step, hours in enumerate(schedule.after_hours)
    ]
    if schedule.abandon_after_days:
        owed.append(col(Case.asked_at) <= now - timedelta(days=schedule.abandon_after_days))
    return (col(Case.status) == CaseStatus.DRAFT) & col(Case.asked_at).is_not(None) & or_(*owed)


def due_draft_ids(session: Session, now: datetime, schedule: Schedule) -> list[int]:
    """Ids of the drafts that owe a reminder or are abandoned by `now`, oldest first."""
    stmt = select(Case.id).where(_due(now, schedule)).order_by(col(Case.id))
    return [case_id for case_id in session.exec(stmt) if case_id is not None]


def claim_due_drafts(
    session: Session,
    ids: Sequence[int],
    now: datetime,
    schedule: Schedule,
) -> list[DueDraft]:
    """Those of `ids` that are still due, locked until the caller's transaction ends; another instance's
    sweep skips them."""
    rows = session.execute(
        sa_select(
            col(Case.id),
            col(Case.channel),
            col(Case.reporter),
            col(Case.status),
            col(Case.asked_at),
            col(Case.reminders_sent),
        )
        .where(col(Case.id).in_(ids), _due(now, schedule))
        .with_for_update(skip_locked=True)
    ).all()
    return [DueDraft(*row) for row in rows]


def advance_reminders(session: Session, reminded: Sequence[DueDraft], now: datetime) -> None:
    """Count one more reminder on each reminded draft, only where no one else counted it meanwhile."""
    for step in {d.reminders_sent for d in reminded}:
        session.execute(
            update(Case)
            .where(
                col(Case.id).in_([d.id for d in reminded if d.reminders_sent == step]),
                col(Case.reminders_sent) == step,
            )
            .values(reminders_sent=step + 1, updated_at=now)
        )
