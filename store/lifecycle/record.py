"""What the GDPR art. 30(2) record is made of: cases and the audit entries that shape their history.

The engine records a field's old and new value in `case.fields` entries for the fields named in
`RECORDED` (`recorded_values` before it applies an answer, `changed_values` after), so the record
can tell when processing of personal data started and stopped even when the customer changed their
answer. Entries written before that carry only field names; their values cannot be recovered.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sqlalchemy import Text, cast
from sqlmodel import Session, col, select

from store.models import AuditEntry, Case

#: Fields whose values the record needs over time.
RECORDED: tuple[str, ...] = ("personal_data", "requested_handler")

#: The audit actions that open, close or change a case's processing of personal data.
HISTORY_ACTIONS: tuple[str, ...] = (
    "case.created",
    "case.opened",
    "case.closed",
    "case.reopened",
    "case.fields",
)


def recorded_values(case: Case) -> dict[str, Any]:
    """The recorded fields' values now (take this before applying an answer)."""
    return {name: getattr(case, name) for name in RECORDED}


def changed_values(before: Mapping[str, Any], case: Case) -> dict[str, list[Any]]:
    """`{field: [old, new]}` for each recorded field that changed since `before`."""
    return {
        name: [before[name], getattr(case, name)]
        for name in RECORDED
        if name in before and before[name] != getattr(case, name)
    }


def histories(session: Session, *, batch: int = 200) -> Iterator[tuple[Case, list[AuditEntry]]]:
    """Every case that processes or once processed personal data, with its history entries in order.

    A case counts if its answer is yes now, or an audit entry says its answer changed (it may have
    been yes for a while).
    """
    now_yes = session.exec(select(Case.id).where(col(Case.personal_data).is_(True)))
    changed = session.exec(
        select(AuditEntry.case_id).where(
            col(AuditEntry.action) == "case.fields",
            cast(col(AuditEntry.detail), Text).like("%personal_data%"),
        )
    )
    ids = sorted({i for i in (*now_yes, *changed) if i is not None})
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        cases = session.exec(select(Case).where(col(Case.id).in_(chunk)).order_by(col(Case.id))).all()
        entries: dict[int, list[AuditEntry]] = {i: [] for i in chunk}
        for entry in session.exec(
            select(AuditEntry)
            .where(col(AuditEntry.case_id).in_(chunk), col(AuditEntry.action).in_(HISTORY_ACTIONS))
            .order_by(col(AuditEntry.id))
        ):
            assert entry.case_id is not None
            entries[entry.case_id].append(entry)
        for case in cases:
            assert case.id is not None
            yield case, entries[case.id]
