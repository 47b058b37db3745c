"""Inbox rows for mail imported from an existing mailbox (`casebot import`).

An imported message is stored already claimed by the importer, not `pending` as the edge stores
mail: a `casebot serve` running on the same store must not pick it up and answer
year-old mail. The importer stores and processes a batch of messages in one transaction, so no row
outlives an import that stopped (the mailbox file still has the messages: the next run imports them).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import timedelta

from sqlalchemy import delete, func, update
from sqlmodel import Session, col, select

from store.db import Store
from store.inbox import Arrival, insert_arrivals
from store.models import Case, CaseMessage, CaseStatus, InboundMessage, InboundRaw, InboundStatus

#: The `peer` of an imported message's inbox row (the SMTP edge stores the client's address there).
IMPORT_PEER = "import"

# Long enough that no inbox sweep takes over a row the importer is still working on.
IMPORT_LEASE = timedelta(hours=1)


def stage_for_import(session: Session, arrivals: Sequence[Arrival]) -> list[int]:
    """Store messages in the caller's transaction, claimed by the importer; returns their inbox ids.

    The importer stores and processes a batch in one transaction: a crash or a stop loses the whole
    uncommitted batch, inbox rows included, and the next run reads those messages from the mailbox
    again. Raises what the driver raises.
    """
    if not arrivals:
        return []
    return insert_arrivals(session.connection(), arrivals, claimed_for=IMPORT_LEASE)


def staged_rows(session: Session, inbound_ids: Sequence[int]) -> list[InboundMessage]:
    """The staged rows, loaded in one query: while the caller holds the list, reading one of them
    by id in this session (as processing does) costs no query."""
    if not inbound_ids:
        return []
    return list(session.exec(select(InboundMessage).where(col(InboundMessage.id).in_(inbound_ids))))


def discard_staged(session: Session, inbound_ids: Sequence[int]) -> int:
    """Remove staged rows that were never processed (the import stopped); returns how many went.

    A row already done or quarantined stays."""
    if not inbound_ids:
        return 0
    unprocessed = select(InboundMessage.id).where(
        col(InboundMessage.id).in_(inbound_ids), col(InboundMessage.status) == InboundStatus.PROCESSING
    )
    gone = list(session.exec(unprocessed))
    if gone:
        session.execute(delete(InboundRaw).where(col(InboundRaw.inbound_id).in_(gone)))
        session.execute(delete(InboundMessage).where(col(InboundMessage.id).in_(gone)))
    return len(gone)


def quarantine_staged(session: Session, inbound_id: int, error: str) -> None:
    """Quarantine an imported message whose processing failed, with its error, where `casebot inbox
    failed` shows it (an import tries a message once: running it again is the retry)."""
    session.execute(
        update(InboundMessage)
        .where(col(InboundMessage.id) == inbound_id)
        .values(status=InboundStatus.FAILED, claimed_until=None, last_error=error[:4000])
    )


def known_message_ids(session: Session, message_ids: Iterable[str]) -> set[str]:
    """Which of these Message-IDs are already part of a case (a re-run skips them), in one query."""
    wanted = list(dict.fromkeys(message_ids))
    if not wanted:
        return set()
    found = session.exec(
        select(CaseMessage.external_id).where(col(CaseMessage.external_id).in_(wanted)).distinct()
    )
    return {message_id for message_id in found if message_id is not None}


def forget_unsent_questions(session: Session, case_id: int) -> None:
    """Clear what a silent import 'asked': nothing was sent, so nothing may be reminded."""
    case = session.get(Case, case_id)
    if case is not None and case.asked:
        case.asked = []
        case.asked_at = None
        session.add(case)


def waiting_for_staff(store: Store) -> int:
    """How many imported cases are open: complete, and for staff to handle."""
    with store.session() as session:
        stmt = (
            select(func.count())
            .select_from(Case)
            .where(col(Case.imported).is_(True), col(Case.status) == CaseStatus.OPEN)
        )
        return int(session.exec(stmt).one())
