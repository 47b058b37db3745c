"""The audit log: an append-only record of what happened to which case."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from store.models import AuditEntry, utcnow


def record(
    session: Session, action: str, *, case_id: int | None, actor: str = "casebot", **detail: Any
) -> None:
    """Append one entry, in the caller's transaction."""
    session.add(AuditEntry(at=utcnow(), case_id=case_id, actor=actor[:320], action=action, detail=detail))


def entries_for(session: Session, case_id: int) -> list[AuditEntry]:
    return list(
        session.exec(select(AuditEntry).where(AuditEntry.case_id == case_id).order_by(col(AuditEntry.id)))
    )
