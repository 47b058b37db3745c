"""The audit log: an append-only record of what happened to which case."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert
from sqlmodel import Session, col, select

from store.models import AuditEntry, utcnow


def record(
    session: Session, action: str, *, case_id: int | None, actor: str = "casebot", **detail: Any
) -> None:
    """Append one entry, in the caller's transaction."""
    session.add(AuditEntry(at=utcnow(), case_id=case_id, actor=actor[:320], action=action, detail=detail))


def record_many(session: Session, entries: list[dict[str, Any]]) -> None:
    """Append many entries (`action`, `case_id`, optional `actor`, `detail`) in one statement."""
    if not entries:
        return
    now = utcnow()
    session.execute(
        insert(AuditEntry),
        [
            {
                "at": now,
                "case_id": e["case_id"],
                "actor": e.get("actor", "casebot")[:320],
                "action": e["action"],
                "detail": e.get("detail", {}),
            }
            for e in entries
        ],
    )


def entries_for(session: Session, case_id: int) -> list[AuditEntry]:
    return list(
        session.exec(select(AuditEntry).where(AuditEntry.case_id == case_id).order_by(col(AuditEntry.id)))
    )
