"""The audit log: an append-only record of what happened to which case."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, insert
from sqlmodel import Session, col, select

from store.models import AuditEntry, utcnow

_AUDIT: Table = AuditEntry.__table__  # type: ignore[attr-defined]  # set by SQLModel at class creation, not declared
_INSERT = insert(_AUDIT)  # built once: it runs for nearly every message


def record(
    session: Session, action: str, *, case_id: int | None, actor: str = "casebot", **detail: Any
) -> None:
    """Append one entry, in the caller's transaction, at once.

    A Core insert on the session's connection: entries are only ever appended, never read back as
    objects in the transaction that writes them, so they need no ORM object, no place in the next
    flush, and no flush of the caller's pending changes first. The case it names must be in the
    database already (`create_case` inserts at once).
    """
    session.connection().execute(
        _INSERT,
        {"at": utcnow(), "case_id": case_id, "actor": actor[:320], "action": action, "detail": detail},
    )


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
