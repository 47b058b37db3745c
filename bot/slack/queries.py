"""The store reads and writes only Slack needs: case threads, a user's cases, their open draft.

Kept beside the Slack code rather than in `store/cases.py` because nothing else uses them; each takes
the caller's session (or the store, for the deliverer's own short transactions).
"""

from __future__ import annotations

from sqlalchemy import or_
from sqlmodel import Session, col, select

from bot.slack.identity import SlackUser
from store.db import Store
from store.models import Case

_LIST_LIMIT = 50


def visible_cases(session: Session, user: SlackUser, *, limit: int = _LIST_LIMIT) -> list[Case]:
    """The cases this user may see, newest first: all for staff, else their organisation's and their own."""
    stmt = select(Case).order_by(col(Case.id).desc()).limit(limit)
    if not user.staff:
        mine = col(Case.reporter) == user.id
        stmt = stmt.where(or_(mine, col(Case.customer) == user.customer) if user.customer else mine)
    return list(session.exec(stmt))


def case_in_thread(session: Session, channel: str, thread_ts: str) -> Case | None:
    """The case whose Slack thread this is."""
    return session.exec(
        select(Case).where(Case.slack_channel == channel, Case.slack_thread_ts == thread_ts)
    ).first()


def waiting_draft(session: Session, user_id: str) -> Case | None:
    """The user's newest Slack case that is waiting for their answers: where a bare DM reply belongs."""
    return session.exec(
        select(Case)
        .where(Case.reporter == user_id, Case.channel == "slack", Case.status == "draft")
        .order_by(col(Case.id).desc())
    ).first()


def case_thread(store: Store, case_id: int) -> tuple[str, str] | None:
    """The case's Slack thread (channel, ts), once its first message was posted."""
    with store.session() as session:
        case = session.get(Case, case_id)
        if case is None or not (case.slack_channel and case.slack_thread_ts):
            return None
        return case.slack_channel, case.slack_thread_ts


def remember_thread(store: Store, case_id: int, channel: str, ts: str) -> None:
    """Make a posted message the case's thread, unless another one already is."""
    with store.session() as session:
        case = session.get(Case, case_id)
        if case is not None and not case.slack_thread_ts:
            case.slack_channel = channel
            case.slack_thread_ts = ts
            session.add(case)
