"""The two seams between the engine and the outside: answering a customer, and telling staff.

Each channel (email, Slack) implements `CustomerChannel`; staff are told through every configured
`StaffNotifier`. Both write to the outbox in the caller's transaction and never do I/O themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from sqlmodel import Session

from bot.conversation.replies import Reply
from store.models import Attachment, Case


@dataclass(frozen=True)
class Said:
    """A customer's later message on a case, as staff are told of it: who, their words, their files.

    `message_id` is the message's own id on its channel (an email Message-ID, a Slack id), which keeps a
    notification of it from being queued twice."""

    sender: str
    sender_name: str
    text: str
    files: Sequence[Attachment] = ()
    message_id: str | None = None


class CustomerChannel(Protocol):
    name: str

    def send(
        self,
        session: Session,
        case: Case,
        reply: Reply,
        *,
        context: dict[str, Any],
        dedupe_key: str | None = None,
    ) -> bool:
        """Queue a reply to the case's reporter; False when it was suppressed (rate limit, duplicate)."""
        ...


class StaffNotifier(Protocol):
    def notify(
        self, session: Session, case: Case, *, kind: str, missing: list[str], said: Said | None = None
    ) -> None:
        """Queue a staff notification about a case: `new`, `complete`, `grant_alert`, or `followup`
        (a customer's later message on an open case, `said`). A notifier ignores kinds it has no use
        for."""
        ...
