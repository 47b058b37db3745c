"""Drafts that owe a reminder: found by the schedule, claimed once, moved one step on."""

from __future__ import annotations

from datetime import timedelta

from store import reminders
from store.cases import create_case
from store.db import Store
from store.models import Case, CaseStatus, utcnow

SCHEDULE = reminders.Schedule(after_hours=(24.0, 72.0), abandon_after_days=7.0)


def _draft(store: Store, asked_hours_ago: float, *, status: str = CaseStatus.DRAFT, sent: int = 0) -> int:
    with store.session() as session:
        case = create_case(
            session,
            subject="stille",
            status=status,
            reporter="kari@acme.no",
            asked=["browser"],
            asked_at=utcnow() - timedelta(hours=asked_hours_ago),
            reminders_sent=sent,
        )
        assert case.id is not None
        return case.id


def test_due_drafts_follow_the_schedule(store: Store) -> None:
    """Silent a day: the first reminder; three days after one reminder: the second; a week: abandoned."""
    first = _draft(store, 25)
    not_yet = _draft(store, 23)
    second = _draft(store, 73, sent=1)
    waiting = _draft(store, 50, sent=1)
    abandoned = _draft(store, 24 * 7 + 1, sent=2)
    _draft(store, 100, status=CaseStatus.OPEN)
    with store.session() as session:
        due = reminders.due_draft_ids(session, utcnow(), SCHEDULE)
    assert due == [first, second, abandoned]
    assert not_yet not in due and waiting not in due


def test_a_claimed_draft_moves_one_step_once(store: Store) -> None:
    """Advancing twice from the same claim counts one reminder: the second update finds the step moved."""
    case_id = _draft(store, 25)
    now = utcnow()
    with store.session() as session:
        (draft,) = reminders.claim_due_drafts(session, [case_id], now, SCHEDULE)
        reminders.advance_reminders(session, [draft], now)
    with store.session() as session:
        reminders.advance_reminders(session, [draft], now)
        assert reminders.claim_due_drafts(session, [case_id], now, SCHEDULE) == []
        case = session.get(Case, case_id)
        assert case is not None and case.reminders_sent == 1
