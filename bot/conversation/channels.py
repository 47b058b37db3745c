"""The two seams between the engine and the outside: answering a customer, and telling staff.

Each channel (email, Slack) implements `CustomerChannel`; staff are told through every configured
`StaffNotifier`. Both write to the outbox in the caller's transaction and never do I/O themselves.
"""

from __future__ import annotations

from typing import Any, Protocol

from sqlmodel import Session

from bot.conversation.replies import Reply
from store.models import Case


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
    def notify(self, session: Session, case: Case, *, kind: str, missing: list[str]) -> None:
        """Queue a staff notification about a case (`new`, `complete`, `grant_alert`, ...)."""
        ...
